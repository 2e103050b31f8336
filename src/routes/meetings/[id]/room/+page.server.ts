import { error, fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import { decideItem, deferralReasonOptions, readDeferralReason } from '$lib/server/agenda/agenda';
import { readActionForm } from '$lib/server/actions/action-form';
import {
	addAction,
	listMeetingActions,
	openCaseActions,
	ownerChoices
} from '$lib/server/actions/actions';
import {
	admitToMeeting,
	askToJoin,
	confirmConfidentiality,
	listJoinRequests,
	listRegister
} from '$lib/server/meeting/attendance';
import {
	checkConsentGate,
	readConsentAtGate,
	familyOfItem,
	gateState,
	readFamily
} from '$lib/server/meeting/consent-gate';
import { latestUpdates } from '$lib/server/actions/history';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import {
	actionsForReview,
	recordReviewDecision,
	reviewedAtMeeting
} from '$lib/server/actions/actions-review';
import { readActionReviewForm } from '$lib/server/actions/review-form';
import { announceMeetingChange } from '$lib/server/platform/live';
import {
	concludeMeeting,
	itemsWithoutOutcome,
	roomAgenda,
	takeItem
} from '$lib/server/meeting/room';
import { listMeetings } from '$lib/server/agenda/meetings';
import {
	findOutcome,
	latestLevelOfNeed,
	needUpdates,
	readOutcomeForm,
	saveOutcome
} from '$lib/server/meeting/outcomes';
import { levelsOfNeed } from '$lib/server/agenda/new-caf-rules';
import { findSubmission, withdrawSubmission } from '$lib/server/agenda/submissions';
import { formatMeetingDate, todayInEngland } from '$lib/dates';
import { mayIdentify, outcomeForReader } from '$lib/server/policy/family';
import {
	hasConfirmed,
	mayAgreeOnOwnDevice,
	requireMeetingChair,
	requireMeetingMember,
	requireMeetingOrganiser,
	roomPresence
} from '$lib/server/policy/meeting';
import { notFound, recordId } from '$lib/server/policy/refusal';
import type { Actions, PageServerLoad } from './$types';
import { ADVICE_OUTCOMES, REVIEW_DECISIONS } from '$lib/domain/outcomes';
import { NEED_STATUSES } from '$lib/domain/needs';

/**
 * The room is open while the meeting runs; afterwards its minutes and action list stand. Who may
 * do what in it is the policy's: any member, the chair or a coordinator, or the chair alone.
 */
async function requireRoom(
	locals: App.Locals,
	id: string,
	who: 'member' | 'organiser' | 'chair' = 'member'
) {
	const access =
		who === 'chair'
			? await requireMeetingChair(locals, id)
			: who === 'organiser'
				? await requireMeetingOrganiser(locals, id, 'room')
				: await requireMeetingMember(locals, id);
	if (access.meeting.status === 'concluded')
		redirect(303, `/meetings/${access.meeting.id}/minutes`);
	if (access.meeting.status !== 'in-progress')
		error(409, 'This meeting has not started: the chair starts it from the meeting page');
	return access;
}

async function laterMeetings(communityId: number, date: string) {
	const { upcoming } = await listMeetings(appDatabase().db, communityId, todayInEngland());
	return upcoming.filter((m) => m.date > date).map((m) => ({ id: m.id, date: m.date }));
}

/** A case's open actions from earlier meetings, each with its latest update, for its review. */
async function caseActionsWithUpdates(caseId: number, meetingId: number) {
	const { db } = appDatabase();
	const actions = await openCaseActions(db, caseId, meetingId);
	const latest = await latestUpdates(
		db,
		actions.map((a) => a.id)
	);
	return actions.map((action) => ({ ...action, latestUpdate: latest.get(action.id) ?? null }));
}

export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const { user, meeting, role, organiser } = await requireRoom(locals, params.id);
	const { db } = appDatabase();
	const presence = await roomPresence(db, meeting.id, user.id);
	const confirmed = presence === 'in-the-room';
	const joinRequests = await listJoinRequests(db, meeting.id);
	const agenda = await roomAgenda(db, meeting.id, meeting.lengthMinutes);
	const register = await listRegister(db, meeting.id, meeting.communityId);
	const isChair = role === 'chair';

	const current = agenda.accepted.find((item) => item.id === meeting.currentItemId) ?? null;
	const today = todayInEngland();
	let item = null;
	if (current) {
		const detail = await findSubmission(db, current.id);
		const family = await familyOfItem(db, current.id);
		const gate = family ? await gateState(db, meeting.id, current.id) : null;
		// Names, ages and needs only once the gate has opened, and only for those who confirmed.
		const mayIdentifyHere =
			family !== undefined &&
			(await mayIdentify(db, user.id, family, { kind: 'meeting', meetingId: meeting.id }));
		const identified =
			family && mayIdentifyHere
				? await readFamily(db, family, {
						id: user.id,
						ip: getClientAddress(),
						why: 'discussed in the meeting'
					})
				: null;
		// The consent on file names the parents: for the chair, who checks it at the gate.
		const consent =
			family && isChair && confirmed
				? await readConsentAtGate(db, family, { id: user.id, ip: getClientAddress() })
				: undefined;
		const outcome = await findOutcome(db, current.id);
		item = {
			id: current.id,
			part: current.part,
			label: current.label,
			minutes: current.minutes,
			agencyName: current.agencyName,
			submitterName: current.submitterName,
			// Parts 1 and 4 are anonymous by rule: everyone in the room sees their text.
			content: detail?.content ?? null,
			family: family
				? {
						reference: family.reference,
						initials: family.initials,
						gate: gate!.state,
						gateReason: gate!.reason,
						consent: consent ?? null,
						members: identified?.members ?? null,
						needs: identified?.needs ?? null,
						needUpdates: identified ? await needUpdates(db, current.id) : null,
						caseActions: identified ? await caseActionsWithUpdates(family.caseId, meeting.id) : null
					}
				: null,
			// Nothing of a family's discussion for someone who may not identify them (the policy's rule).
			outcome: outcomeForReader(outcome, Boolean(family), mayIdentifyHere),
			// A review asks the level of need now, starting from the level last agreed.
			levelOfNeed:
				organiser && current.part === 3 && family && mayIdentifyHere
					? (outcome?.levelOfNeed ?? (await latestLevelOfNeed(db, family.caseId)))
					: null
		};
	}
	const actions = (await listMeetingActions(db, meeting.id)).map((a) => ({
		id: a.id,
		submissionId: a.submissionId,
		reference: a.reference,
		description: a.description,
		ownerName: a.ownerName,
		ownerAgency: a.ownerAgency,
		dueDate: a.dueDate
	}));
	const later = organiser ? await laterMeetings(meeting.communityId, meeting.date) : [];
	const reviewMeeting = { id: meeting.id, communityId: meeting.communityId, date: meeting.date };
	return {
		meeting: {
			id: meeting.id,
			date: meeting.date,
			communityName: meeting.communityName,
			startTime: meeting.startTime,
			lengthMinutes: meeting.lengthMinutes,
			startedAt: meeting.startedAt,
			currentItemStartedAt: meeting.currentItemStartedAt
		},
		organiser,
		isChair,
		confirmed,
		// Not on the register as present: told to ask the chair, and whether they already have.
		notAdmitted: !mayAgreeOnOwnDevice(presence, organiser),
		askedToJoin: joinRequests.some((request) => request.userId === user.id),
		joinRequests: organiser
			? joinRequests.map((request) => ({
					userId: request.userId,
					name: request.name,
					agency: request.agency
				}))
			: [],
		statement: config.confidentialityStatement,
		agenda: agenda.accepted.map((a) => ({
			id: a.id,
			part: a.part,
			label: a.label,
			minutes: a.minutes,
			hasOutcome: a.outcomeKind !== null
		})),
		totalMinutes: agenda.totalMinutes,
		register: {
			present: register.members.filter((m) => m.status === 'present').length,
			substitutes: register.members.filter((m) => m.status === 'substitute').length,
			apologies: register.members.filter((m) => m.status === 'apologies').length,
			guests: register.guests.length,
			confirmed:
				register.members.filter((m) => m.confirmedAt).length +
				register.guests.filter((g) => g.confirmedAt).length
		},
		item,
		actions,
		// The actions review at the start: references and owners only, as the action list shows them.
		review: {
			actions: (await actionsForReview(db, reviewMeeting, today)).map((a) => ({
				id: a.id,
				reference: a.reference,
				description: a.description,
				ownerName: a.ownerName,
				ownerAgency: a.ownerAgency,
				dueDate: a.dueDate,
				due: a.due,
				meetingDate: a.meetingDate,
				latestUpdate: a.latestUpdate
			})),
			decided: (await reviewedAtMeeting(db, meeting.id)).map((d) => ({
				id: d.id,
				reference: d.reference,
				description: d.description,
				kind: d.kind,
				note: d.note,
				previousOwner: d.previousOwner,
				ownerName: d.ownerName,
				ownerAgency: d.ownerAgency,
				newDueDate: d.newDueDate
			}))
		},
		// The new action and review decision forms: a post sent twice with it records once.
		formKey: organiser ? newFormKey() : null,
		choices: organiser
			? {
					owners: await ownerChoices(db, meeting.id, meeting.communityId),
					leadProfessionals: register.members.map((m) => ({
						value: `member:${m.userId}`,
						label: `${m.name}${m.agency ? `, ${m.agency}` : ''}`
					})),
					reviewMeetings: later.map((m) => ({
						value: String(m.id),
						label: formatMeetingDate(m.date)
					})),
					defaultReview: later[config.nextReviewAfterMeetings - 1]?.id ?? later.at(-1)?.id ?? null,
					adviceOutcomes: ADVICE_OUTCOMES,
					reviewDecisions: REVIEW_DECISIONS,
					needStatuses: NEED_STATUSES,
					levelsOfNeed: levelsOfNeed(),
					deferralReasons: deferralReasonOptions()
				}
			: null
	};
};

