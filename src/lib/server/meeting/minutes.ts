import { differenceInYears } from 'date-fns';
import type { DB } from '../platform/db';
import type { AgendaPart } from '../platform/schema';
import { NEED_DOMAINS } from '../../domain/family';
import { NEED_STATUSES } from '../../domain/needs';
import { outcomeWords } from '../../domain/outcomes';
import { actionList, type ActionListRow } from '../actions/action-list';
import { familyOfItem, readFamilies, type FamilyRead, type ItemFamily } from './consent-gate';
import { mayIdentify } from '../policy/family';
import { roomAgenda } from './room';
import { findMeeting } from '../agenda/meetings';
import { findOutcome, needUpdates } from './outcomes';
import { findSubmission, type ItemContent } from '../agenda/submissions';
import { attendanceGroups, type AttendanceGroup } from './minutes-attendance';
import { itemsNotTaken, type ItemNotTaken } from './items-not-taken';

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

export interface Minutes {
	meeting: MinutesMeeting;
	attendance: AttendanceGroup[];
	items: MinutesItem[];
	notTaken: ItemNotTaken[];
	/** Actions for the meeting as a whole, or for an item no longer on this meeting's agenda. */
	otherActions: ActionListRow[];
}

export async function meetingMinutes(
	db: DB,
	meetingId: number,
	viewer: { id: number; ip: string | null }
): Promise<Minutes | undefined> {
	const meeting = await findMeeting(db, meetingId);
	if (!meeting) return undefined;
	const agenda = await roomAgenda(db, meetingId, meeting.lengthMinutes);
	const { actions } = await actionList(db, meetingId);

	const read = [];
	for (const entry of agenda.accepted) {
		const family = await familyOfItem(db, entry.id);
		const identified =
			family !== undefined &&
			(await mayIdentify(db, viewer.id, family, { kind: 'meeting', meetingId }));
		read.push({ entry, family, identified, outcome: await findOutcome(db, entry.id) });
	}
	// Every family this reader may identify, read at once and logged in one write.
	const families = await readFamilies(
		db,
		read.flatMap((r) => (r.identified && r.family ? [r.family] : [])),
		{ ...viewer, why: 'minutes' }
	);
	const items: MinutesItem[] = [];
	for (const { entry, family, identified, outcome } of read) {
		const takenAsAdvice = outcome?.takenAsAdvice === 1;
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
			family:
				identified && family
					? await familyInMinutes(db, family, families.get(family.caseId)!, meeting.date)
					: null,
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
	{ members, needs }: FamilyRead,
	meetingDate: string
): Promise<MinutesFamily> {
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
