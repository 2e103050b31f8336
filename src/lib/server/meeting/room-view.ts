import type { DB } from '../platform/db';
import { caseloadWords, openCasesLed } from '../cases/caseload';
import type { CommunityRole } from '../platform/schema';
import { config } from '../platform/config';
import type { findMeeting } from '../agenda/meetings';
import { deferralReasonOptions } from '../agenda/agenda';
import { findSubmission } from '../agenda/submissions';
import { listMeetingActions, openCaseActions, ownerChoices } from '../actions/actions';
import { identityInMeeting, outcomeForReader } from '../policy/family';
import { consentCoversAll } from '../cases/consent-sharing';
import { mayAgreeOnOwnDevice, roomPresence } from '../policy/meeting';
import { formatMeetingDate } from '../../dates';
import { ADVICE_OUTCOMES, REVIEW_DECISIONS } from '../../domain/outcomes';
import { NEED_STATUSES } from '../../domain/needs';
import { listJoinRequests } from './attendance';
import { familyOfItem, gateState, readConsentAtGate, readFamily } from './consent-gate';
import { findOutcome, latestLevelOfNeed, needUpdates } from './outcomes';
import { listRegister } from './register';
import { laterMeetings, roomAgenda } from './room';
import { itemOffers } from './room-rules';
import { levelsOfNeed } from '../agenda/new-caf-rules';
import { actionsForReview, reviewedAtMeeting } from '../actions/actions-review';
import { latestUpdates } from '../actions/history';
import { confidentialityStatementOf } from '../council/structure-view';
import { pageOf } from '../http/paging';
import { reviewLaterChosen } from './room-start-and-close';

type Meeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;
type AgendaEntry = Awaited<ReturnType<typeof roomAgenda>>['accepted'][number];
type Register = Awaited<ReturnType<typeof listRegister>>;

/** Who is reading the room: their place in the MAG, and where they are asking from. */
export interface RoomReader {
	id: number;
	ip: string | null;
	role: CommunityRole;
	organiser: boolean;
}

/**
 * The meeting room as one reader may see it. Everyone sees the agenda, the register's numbers and
 * the item on screen by its reference; a family's names and needs, and what was said about them,
 * only as the policy allows (`mayIdentify`, `outcomeForReader`); the forms' choices only for the
 * chair and coordinators.
 */
export async function roomForReader(
	db: DB,
	meeting: Meeting,
	reader: RoomReader,
	today: string,
	reviewPage = 1,
	/** For a projector: the consent on file (it names the parents) is not read at all. */
	projector = false
) {
	const presence = await roomPresence(db, meeting.id, reader.id);
	const confirmed = presence === 'in-the-room';
	const isChair = reader.role === 'chair';
	const joinRequests = await listJoinRequests(db, meeting.id);
	const agenda = await roomAgenda(db, meeting.id, meeting.lengthMinutes);
	const register = await listRegister(db, meeting.id, meeting.communityId);
	const current = agenda.accepted.find((item) => item.id === meeting.currentItemId) ?? null;
	const actions = await listMeetingActions(db, meeting.id);
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
		organiser: reader.organiser,
		isChair,
		confirmed,
		// Not on the register as present: told to ask the chair, and whether they already have.
		notAdmitted: !mayAgreeOnOwnDevice(presence, reader.organiser),
		askedToJoin: joinRequests.some((request) => request.userId === reader.id),
		joinRequests: reader.organiser
			? joinRequests.map((request) => ({
					userId: request.userId,
					name: request.name,
					agency: request.agency
				}))
			: [],
		statement: await confidentialityStatementOf(db, { communityId: meeting.communityId }),
		agenda: agenda.accepted.map((a) => ({
			id: a.id,
			part: a.part,
			label: a.label,
			minutes: a.minutes,
			hasOutcome: a.outcomeKind !== null
		})),
		totalMinutes: agenda.totalMinutes,
		register: registerCounts(register),
		item: current
			? await itemOnScreen(db, meeting, current, { ...reader, isChair, confirmed }, projector)
			: null,
		actions: actions.map((a) => ({
			id: a.id,
			submissionId: a.submissionId,
			reference: a.reference,
			description: a.description,
			ownerName: a.ownerName,
			ownerAgency: a.ownerAgency,
			dueDate: a.dueDate
		})),
		review: await actionsReview(db, meeting, today, reviewPage),
		choices: reader.organiser ? await organiserChoices(db, meeting, register, today) : null
	};
}

/** The register in numbers, as everyone in the room sees it. */
function registerCounts({ members, guests }: Register) {
	return {
		present: members.filter((m) => m.status === 'present').length,
		substitutes: members.filter((m) => m.status === 'substitute').length,
		apologies: members.filter((m) => m.status === 'apologies').length,
		guests: guests.length,
		confirmed:
			members.filter((m) => m.confirmedAt).length + guests.filter((g) => g.confirmedAt).length
	};
}