/** The item the form is about: accepted at this meeting. */
async function requireItem(meetingId: number, form: FormData) {
	const itemId = recordId(form.get('item'));
	const { db } = appDatabase();
	const item = await db
		.selectFrom('submission')
		.select(['id', 'part', 'status'])
		.where('id', '=', itemId)
		.where('meeting_id', '=', meetingId)
		.where('status', '=', 'accepted')
		.executeTakeFirst();
	if (!item) notFound('That item is not on this agenda');
	return item;
}

function changed<T>(meetingId: number, result: T): T {
	announceMeetingChange(meetingId);
	return result;
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
		const { db } = appDatabase();
		if (mayAgreeOnOwnDevice(await roomPresence(db, meeting.id, user.id), organiser))
			return { askedToJoin: false };
		await askToJoin(db, meeting.id, { id: user.id, ip: getClientAddress() });
		return changed(meeting.id, { askedToJoin: true });
	},

	admit: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
		const person = recordId((await request.formData()).get('person'));
		const admitted = await admitToMeeting(appDatabase().db, meeting.id, person, {
			id: user.id,
			ip: getClientAddress()
		});
		if (!admitted) return fail(409, { roomError: 'That person is not asking to join' });
		return changed(meeting.id, { admitted: person });
	},

	take: async ({ locals, params, request }) => {
		const { meeting } = await requireRoom(locals, params.id, 'organiser');
		const item = await requireItem(meeting.id, await request.formData());
		await takeItem(appDatabase().db, meeting.id, item.id);
		return changed(meeting.id, { took: item.id });
	},

	openGate: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'chair');
		const { db } = appDatabase();
		if (!(await hasConfirmed(db, meeting.id, user.id)))
			return fail(409, { roomError: 'Confirm the confidentiality statement first' });
		const item = await requireItem(meeting.id, await request.formData());
		const result = await checkConsentGate(
			db,
			meeting,
			item.id,
			{ id: user.id, ip: getClientAddress() },
			todayInEngland()
		);
		return changed(
			meeting.id,
			result.opened ? { gateOpened: true } : { gateRefused: result.reason }
		);
	},

	defer: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
		const form = await request.formData();
		const item = await requireItem(meeting.id, form);
		const why = readDeferralReason(form);
		if (!why.ok) return fail(400, { errors: { deferReason: why.error } as Record<string, string> });
		const next = (await laterMeetings(meeting.communityId, meeting.date))[0];
		if (!next) return fail(409, { roomError: 'There is no later meeting to defer this item to' });
		await decideItem(
			appDatabase().db,
			meeting.id,
			item.id,
			{
				kind: 'defer',
				toMeetingId: next.id,
				toMeetingDate: formatMeetingDate(next.date),
				reason: why.reason
			},
			{ id: user.id, ip: getClientAddress() }
		);
		return changed(meeting.id, { deferredTo: formatMeetingDate(next.date) });
	},

	withdraw: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
		const item = await requireItem(meeting.id, await request.formData());
		const { db } = appDatabase();
		const gate = await gateState(db, meeting.id, item.id);
		if (item.part !== 2 && item.part !== 3) error(409, 'Only a family item is withdrawn here');
		if (gate.state === 'opened') error(409, 'The consent gate is open: record an outcome instead');
		await withdrawSubmission(db, item.id, user.id, getClientAddress());
		return changed(meeting.id, { withdrawn: true });
	},

	outcome: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
		const form = await request.formData();
		const item = await requireItem(meeting.id, form);
		const { db } = appDatabase();
		const family = await familyOfItem(db, item.id);
		const gate = family ? await gateState(db, meeting.id, item.id) : null;
		const asAdvice = form.get('asAdvice') === 'yes';
		// A family item is discussed only through the open gate, or anonymously as advice.
		if (family && gate!.state !== 'opened' && !asAdvice)
			error(409, 'Open the consent gate before recording an outcome for this family');
		if (family && gate!.state === 'opened' && asAdvice)
			error(409, 'The consent gate is open: record the outcome for the family');
		// Recording a family's outcome is part of discussing them: only for someone who may.
		if (family && !asAdvice && !(await hasConfirmed(db, meeting.id, user.id)))
			return fail(409, {
				roomError: 'Agree the confidentiality statement before recording an outcome for this family'
			});
		const later = await laterMeetings(meeting.communityId, meeting.date);
		const needs = family
			? await db.selectFrom('need').select('id').where('case_id', '=', family.caseId).execute()
			: [];
		const members = (await listRegister(db, meeting.id, meeting.communityId)).members;
		const read = await readOutcomeForm(db, form, {
			meetingId: meeting.id,
			communityId: meeting.communityId,
			today: todayInEngland(),
			asAdvice,
			part: item.part,
			needIds: needs.map((n) => n.id),
			leadProfessionalChoices: members.map((m) => m.userId),
			reviewMeetingIds: later.map((m) => m.id)
		});
		if (!read.input) return fail(400, { outcomeValues: read.values, errors: read.errors });
		const result = await saveOutcome(
			db,
			{
				submissionId: item.id,
				meetingId: meeting.id,
				meetingDate: meeting.date,
				communityId: meeting.communityId,
				caseId: family && !asAdvice ? family.caseId : null
			},
			read.input,
			Number(form.get('version') ?? 0),
			{ id: user.id, ip: getClientAddress() }
		);
		if (!result.saved)
			return fail(409, {
				outcomeValues: read.values,
				errors: {
					note: 'Someone else saved this item’s outcome while you were editing it. Your text is kept here: check their version (reload the page) and save again'
				}
			});
		return changed(meeting.id, { outcomeSaved: true, version: result.version });
	},

	action: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
		const form = await request.formData();
		const item = await requireItem(meeting.id, form);
		const { db } = appDatabase();
		const family = await familyOfItem(db, item.id);
		const gate = family ? await gateState(db, meeting.id, item.id) : null;
		const read = await readActionForm(db, form, {
			meetingId: meeting.id,
			communityId: meeting.communityId,
			today: todayInEngland()
		});
		if (!read.input) return fail(400, { actionValues: read.values, errors: read.errors });
		await addAction(
			db,
			{
				communityId: meeting.communityId,
				meetingId: meeting.id,
				submissionId: item.id,
				// An action follows the case into its review only when the family was discussed openly.
				caseId: family && gate!.state === 'opened' ? family.caseId : null
			},
			read.input,
			{ id: user.id, ip: getClientAddress() },
			new Date(),
			formKeyField(form)
		);
		return changed(meeting.id, { actionAdded: true });
	},

	review: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
		const form = await request.formData();
		const actionId = recordId(form.get('action'));
		const { db } = appDatabase();
		const today = todayInEngland();
		const read = await readActionReviewForm(db, form, actionId, {
			meetingId: meeting.id,
			communityId: meeting.communityId,
			today
		});
		if (!read.input)
			return fail(400, {
				reviewValues: read.values,
				reviewActionId: actionId,
				errors: read.errors
			});
		const recorded = await recordReviewDecision(
			db,
			{ id: meeting.id, communityId: meeting.communityId, date: meeting.date },
			actionId,
			read.input,
			{ id: user.id, ip: getClientAddress() },
			today,
			new Date(),
			formKeyField(form)
		);
		if (!recorded)
			return fail(409, {
				roomError: 'That action has already been reviewed, or is no longer overdue'
			});
		return changed(meeting.id, { reviewed: actionId });
	},

	conclude: async ({ locals, params, getClientAddress }) => {
		const { user, meeting } = await requireRoom(locals, params.id, 'organiser');
		const { db } = appDatabase();
		const result = await concludeMeeting(db, meeting.id, { id: user.id, ip: getClientAddress() });
		if (!result.ok) {
			const missing = (await itemsWithoutOutcome(db, meeting.id)).length;
			return fail(409, {
				roomError: `${missing} ${missing === 1 ? 'item has' : 'items have'} no outcome yet: record an outcome or defer ${missing === 1 ? 'it' : 'them'} before concluding`
			});
		}
		announceMeetingChange(meeting.id);
		redirect(303, `/meetings/${meeting.id}/minutes`);
	}
};
