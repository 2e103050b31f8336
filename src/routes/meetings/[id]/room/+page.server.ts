import { error, fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { announceMeetingChange } from '$lib/server/platform/live';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { admitToMeeting, askToJoin, confirmConfidentiality } from '$lib/server/meeting/attendance';
import { requireRoom } from '$lib/server/meeting/room-access';
import { roomForReader } from '$lib/server/meeting/room-view';
import { previousMinutes } from '$lib/server/meeting/minutes-approval';
import {
	addActionInRoom,
	deferFromRoom,
	openGateInRoom,
	reviewOverdueAction,
	saveOutcomeFromRoom,
	withdrawFromRoom,
	type RoomRefusal
} from '$lib/server/meeting/room-decisions';
import {
	concludeWhenConfirmed,
	reviewActionsLater,
	reviewSelectedActions,
	takeItemAfterReview
} from '$lib/server/meeting/room-start-and-close';
import { takeRefusalMessage } from '$lib/server/meeting/room-rules';
import { requestedPage } from '$lib/server/http/paging';
import { todayInEngland } from '$lib/dates';
import { notFound, recordId } from '$lib/server/policy/refusal';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** A refusal of the room's, in the words and with the answer the room gives it. */
function refused(refusal: RoomRefusal) {
	switch (refusal) {
		case 'not-on-agenda':
			return notFound('That item is not on this agenda');
		case 'chair-not-agreed':
			return fail(409, { roomError: 'Confirm the confidentiality statement first' });
		case 'no-later-meeting':
			return fail(409, { roomError: 'There is no later meeting to defer this item to' });
		case 'not-a-family-item':
			return error(409, 'Only a family item is withdrawn here');
		case 'gate-open':
			return error(409, 'The consent gate is open: record an outcome instead');
		case 'gate-shut':
			return error(409, 'Open the consent gate before recording an outcome for this family');
		case 'advice-while-gate-open':
			return error(409, 'The consent gate is open: record the outcome for the family');
		case 'not-agreed':
			return fail(409, {
				roomError: 'Agree the confidentiality statement before recording an outcome for this family'
			});
		case 'already-reviewed':
			return fail(409, {
				roomError: 'That action has already been reviewed, or is no longer overdue'
			});
	}
}

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, meeting, role, organiser } = await requireRoom(locals, params.id);
	const room = await roomForReader(
		appDatabase().db,
		meeting,
		{ id: user.id, ip: getClientAddress(), role, organiser },
		todayInEngland(),
		requestedPage(url)
	);
	// The new action and review decision forms: a post sent twice with it records once.
	return {
		...room,
		formKey: organiser ? newFormKey() : null,
		// The chair approves the last meeting's minutes here (their page's action does it).
		previousMinutes: role === 'chair' ? await previousMinutes(appDatabase().db, meeting) : null
	};
};

function changed<T>(meetingId: number, result: T): T {
	announceMeetingChange(meetingId);
	return result;
}

/**
 * A decision the organisers take in the room: the meeting (refused to anyone else), the form sent,
 * who decided from where, and today.
 */
async function organiserDecision({ locals, params, request, getClientAddress }: RequestEvent) {
	const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
	const form = await request.formData();
	return { meeting, form, by: { id: user.id, ip: getClientAddress() }, today: todayInEngland() };
}

