import { differenceInCalendarDays } from 'date-fns';
import { formatCalendarDate, formatInstant, formatMeetingDate, formatTime } from '../../dates';
import { config } from '../platform/config';
import { councilName } from '../council/council';
import type { ActionFact } from './action-facts';

/**
 * The words of each email. Every one carries references and links, never a family's name or
 * details, and never what an action says (see action-facts.ts): the reader signs in for those.
 */
export interface MailContent {
	subject: string;
	text: string;
}

export const links = {
	meeting: (origin: string, meetingId: number) => `${origin}/meetings/${meetingId}`,
	/** The owner's own actions: open to them whether or not they belong to that MAG. */
	myActions: (origin: string) => `${origin}/actions`,
	emailSettings: (origin: string) => `${origin}/account/email`
};

function footer(origin: string, optional: boolean): string {
	const lines = [
		'--',
		`${config.serviceName}, ${councilName()}.`,
		'To keep families safe, emails from this service give references only, never names or details.'
	];
	if (optional) {
		lines.push(`To turn off reminders or the weekly summary: ${links.emailSettings(origin)}`);
	}
	return lines.join('\n');
}

const meetingName = (action: Pick<ActionFact, 'communityName' | 'meetingDate'>) =>
	`the ${action.communityName} MAG meeting on ${formatCalendarDate(action.meetingDate)}`;

export function invitationMail(input: {
	name: string;
	link: string;
	expiresAt: string;
	reissued: boolean;
}): MailContent {
	const opening = input.reissued
		? `Here is a new link to set your password for ${config.serviceName}. Earlier links no longer work.`
		: `You have been invited to ${config.serviceName}, which ${councilName()} uses to run ` +
			'multi-agency group (MAG) meetings for early help.';
	return {
		subject: input.reissued
			? `Your new link to set up ${config.serviceName}`
			: `Your invitation to ${config.serviceName}`,
		text: [
			`Hello ${input.name},`,
			'',
			opening,
			'',
			`To set your password, open this link. It works once, until ${formatInstant(input.expiresAt)}:`,
			input.link,
			'',
			'If you were not expecting this email, you can ignore it.',
			'',
			`--\n${config.serviceName}, ${councilName()}.`
		].join('\n')
	};
}

export function agendaPublishedMail(input: {
	origin: string;
	name: string;
	meetingId: number;
	communityName: string;
	date: string;
	startTime: string;
	venue: string | null;
	onlineLink: string | null;
}): MailContent {
	const when = `${formatMeetingDate(input.date)} at ${formatTime(input.startTime)}`;
	return {
		subject: `Agenda published: ${input.communityName} MAG, ${formatMeetingDate(input.date)}`,
		text: [
			`Hello ${input.name},`,
			'',
			`The agenda for the ${input.communityName} MAG meeting is published.`,
			'',
			`When: ${when}`,
			...(input.venue ? [`Where: ${input.venue}`] : []),
			...(input.onlineLink ? [`Online: ${input.onlineLink}`] : []),
			'',
			'Sign in to see the agenda:',
			links.meeting(input.origin, input.meetingId),
			'',
			footer(input.origin, false)
		].join('\n')
	};
}

function actionLine(action: ActionFact, today?: string): string {
	const overdue = today !== undefined && action.dueDate < today ? ' (overdue)' : '';
	return `${action.reference}, due ${formatCalendarDate(action.dueDate)}${overdue}`;
}

export function actionListMail(input: {
	origin: string;
	name: string;
	meetingId: number;
	communityName: string;
	meetingDate: string;
	actions: ActionFact[];
}): MailContent {
	const count = input.actions.length;
	return {
		subject: `Your actions from the ${input.communityName} MAG meeting on ${formatCalendarDate(input.meetingDate)}`,
		text: [
			`Hello ${input.name},`,
			'',
			`The ${input.communityName} MAG meeting on ${formatMeetingDate(input.meetingDate)} agreed ` +
				`${count === 1 ? 'an action' : `${count} actions`} for you:`,
			'',
			...input.actions.map((action) => `- ${actionLine(action)}`),
			'',
			'Sign in to see what is to be done, and the whole action list:',
			links.myActions(input.origin),
			'',
			footer(input.origin, false)
		].join('\n')
	};
}

export type ReminderKind = '7-days' | 'overdue' | 'from-chair';

export function reminderMail(input: {
	origin: string;
	name: string;
	kind: ReminderKind;
	action: ActionFact;
	today: string;
}): MailContent {
	const { action } = input;
	const due = formatCalendarDate(action.dueDate);
	const overdue = action.dueDate < input.today;
	// Normally 7; fewer when the reminder went late (the server was down on the day).
	const days = differenceInCalendarDays(
		new Date(`${action.dueDate}T12:00:00Z`),
		new Date(`${input.today}T12:00:00Z`)
	);
	const inDays = days === 1 ? 'tomorrow' : `in ${days} days`;
	const subject = {
		'7-days': `An action is due ${inDays}, on ${due}`,
		overdue: `An action is overdue: it was due on ${due}`,
		'from-chair': overdue
			? `Reminder from the MAG chair: an action was due on ${due}`
			: `Reminder from the MAG chair: an action is due on ${due}`
	}[input.kind];
	const opening = {
		'7-days': `An action you own is due ${inDays}, on ${due}.`,
		overdue: `An action you own was due on ${due} and is not yet marked done.`,
		'from-chair': `The chair of the ${action.communityName} MAG asks you to look at an action you own, ${
			overdue ? `which was due on ${due}` : `due on ${due}`
		}.`
	}[input.kind];
	return {
		subject,
		text: [
			`Hello ${input.name},`,
			'',
			opening,
			'',
			`Reference: ${action.reference}`,
			`Due: ${due}`,
			`Agreed at: ${meetingName(action)}`,
			'',
			'Sign in to see what is to be done:',
			links.myActions(input.origin),
			'',
			footer(input.origin, input.kind !== 'from-chair')
		].join('\n')
	};
}

export function digestMail(input: {
	origin: string;
	name: string;
	actions: ActionFact[];
	today: string;
}): MailContent {
	const overdue = input.actions.filter((action) => action.dueDate < input.today).length;
	const count = input.actions.length;
	const lines = input.actions.flatMap((action) => [
		`- ${actionLine(action, input.today)}`,
		`  Agreed at ${meetingName(action)}: ${links.myActions(input.origin)}`
	]);
	return {
		subject: `Your open MAG actions this week: ${count}${overdue ? `, ${overdue} overdue` : ''}`,
		text: [
			`Hello ${input.name},`,
			'',
			`You have ${count === 1 ? 'one open action' : `${count} open actions`} from MAG meetings` +
				`${overdue ? ` (${overdue} overdue)` : ''}:`,
			'',
			...lines,
			'',
			'Sign in to see what is to be done for each.',
			'',
			footer(input.origin, true)
		].join('\n')
	};
}
