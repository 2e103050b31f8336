import { error, fail } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { acceptItems, decideItem } from '$lib/server/agenda/agenda';
import { moveItem, reorderAgenda } from '$lib/server/agenda/reorder';
import { textField } from '$lib/server/http/forms';
import { advanceMeeting } from '$lib/server/agenda/meetings';
import { agendaForReader } from '$lib/server/meeting/agenda-view';
import {
	chosenId,
	readAgendaDeferral,
	readDecline,
	readAcceptances,
	readItemMinutes
} from '$lib/server/meeting/agenda-form';
import { agendaBeingBuilt } from '$lib/server/meeting/stages';
import { formatMeetingDate, todayInEngland } from '$lib/dates';
import { requireAgendaReader, requireMeetingOrganiser } from '$lib/server/policy/meeting';
import type { Actions, PageServerLoad } from './$types';
import { scheduleReviews } from '$lib/server/agenda/reviews-due';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { meeting, building } = await requireAgendaReader(locals, params.id);
	return agendaForReader(appDatabase().db, meeting, building, todayInEngland());
};

async function requireBuilder(locals: App.Locals, id: string) {
	const access = await requireMeetingOrganiser(locals, id, 'agenda');
	if (!agendaBeingBuilt(access.meeting.status)) {
		error(409, 'The agenda has been published and can no longer be changed');
	}
	return access;
}

function itemId(form: FormData): number {
	return chosenId(form, 'item') ?? error(400, 'No item chosen');
}

export const actions: Actions = {
	accept: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const id = itemId(form);
		const read = readItemMinutes(form, id);
		if ('errors' in read) return fail(400, { itemId: id, ...read });
		await decideItem(
			appDatabase().db,
			meeting.id,
			id,
			{ kind: 'accept', minutes: read.minutes },
			{ id: user.id, ip: getClientAddress() }
		);
		return { done: 'Item added to the agenda.' };
	},

	acceptSelected: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const read = readAcceptances(await request.formData());
		if ('errors' in read) return fail(400, read);
		const ok = await acceptItems(appDatabase().db, meeting.id, read.items, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!ok)
			return fail(409, { actionError: 'Nothing was added: an item chosen is no longer waiting' });
		const n = read.items.length;
		return { done: `${n} ${n === 1 ? 'item' : 'items'} added to the agenda.` };
	},

	decline: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const id = itemId(form);
		const read = readDecline(form, id, todayInEngland());
		if ('errors' in read) return fail(400, { itemId: id, ...read });
		await decideItem(
			appDatabase().db,
			meeting.id,
			id,
			{ kind: 'decline', reason: read.reason },
			{ id: user.id, ip: getClientAddress() }
		);
		return { done: 'Item declined. The submitter has been told why.' };
	},

	defer: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const id = itemId(form);
		const { db } = appDatabase();
		const read = await readAgendaDeferral(db, meeting, form, id, todayInEngland());
		if ('errors' in read) return fail(400, { itemId: id, ...read });
		await decideItem(
			db,
			meeting.id,
			id,
			{
				kind: 'defer',
				toMeetingId: read.toMeeting.id,
				toMeetingDate: formatMeetingDate(read.toMeeting.date),
				reason: read.reason
			},
			{ id: user.id, ip: getClientAddress() }
		);
		return {
			done: `Item deferred to ${formatMeetingDate(read.toMeeting.date)}. The submitter has been told.`
		};
	},

	/** Up, Down, or "Move" to the position chosen: the forms that work without JavaScript. */
	move: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const id = itemId(form);
		const direction = textField(form, 'direction');
		const position = Number(textField(form, 'position'));
		const to =
			direction === 'up' || direction === 'down'
				? direction
				: Number.isInteger(position) && position > 0
					? { position }
					: error(400, 'No position chosen');
		const result = await moveItem(appDatabase().db, meeting.id, id, to, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!result.ok) return fail(409, { actionError: result.reason });
		return { moved: id };
	},

	/** The whole agenda in a new order, first to last: what dragging an item sends. */
	reorder: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const form = await request.formData();
		const order = form.getAll('order').map((value) => Number(value));
		const result = await reorderAgenda(appDatabase().db, meeting.id, order, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!result.ok) return fail(409, { actionError: result.reason });
		return { moved: chosenId(form, 'item') };
	},

	scheduleReviews: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireBuilder(locals, params.id);
		const caseIds = (await request.formData())
			.getAll('case')
			.map((value) => Number(value))
			.filter((id) => Number.isInteger(id) && id > 0);
		const result = await scheduleReviews(appDatabase().db, meeting.id, caseIds, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!result.ok) return fail(409, { actionError: result.reason });
		return {
			done:
				`${result.count} ${result.count === 1 ? 'review' : 'reviews'} scheduled: waiting for ` +
				`your decision below. Each lead professional has been asked to say how each need is going.`
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
