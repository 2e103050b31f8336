import { sql } from 'kysely';
import { TZDate } from '@date-fns/tz';
import { differenceInYears, format } from 'date-fns';
import type { DB } from '../platform/db';
import type { AgendaPart, AttendanceStatus } from '../platform/schema';
import { DEFERRAL_REASONS } from '../../domain/meeting';
import { NEED_DOMAINS } from '../../domain/family';
import { NEED_STATUSES } from '../../domain/needs';
import { outcomeWords } from '../../domain/outcomes';
import { actionList, type ActionListRow } from '../actions/action-list';
import { familyOfItem, readFamily, type ItemFamily } from './consent-gate';
import { mayIdentify } from '../policy/family';
import { roomAgenda } from './room';
import { findMeeting } from '../agenda/meetings';
import { findOutcome, needUpdates } from './outcomes';
import { findSubmission, type ItemContent } from '../agenda/submissions';

/**
 * The minutes a concluded meeting publishes: who was there (and who agreed the confidentiality
 * statement, and how), then each item in agenda order with its outcome and actions. A family is
 * identified only to a reader the consent-gate rule allows at this meeting, and each such read is
 * audited; everyone else sees the case reference and initials, as on the agenda.
 */
export interface MinutesMeeting {
	id: number;
	communityName: string;
	date: string;
	startTime: string;
	lengthMinutes: number;
	venue: string | null;
	startedAt: string | null;
	concludedAt: string | null;
}

export interface MinutesAttendee {
	name: string;
	agency: string | null;
	/** How they agreed the confidentiality statement, in words; null for someone not in the room. */
	confidentiality: string | null;
}

export interface AttendanceGroup {
	heading: string;
	/** Present, substitutes and guests: the confidentiality statement applies to them. */
	inTheRoom: boolean;
	people: MinutesAttendee[];
}

export interface MinutesFamily {
	members: { name: string; age: number; relationship: string }[];
	needs: {
		description: string;
		forName: string;
		domain: string;
		/** Part 2: the support agreed. */
		support: string | null;
		/** Part 3: met, partly met or not met, in words, with the line of progress. */
		status: string | null;
		progress: string | null;
	}[];
}

export interface MinutesItem {
	id: number;
	part: AgendaPart;
	label: string;
	/** The agency that brought the item. */
	agencyName: string | null;
	/** The outcome in words; null when withheld. */
	outcome: string | null;
	takenAsAdvice: boolean;
	/** The note of the discussion; null when withheld (a family item the reader may not identify). */
	note: string | null;
	/**
	 * A family item the reader may not identify: nothing of its discussion is shown (the outcome,
	 * the note, the level of need, the responding agency, the support), only its reference and
	 * initials, lead professional, next review and actions, as the action list shows every member.
	 */
	discussionWithheld: boolean;
	/** For a single-agency response: which agency responds. */
	responseAgency: string | null;
	leadProfessional: string | null;
	nextReviewDate: string | null;
	/** Part 3: the family's level of need agreed at the review ("Level 3a"). */
	levelOfNeed: string | null;
	/** Parts 1 and 4: the anonymous text of the item. */
	content: ItemContent | null;
	/** Part 2 and 3 items: whether this reader is shown who the family is. */
	isFamilyItem: boolean;
	family: MinutesFamily | null;
	actions: ActionListRow[];
}

export interface ItemNotTaken {
	id: number;
	part: AgendaPart;
	label: string;
	what: string;
}

export interface Minutes {
	meeting: MinutesMeeting;
	attendance: AttendanceGroup[];
	items: MinutesItem[];
	notTaken: ItemNotTaken[];
	/** Actions for the meeting as a whole, or for an item no longer on this meeting's agenda. */
	otherActions: ActionListRow[];
}

const LONDON = 'Europe/London';
const timeOfDay = (iso: string) => format(new TZDate(iso, LONDON), 'h:mmaaa');

