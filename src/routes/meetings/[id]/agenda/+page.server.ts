import { error, fail } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import {
	buildAgenda,
	decideItem,
	deferralReasonOptions,
	moveItem,
	readDeclineReason,
	readDeferralReason
} from '$lib/server/agenda/agenda';
import { textField } from '$lib/server/http/forms';
import { advanceMeeting, listMeetings } from '$lib/server/agenda/meetings';
import { reviewsDue, scheduleReview } from '$lib/server/agenda/reviews-due';
import { formatMeetingDate, todayInEngland } from '$lib/dates';
import { requireAgendaReader, requireMeetingOrganiser } from '$lib/server/policy/meeting';
import type { Actions, PageServerLoad } from './$types';
import { DEFAULT_MINUTES } from '$lib/domain/meeting';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { meeting, building } = await requireAgendaReader(locals, params.id);
	const { db } = appDatabase();
	const agenda = await buildAgenda(db, meeting.id, meeting.lengthMinutes);
	// What every member sees once published: the part, a neutral label, the agency and the time.
	// Never the text of an item, and never a family's details.
	const line = (item: (typeof agenda.accepted)[number]) => ({
		id: item.id,
		part: item.part,
		label: item.label,
		agencyName: item.agencyName,
		minutes: item.minutes,
		late: item.late,
		stuck: item.stuck
	});
	const later = building
		? (await listMeetings(db, meeting.communityId, todayInEngland())).upcoming
				.filter((m) => m.date > meeting.date)
				.map((m) => ({ id: m.id, date: m.date }))
		: [];
	return {
		meeting: {
			id: meeting.id,
			date: meeting.date,
			communityName: meeting.communityName,
			lengthMinutes: meeting.lengthMinutes,
			status: meeting.status,
			startTime: meeting.startTime,
			venue: meeting.venue
		},
		building,
		accepted: agenda.accepted.map(line),
		waiting: building
			? agenda.waiting.map((item) => ({
					...line(item),
					submitterName: item.submitterName,
					status: item.status,
					defaultMinutes: DEFAULT_MINUTES[item.part]
				}))
			: [],
		totalMinutes: agenda.totalMinutes,
		overrunMinutes: agenda.overrunMinutes,
		familyItems: agenda.familyItems,
		tooManyFamilyItems: agenda.tooManyFamilyItems,
		familyItemLimit: agenda.familyItemLimit,
		laterMeetings: later,
		deferralReasons: building ? deferralReasonOptions() : [],
		// Suggested to the chair while building: the case reference, initials and LP, nothing more.
		reviewsDue: building ? await reviewsDue(db, meeting.id) : []
	};
};

async function requireBuilder(locals: App.Locals, id: string) {
	const access = await requireMeetingOrganiser(locals, id, 'agenda');
	if (access.meeting.status !== 'scheduled' && access.meeting.status !== 'agenda-open') {
		error(409, 'The agenda has been published and can no longer be changed');
	}
	return access;
}

function itemId(form: FormData): number {
	const id = Number(textField(form, 'item'));
	if (!Number.isInteger(id)) error(400, 'No item chosen');
	return id;
}

export const actions: Actions = {
	accept: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const id = itemId(form);
		const minutes = Number(textField(form, 'minutes'));
		if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
			return fail(400, {
				itemId: id,
				typed: { minutes: textField(form, 'minutes') },
				errors: { [`minutes-${id}`]: 'Enter a time from 1 to 60 minutes' } as Record<string, string>
			});
		}
		await decideItem(
			appDatabase().db,
			meeting.id,
			id,
			{ kind: 'accept', minutes },
			{ id: user.id, ip: getClientAddress() }
		);
		return { done: 'Item added to the agenda.' };
	},

	decline: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const id = itemId(form);
		const why = readDeclineReason(form, todayInEngland());
		if (!why.ok) {
			return fail(400, {
				itemId: id,
				typed: { reason: textField(form, 'reason') },
				errors: { [`reason-${id}`]: why.error } as Record<string, string>
			});
		}
		await decideItem(
			appDatabase().db,
			meeting.id,
			id,
			{ kind: 'decline', reason: why.reason },
			{ id: user.id, ip: getClientAddress() }
		);
		return { done: 'Item declined. The submitter has been told why.' };
	},

	defer: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const id = itemId(form);
		const { db } = appDatabase();
		const later = (await listMeetings(db, meeting.communityId, todayInEngland())).upcoming.filter(
			(m) => m.date > meeting.date
		);
		const target = later.find((m) => String(m.id) === textField(form, 'toMeeting'));
		const why = readDeferralReason(form);
		if (!target || !why.ok) {
			const errors: Record<string, string> = {};
			if (!target) errors[`toMeeting-${id}`] = 'Choose a later meeting';
			if (!why.ok) errors[`deferReason-${id}`] = why.error;
			return fail(400, {
				itemId: id,
				typed: {
					toMeeting: textField(form, 'toMeeting'),
					deferReason: textField(form, 'deferReason')
				},
				errors
			});
		}
		await decideItem(
			db,
			meeting.id,
			id,
			{
				kind: 'defer',
				toMeetingId: target.id,
				toMeetingDate: formatMeetingDate(target.date),
				reason: why.reason
			},
			{ id: user.id, ip: getClientAddress() }
		);
		return {
			done: `Item deferred to ${formatMeetingDate(target.date)}. The submitter has been told.`
		};
	},

	move: async ({ locals, params, request }) => {
		const { meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const direction = textField(form, 'direction') === 'up' ? 'up' : 'down';
		await moveItem(appDatabase().db, meeting.id, itemId(form), direction);
		return {};
	},

	scheduleReview: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const caseId = Number(textField(await request.formData(), 'case'));
		if (!Number.isInteger(caseId)) error(400, 'No case chosen');
		const result = await scheduleReview(appDatabase().db, meeting.id, caseId, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!result.ok) return fail(409, { actionError: result.reason });
		return {
			done:
				`Review of ${result.reference} scheduled: it is waiting for your decision below. ` +
				`${result.leadProfessionalName}, the lead professional, has been asked to say how each ` +
				`need is going.`
		};
	},

	publish: async ({ locals, params, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const ok = await advanceMeeting(appDatabase().db, meeting.id, 'agenda-open', {
			id: user.id,
			ip: getClientAddress()
		});
		if (!ok) return fail(409, { actionError: 'Open the agenda before publishing it' });
		return { done: 'The agenda is published. Members of the MAG can now see it.' };
	}
};