export const actions: Actions = {
	confirm: async ({ locals, params, getClientAddress }) => {
		const { user, meeting, organiser } = await requireRoom(locals, params.id);
		const agreed = await confirmConfidentiality(appDatabase().db, meeting.id, {
			id: user.id,
			ip: getClientAddress(),
			organiser
		});
		if (agreed === 'not-admitted')
			return fail(409, {
				roomError:
					'The register does not have you present: ask the chair to let you in, then agree the statement'
			});
		return changed(meeting.id, { confirmedNow: true });
	},

	askToJoin: async ({ locals, params, getClientAddress }) => {
		const { user, meeting, organiser } = await requireRoom(locals, params.id);
		const asked = await askToJoin(appDatabase().db, meeting.id, {
			id: user.id,
			ip: getClientAddress(),
			organiser
		});
		return asked ? changed(meeting.id, { askedToJoin: true }) : { askedToJoin: false };
	},

	admit: async (event) => {
		const { meeting, form, by } = await organiserDecision(event);
		const person = recordId(form.get('person'));
		const admitted = await admitToMeeting(appDatabase().db, meeting.id, person, by);
		if (!admitted) return fail(409, { roomError: 'That person is not asking to join' });
		return changed(meeting.id, { admitted: person });
	},

	take: async (event) => {
		const { meeting, form, today } = await organiserDecision(event);
		const itemId = recordId(form.get('item'));
		const answer = await takeItemAfterReview(appDatabase().db, meeting, itemId, today);
		if (!answer.done)
			return answer.refused === 'not-on-agenda'
				? refused(answer.refused)
				: fail(409, { takeRefused: takeRefusalMessage(answer.refused) });
		return changed(meeting.id, { took: itemId });
	},

	reviewLater: async (event) => {
		const { meeting, by } = await organiserDecision(event);
		await reviewActionsLater(appDatabase().db, meeting.id, by);
		return changed(meeting.id, { reviewLater: true });
	},

	openGate: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'chair');
		const itemId = recordId((await request.formData()).get('item'));
		const answer = await openGateInRoom(
			appDatabase().db,
			meeting,
			itemId,
			{ id: user.id, ip: getClientAddress() },
			todayInEngland()
		);
		if (!answer.done) return refused(answer.refused);
		return changed(
			meeting.id,
			answer.opened ? { gateOpened: true } : { gateRefused: answer.reason }
		);
	},

	defer: async (event) => {
		const { meeting, form, by, today } = await organiserDecision(event);
		const item = recordId(form.get('item'));
		const answer = await deferFromRoom(appDatabase().db, meeting, item, form, by, today);
		if (!answer.done)
			return 'refused' in answer
				? refused(answer.refused)
				: fail(400, { errors: answer.errors as Record<string, string> });
		return changed(meeting.id, { deferredTo: answer.toMeetingDate });
	},

	withdraw: async (event) => {
		const { meeting, form, by } = await organiserDecision(event);
		const itemId = recordId(form.get('item'));
		const answer = await withdrawFromRoom(appDatabase().db, meeting.id, itemId, by);
		if (!answer.done) return refused(answer.refused);
		return changed(meeting.id, { withdrawn: true });
	},

	outcome: async (event) => {
		const { meeting, form, by, today } = await organiserDecision(event);
		const item = recordId(form.get('item'));
		const answer = await saveOutcomeFromRoom(appDatabase().db, meeting, item, form, by, today);
		if (!answer.done)
			return 'refused' in answer
				? refused(answer.refused)
				: fail(answer.conflict ? 409 : 400, {
						outcomeValues: answer.values,
						errors: answer.errors
					});
		return changed(meeting.id, { outcomeSaved: true, version: answer.version });
	},

	action: async (event) => {
		const { meeting, form, by, today } = await organiserDecision(event);
		const item = recordId(form.get('item'));
		const key = formKeyField(form);
		const answer = await addActionInRoom(appDatabase().db, meeting, item, form, by, today, key);
		if (!answer.done)
			return 'refused' in answer
				? refused(answer.refused)
				: fail(400, { actionValues: answer.values, errors: answer.errors });
		return changed(meeting.id, { actionAdded: true });
	},

	review: async (event) => {
		const { meeting, form, by, today } = await organiserDecision(event);
		const actionId = recordId(form.get('action'));
		const key = formKeyField(form);
		const db = appDatabase().db;
		const answer = await reviewOverdueAction(db, meeting, actionId, form, by, today, key);
		if (!answer.done)
			return 'refused' in answer
				? refused(answer.refused)
				: fail(400, {
						reviewValues: answer.values,
						reviewActionId: actionId,
						errors: answer.errors
					});
		return changed(meeting.id, { reviewed: actionId });
	},

	reviewSelected: async (event) => {
		const { meeting, form, by, today } = await organiserDecision(event);
		const key = formKeyField(form);
		const answer = await reviewSelectedActions(appDatabase().db, meeting, form, by, today, key);
		if (!answer.done)
			return 'stale' in answer
				? fail(409, {
						roomError: `${answer.stale} of the selected actions ${answer.stale === 1 ? 'has' : 'have'} been decided already or ${answer.stale === 1 ? 'is' : 'are'} no longer overdue: nothing was changed. Select again from the list as it is now`
					})
				: fail(400, { bulkValues: answer.values, errors: answer.errors });
		return changed(meeting.id, { bulkDecided: answer.decided, bulkKind: answer.kind });
	},

	conclude: async (event) => {
		const { meeting, form, by, today } = await organiserDecision(event);
		const confirmed = form.get('confirm') === 'yes';
		const result = await concludeWhenConfirmed(appDatabase().db, meeting, confirmed, by, today);
		if ('confirm' in result)
			return { concludeCheck: result.confirm, itemsWithoutOutcome: result.itemsWithoutOutcome };
		if (!result.concluded) {
			const missing = result.itemsWithoutOutcome;
			return fail(409, {
				roomError: `${missing} ${missing === 1 ? 'item has' : 'items have'} no outcome yet: record an outcome or defer ${missing === 1 ? 'it' : 'them'} before concluding`
			});
		}
		announceMeetingChange(meeting.id);
		redirect(303, `/meetings/${meeting.id}/minutes`);
	}
};