export async function meetingMinutes(
	db: DB,
	meetingId: number,
	viewer: { id: number; ip: string | null }
): Promise<Minutes | undefined> {
	const meeting = await findMeeting(db, meetingId);
	if (!meeting) return undefined;
	const agenda = await roomAgenda(db, meetingId, meeting.lengthMinutes);
	const { actions } = await actionList(db, meetingId);

	const items: MinutesItem[] = [];
	for (const entry of agenda.accepted) {
		const family = await familyOfItem(db, entry.id);
		const outcome = await findOutcome(db, entry.id);
		const takenAsAdvice = outcome?.takenAsAdvice === 1;
		const identified =
			family !== undefined &&
			(await mayIdentify(db, viewer.id, family, { kind: 'meeting', meetingId }));
		const anonymous = !family || takenAsAdvice;
		const shown = anonymous || identified;
		items.push({
			id: entry.id,
			part: entry.part,
			label: family ? familyLabel(entry.label, family) : entry.label,
			agencyName: entry.agencyName,
			outcome: shown ? outcomeWords(entry.part, outcome?.kind ?? null) : null,
			takenAsAdvice,
			note: shown ? outcome?.note || null : null,
			discussionWithheld: !shown && Boolean(outcome),
			responseAgency: shown ? (outcome?.agency ?? null) : null,
			leadProfessional: outcome?.leadProfessionalName ?? null,
			nextReviewDate: outcome?.nextReviewDate ?? null,
			levelOfNeed: shown && outcome?.levelOfNeed ? `Level ${outcome.levelOfNeed}` : null,
			content: family ? null : ((await findSubmission(db, entry.id))?.content ?? null),
			isFamilyItem: Boolean(family),
			family: identified ? await familyInMinutes(db, family, meeting.date, viewer) : null,
			actions: actions.filter((action) => action.submissionId === entry.id)
		});
	}
	const onAgenda = new Set(items.map((item) => item.id));
	return {
		meeting: {
			id: meeting.id,
			communityName: meeting.communityName,
			date: meeting.date,
			startTime: meeting.startTime,
			lengthMinutes: meeting.lengthMinutes,
			venue: meeting.venue,
			startedAt: meeting.startedAt,
			concludedAt: meeting.concludedAt
		},
		attendance: await attendanceGroups(db, meetingId, meeting.communityId),
		items,
		notTaken: await itemsNotTaken(db, meeting),
		otherActions: actions.filter(
			(action) => action.submissionId === null || !onAgenda.has(action.submissionId)
		)
	};
}

/** The agenda names a new CAF by reference, initials and way in; a review gets the same naming. */
function familyLabel(agendaLabel: string, family: ItemFamily): string {
	return agendaLabel.includes(family.reference)
		? agendaLabel
		: `${family.reference} (${family.initials})`;
}

async function familyInMinutes(
	db: DB,
	family: ItemFamily,
	meetingDate: string,
	viewer: { id: number; ip: string | null }
): Promise<MinutesFamily> {
	const { members, needs } = await readFamily(db, family, { ...viewer, why: 'minutes' });
	const updates = new Map((await needUpdates(db, family.submissionId)).map((u) => [u.needId, u]));
	const on = new Date(`${meetingDate}T12:00:00Z`);
	return {
		// Ages rather than dates of birth: the minutes need no more than that.
		members: members.map((m) => ({
			name: m.name,
			age: differenceInYears(on, new Date(`${m.dateOfBirth}T12:00:00Z`)),
			relationship: m.relationship
		})),
		needs: needs.map((need) => {
			const update = updates.get(need.id);
			return {
				description: need.description,
				forName: members.find((m) => m.id === need.memberId)?.name ?? '',
				domain: NEED_DOMAINS[need.domain] ?? need.domain,
				support: update?.support ?? null,
				status: update?.status ? NEED_STATUSES[update.status] : null,
				progress: update?.progress ?? null
			};
		})
	};
}

const IN_THE_ROOM = new Set<string>(['present', 'substitute', 'guest']);
const GROUPS: [AttendanceStatus | 'not-recorded', string][] = [
	['present', 'Present'],
	['substitute', 'Substitutes'],
	['guest', 'Guests'],
	['apologies', 'Apologies'],
	['absent', 'Absent'],
	['not-recorded', 'Not recorded']
];

/** The register as it was at the meeting, then any current member it does not mention. */
async function attendanceGroups(
	db: DB,
	meetingId: number,
	communityId: number
): Promise<AttendanceGroup[]> {
	const recorded = await db
		.selectFrom('attendance')
		.select([
			'user_id as userId',
			'name',
			'agency',
			'status',
			'substitute_name as substituteName',
			'confirmed_at as confirmedAt',
			'confirmed_via as confirmedVia'
		])
		.where('meeting_id', '=', meetingId)
		.execute();
	const recordedIds = new Set(recorded.map((r) => r.userId));
	const unrecorded = (
		await db
			.selectFrom('community_membership')
			.innerJoin('user', 'user.id', 'community_membership.user_id')
			.leftJoin('agency', 'agency.id', 'user.agency_id')
			.select(['user.id', 'user.name', 'agency.name as agency'])
			.where('community_membership.community_id', '=', communityId)
			.where('user.disabled_at', 'is', null)
			.execute()
	).filter((member) => !recordedIds.has(member.id));

	const people = [
		...recorded.map((row) => {
			const inTheRoom = IN_THE_ROOM.has(row.status);
			return {
				status: row.status as AttendanceStatus | 'not-recorded',
				name:
					row.status === 'substitute' && row.substituteName
						? `${row.substituteName} for ${row.name}`
						: row.name,
				agency: row.agency,
				confidentiality: !inTheRoom
					? null
					: !row.confirmedAt
						? 'Not confirmed'
						: row.confirmedVia === 'self'
							? `Confirmed on their own device at ${timeOfDay(row.confirmedAt)}`
							: `Agreed aloud, recorded by the chair at ${timeOfDay(row.confirmedAt)}`
			};
		}),
		...unrecorded.map((member) => ({
			status: 'not-recorded' as const,
			name: member.name,
			agency: member.agency,
			confidentiality: null
		}))
	];
	const byAgency = (a: MinutesAttendee, b: MinutesAttendee) =>
		(a.agency ?? '').localeCompare(b.agency ?? '') || a.name.localeCompare(b.name);
	return GROUPS.map(([status, heading]) => ({
		heading,
		inTheRoom: IN_THE_ROOM.has(status),
		people: people
			.filter((p) => p.status === status)
			.map(({ name, agency, confidentiality }) => ({ name, agency, confidentiality }))
			.sort(byAgency)
	})).filter((group) => group.people.length > 0);
}