/** The item the chair has on screen, with its family shaped for this reader. */
async function itemOnScreen(
	db: DB,
	meeting: Meeting,
	current: AgendaEntry,
	reader: RoomReader & { isChair: boolean; confirmed: boolean },
	projector: boolean
) {
	const detail = await findSubmission(db, current.id);
	const family = await familyOfItem(db, current.id);
	const gate = family ? await gateState(db, meeting.id, current.id) : null;
	// Names, ages and needs only once the gate has opened, only for those who confirmed, and only
	// for those the family's consent covers.
	const identity = family ? await identityInMeeting(db, reader.id, family, meeting.id) : null;
	// A projector is seen by everyone in the room: it shows the family only when their consent
	// covers every agency at the MAG.
	const offScreen =
		projector && identity === 'identified' && !(await consentCoversAll(db, family!.consentId));
	const mayIdentifyHere = identity === 'identified' && !offScreen;
	const identified =
		family && mayIdentifyHere
			? await readFamily(db, family, {
					id: reader.id,
					ip: reader.ip,
					why: 'discussed in the meeting'
				})
			: null;
	// The consent on file names the parents: for the chair, who checks it at the gate.
	const consent =
		family && reader.isChair && reader.confirmed && !projector
			? await readConsentAtGate(db, family, { id: reader.id, ip: reader.ip })
			: undefined;
	const outcome = await findOutcome(db, current.id);
	return {
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
					// The gate is open but the family's consent does not cover this reader's agency.
					agencyNotCovered: identity === 'agency-not-covered',
					// On a projector: the consent covers only some agencies, so not on the shared screen.
					offScreen,
					consent: consent ?? null,
					members: identified?.members ?? null,
					needs: identified?.needs ?? null,
					needUpdates: identified ? await needUpdates(db, current.id) : null,
					caseActions: identified
						? await caseActionsWithUpdates(db, family.caseId, meeting.id)
						: null
				}
			: null,
		// Nothing of a family's discussion for someone who may not identify them (the policy's rule).
		outcome: outcomeForReader(outcome, Boolean(family), mayIdentifyHere),
		// A review asks the level of need now, starting from the level last agreed.
		levelOfNeed:
			reader.organiser && current.part === 3 && family && mayIdentifyHere
				? (outcome?.levelOfNeed ?? (await latestLevelOfNeed(db, family.caseId)))
				: null,
		offers: itemOffers(reader, gate ? { gate: gate.state, identified: Boolean(identified) } : null)
	};
}

/** A case's open actions from earlier meetings, each with its latest update, for its review. */
async function caseActionsWithUpdates(db: DB, caseId: number, meetingId: number) {
	const actions = await openCaseActions(db, caseId, meetingId);
	const latest = await latestUpdates(
		db,
		actions.map((a) => a.id)
	);
	return actions.map((action) => ({ ...action, latestUpdate: latest.get(action.id) ?? null }));
}

/**
 * The actions review at the start: references and owners only, as the action list shows them, a
 * page of them at a time (the county's busiest MAGs have well over a hundred overdue).
 */
async function actionsReview(db: DB, meeting: Meeting, today: string, reviewPage: number) {
	const reviewMeeting = { id: meeting.id, communityId: meeting.communityId, date: meeting.date };
	const { rows, ...paging } = pageOf(await actionsForReview(db, reviewMeeting, today), reviewPage);
	return {
		actions: rows.map((a) => ({
			id: a.id,
			reference: a.reference,
			description: a.description,
			status: a.status,
			ownerName: a.ownerName,
			ownerAgency: a.ownerAgency,
			dueDate: a.dueDate,
			due: a.due,
			meetingDate: a.meetingDate,
			latestUpdate: a.latestUpdate
		})),
		paging,
		reviewLater: await reviewLaterChosen(db, meeting.id),
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
	};
}

/** What the chair's and coordinators' forms offer: owners, lead professionals, later meetings. */
async function organiserChoices(db: DB, meeting: Meeting, register: Register, today: string) {
	const later = await laterMeetings(db, meeting, today);
	const caseloads = await openCasesLed(
		db,
		register.members.map((m) => m.userId)
	);
	return {
		owners: await ownerChoices(db, meeting.id, meeting.communityId),
		// Each candidate with their caseload, so the group sees who has room (docs/domain.md).
		leadProfessionals: register.members.map((m) => ({
			value: `member:${m.userId}`,
			label: `${m.name}${m.agency ? `, ${m.agency}` : ''} (${caseloadWords(caseloads.get(m.userId) ?? 0)})`
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
	};
}

/** The room as the page receives it, and the parts of it the room's components draw. */
export type Room = Awaited<ReturnType<typeof roomForReader>>;
export type RoomItem = NonNullable<Room['item']>;
export type RoomFamily = NonNullable<RoomItem['family']>;
