import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import type { ActionListRow } from '../actions/action-list';
import type { Minutes, MinutesItem, MinutesMeeting } from './minutes';
import { formatCalendarDate, formatInstant, formatMeetingDate, formatTime } from '../../dates';
import { PART_NAMES } from '../../domain/parts';
import { PDF_STYLES } from '../http/pdf';

/**
 * The PDF downloads hold what the pages show, built from the same DTOs: so the minutes PDF obeys
 * the same identity rule for the person downloading it.
 */
const CONFIDENTIAL = 'Confidential: for members of this MAG only.';

function footer(currentPage: number, pageCount: number): Content {
	return {
		columns: [
			{ text: CONFIDENTIAL, style: 'muted', fontSize: 8 },
			{ text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', fontSize: 8 }
		],
		margin: [40, 20, 40, 0]
	};
}

function table(head: string[], rows: string[][], widths?: (string | number)[]): Content {
	const header: TableCell[] = head.map((text) => ({ text, style: 'tableHeader' }));
	return {
		table: {
			headerRows: 1,
			dontBreakRows: true,
			widths: widths ?? head.map(() => '*'),
			body: [header, ...rows]
		},
		layout: 'lightHorizontalLines',
		margin: [0, 2, 0, 8]
	};
}

function keyValues(rows: [string, string | null][]): Content {
	const shown = rows.filter((row): row is [string, string] => Boolean(row[1]));
	return {
		table: {
			widths: [130, '*'],
			body: shown.map(([key, value]) => [{ text: key, bold: true }, value])
		},
		layout: 'noBorders',
		margin: [0, 0, 0, 6]
	};
}

function meetingDetails(meeting: MinutesMeeting): Content {
	return keyValues([
		['Date', formatMeetingDate(meeting.date)],
		['Time', `${formatTime(meeting.startTime)}, ${meeting.lengthMinutes} minutes`],
		['Venue', meeting.venue],
		['Started', meeting.startedAt && formatInstant(meeting.startedAt)],
		['Concluded', meeting.concludedAt && formatInstant(meeting.concludedAt)]
	]);
}

export function actionRows(actions: ActionListRow[]): string[][] {
	return actions.map((action) => [
		action.reference,
		action.description,
		action.ownerName,
		action.ownerAgency,
		formatCalendarDate(action.dueDate)
	]);
}

const ACTION_HEAD = ['Reference', 'What', 'Owner', 'Agency', 'Due date'];
const ACTION_WIDTHS = [80, '*', 80, 90, 70];

function itemContent(item: MinutesItem): Content[] {
	const content: Content[] = [
		{ text: `Part ${item.part}: ${item.label}`, style: 'subheading' },
		keyValues([
			['Brought by', item.agencyName],
			[
				'Outcome',
				item.takenAsAdvice ? `${item.outcome} (taken anonymously as advice)` : item.outcome
			],
			['Level of need now', item.levelOfNeed],
			['Responding agency', item.responseAgency],
			['Lead professional', item.leadProfessional],
			['Next review', item.nextReviewDate && formatMeetingDate(item.nextReviewDate)],
			['Note', item.note],
			[
				'Discussion',
				item.discussionWithheld
					? 'Withheld: shown only to those present who agreed the confidentiality statement'
					: null
			]
		])
	];
	if (item.content?.part === 1)
		content.push(
			keyValues([
				['Age', item.content.advice.ageBand],
				['Setting', item.content.advice.setting],
				['The worry', item.content.advice.worry],
				['Asked for', item.content.advice.askedFor]
			])
		);
	if (item.content?.part === 4)
		content.push(
			keyValues([
				['Place', item.content.issue.place],
				['What is happening', item.content.issue.happening],
				['Wanted', item.content.issue.wanted]
			])
		);
	if (item.family) {
		content.push(
			table(
				['Family member', 'Age', 'Relationship'],
				item.family.members.map((m) => [m.name, String(m.age), m.relationship])
			)
		);
		content.push(
			table(
				['Need', 'For', item.part === 3 ? 'Status' : 'Support agreed'],
				item.family.needs.map((n) => [
					n.description,
					n.forName,
					item.part === 3 ? [n.status, n.progress].filter(Boolean).join(': ') : (n.support ?? '')
				])
			)
		);
	} else if (item.isFamilyItem && !item.takenAsAdvice) {
		content.push({
			text: 'The family’s details are shown only to those who confirmed the confidentiality statement at this meeting, once consent was checked.',
			style: 'muted',
			margin: [0, 0, 0, 6]
		});
	}
	// Under its item an action needs no reference, as on the page.
	content.push(
		item.actions.length > 0
			? table(
					ACTION_HEAD.slice(1),
					actionRows(item.actions).map((row) => row.slice(1)),
					ACTION_WIDTHS.slice(1)
				)
			: { text: 'No actions.', margin: [0, 0, 0, 6] }
	);
	return content;
}

export function minutesDocument(minutes: Minutes): TDocumentDefinitions {
	const { meeting } = minutes;
	const content: Content[] = [
		{ text: `${meeting.communityName} MAG`, style: 'caption' },
		{ text: `Minutes of the meeting on ${formatMeetingDate(meeting.date)}`, style: 'title' },
		{ text: CONFIDENTIAL, margin: [0, 0, 0, 8] },
		meetingDetails(meeting),
		{ text: 'Attendance', style: 'heading' }
	];
	for (const group of minutes.attendance) {
		content.push({ text: group.heading, style: 'subheading' });
		content.push(
			group.inTheRoom
				? table(
						['Name', 'Agency', 'Confidentiality statement'],
						group.people.map((p) => [p.name, p.agency ?? '', p.confidentiality ?? '']),
						['*', '*', 180]
					)
				: table(
						['Name', 'Agency'],
						group.people.map((p) => [p.name, p.agency ?? ''])
					)
		);
	}
	for (const part of [1, 2, 3, 4] as const) {
		content.push({ text: `Part ${part}: ${PART_NAMES[part]}`, style: 'heading' });
		const items = minutes.items.filter((item) => item.part === part);
		if (items.length === 0) content.push({ text: 'No items.' });
		for (const item of items) content.push(...itemContent(item));
	}
	if (minutes.notTaken.length > 0) {
		content.push({ text: 'Items deferred or withdrawn', style: 'heading' });
		content.push(
			table(
				['Part', 'Item', 'What happened'],
				minutes.notTaken.map((item) => [String(item.part), item.label, item.what]),
				[30, '*', '*']
			)
		);
	}
	if (minutes.otherActions.length > 0) {
		content.push({ text: 'Other actions', style: 'heading' });
		content.push(table(ACTION_HEAD, actionRows(minutes.otherActions), ACTION_WIDTHS));
	}
	return {
		info: {
			title: `Minutes, ${meeting.communityName} MAG, ${formatMeetingDate(meeting.date)}`
		},
		content,
		styles: PDF_STYLES,
		footer
	};
}

export function actionListDocument(
	meeting: { communityName: string; date: string },
	actions: ActionListRow[],
	agency: string | null
): TDocumentDefinitions {
	const title = agency ? `Actions for ${agency}` : 'Action list';
	return {
		info: { title: `${title}, ${meeting.communityName} MAG, ${formatMeetingDate(meeting.date)}` },
		pageOrientation: 'landscape',
		content: [
			{
				text: `${meeting.communityName} MAG, ${formatMeetingDate(meeting.date)}`,
				style: 'caption'
			},
			{ text: title, style: 'title' },
			{ text: CONFIDENTIAL, margin: [0, 0, 0, 8] },
			actions.length > 0
				? table(ACTION_HEAD, actionRows(actions), [110, '*', 120, 140, 90])
				: { text: 'No actions were agreed.' }
		],
		styles: PDF_STYLES,
		footer
	};
}