/**
 * Items that were on the agenda but not taken: deferred to a later meeting or withdrawn once the
 * meeting had started. A deferred item moves to its new meeting, so it is found by the consent
 * gate check made for it here, or by the audit entry its deferral left.
 */
async function itemsNotTaken(
	db: DB,
	meeting: {
		id: number;
		communityId: number;
		date: string;
		startedAt: string | null;
	}
): Promise<ItemNotTaken[]> {
	const checked = await db
		.selectFrom('gate_check')
		.select('submission_id')
		.distinct()
		.where('meeting_id', '=', meeting.id)
		.execute();
	const ids = new Set(checked.map((row) => row.submission_id));
	if (meeting.startedAt) {
		// Any item deferred once the meeting had started, gate checked or not (parts 1 and 4 too).
		const deferred = await db
			.selectFrom('audit_log')
			.select('record_id')
			.where('action', '=', 'agenda.item-deferred')
			.where('at', '>=', meeting.startedAt)
			.where(sql<number>`json_extract(detail, '$.fromMeetingId')`, '=', meeting.id)
			.execute();
		for (const row of deferred) ids.add(Number(row.record_id));
		const withdrawn = await db
			.selectFrom('submission')
			.select('id')
			.where('meeting_id', '=', meeting.id)
			.where('status', '=', 'withdrawn')
			.where('updated_at', '>=', meeting.startedAt)
			.execute();
		for (const row of withdrawn) ids.add(row.id);
	}
	if (ids.size === 0) return [];
	const rows = await db
		.selectFrom('submission')
		.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
		.select([
			'submission.id',
			'submission.part',
			'submission.status',
			'submission.meeting_id as meetingId',
			'meeting.community_id as communityId',
			'meeting.date as meetingDate'
		])
		.where('submission.id', 'in', [...ids])
		.orderBy('submission.part')
		.orderBy('submission.id')
		.execute();
	// Why each left this meeting: the latest deferral from here (none recorded before reasons were asked).
	const deferrals = await db
		.selectFrom('item_deferral')
		.select(['submission_id', 'reason'])
		.where('from_meeting_id', '=', meeting.id)
		.where('submission_id', 'in', [...ids])
		.orderBy('id')
		.execute();
	const reasons = new Map(deferrals.map((row) => [row.submission_id, row.reason]));
	const why = (id: number) => {
		const reason = reasons.get(id);
		return reason && reason !== 'not-recorded' ? `: ${DEFERRAL_REASONS[reason]}` : '';
	};
	const notTaken: ItemNotTaken[] = [];
	for (const row of rows) {
		if (row.communityId !== meeting.communityId) continue;
		const moved = row.meetingId !== meeting.id && row.meetingDate > meeting.date;
		const what =
			row.status === 'withdrawn' && row.meetingId === meeting.id
				? 'Withdrawn'
				: moved
					? `Deferred to the meeting on ${format(new Date(`${row.meetingDate}T12:00:00Z`), 'd MMMM yyyy')}${why(row.id)}`
					: row.status === 'deferred'
						? `Deferred${why(row.id)}`
						: null;
		if (what)
			notTaken.push({ id: row.id, part: row.part, label: await itemLabel(db, row.id), what });
	}
	return notTaken;
}

/** An item's name without its text: reference and initials, or the anonymous item's summary. */
async function itemLabel(db: DB, submissionId: number): Promise<string> {
	const family = await familyOfItem(db, submissionId);
	if (family) return `${family.reference} (${family.initials})`;
	const content = (await findSubmission(db, submissionId))?.content;
	if (content?.part === 4) return content.issue.title;
	if (content?.part === 1)
		return `Advice: child ${content.advice.ageBand.toLowerCase()}, ${content.advice.setting}`;
	return 'Item';
}
