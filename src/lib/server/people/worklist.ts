import { addDays, format, parseISO } from 'date-fns';
import type { DB } from '../platform/db';
import type { MeetingStatus, SubmissionStatus } from '../platform/schema';
import { DUE_SOON_DAYS } from '../../domain/limits';
import { actionsWithReference } from '../actions/queries';
import { referenceOf } from '../actions/reference';
import { OPEN_STATUSES } from '../actions/statuses';
import { itemLabel } from '../agenda/submission-rules';
import { itemsWithLabelFacts } from '../agenda/item-lists';
import { agendaBeingBuilt } from '../meeting/stages';

/**
 * The home page's worklist: what is waiting for one person, counted in SQL, with the first few
 * (WORKLIST_FIRST) of each. References, initials and labels only (itemLabel, referenceOf): never a
 * family member's name, a need or the text of an item. What a chair or coordinator has on their
 * communities is in worklist-organiser.ts.
 */

/** How many of each list the home page shows; the rest are a link away. */
export const WORKLIST_FIRST = 5;

/** A count over everything and the first few rows. */
export interface Counted<T> {
	count: number;
	first: T[];
}

/** Meetings still to come: not yet run, and not cancelled. */
export const COMING_STATUSES: MeetingStatus[] = ['scheduled', 'agenda-open', 'agenda-published'];

/** The meeting stages at which items still wait for the chair's decision (stages.ts). */
export const BUILDING_STATUSES: MeetingStatus[] = (
	['scheduled', 'agenda-open', 'agenda-published', 'in-progress', 'concluded', 'cancelled'] as const
).filter(agendaBeingBuilt);

/** An item sent in and not yet accepted, declined, deferred or withdrawn by the chair. */
export const AWAITING_DECISION: SubmissionStatus = 'submitted';

/** The last day of "due soon" (My actions' next 14 days), from today in England. */
export function dueSoonUntil(today: string): string {
	return format(addDays(parseISO(today), DUE_SOON_DAYS), 'yyyy-MM-dd');
}

/** The `n` of a `count(*) as n` query. */
export async function countOfRows(query: {
	executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }>;
}): Promise<number> {
	return Number((await query.executeTakeFirstOrThrow()).n);
}

/** A person's open actions that are overdue, or due from today to 14 days on. */
export async function myActionsDue(
	db: DB,
	userId: number,
	today: string
): Promise<Record<'overdue' | 'soon', Counted<MyActionLine>>> {
	const mine = () =>
		db
			.selectFrom('action')
			.where('action.owner_id', '=', userId)
			.where('action.status', 'in', OPEN_STATUSES);
	const first = async (range: 'overdue' | 'soon') => {
		let query = actionsWithReference(db)
			.where('action.owner_id', '=', userId)
			.where('action.status', 'in', OPEN_STATUSES);
		query =
			range === 'overdue'
				? query.where('action.due_date', '<', today)
				: query.where('action.due_date', '>=', today).where('action.due_date', '<=', until);
		const rows = await query
			.orderBy('action.due_date')
			.orderBy('action.id')
			.limit(WORKLIST_FIRST)
			.execute();
		return rows.map((row) => ({
			id: row.id,
			reference: referenceOf(row),
			description: row.description,
			dueDate: row.dueDate
		}));
	};
	const until = dueSoonUntil(today);
	return {
		overdue: {
			count: await countOfRows(
				mine()
					.where('action.due_date', '<', today)
					.select((eb) => eb.fn.countAll().as('n'))
			),
			first: await first('overdue')
		},
		soon: {
			count: await countOfRows(
				mine()
					.where('action.due_date', '>=', today)
					.where('action.due_date', '<=', until)
					.select((eb) => eb.fn.countAll().as('n'))
			),
			first: await first('soon')
		}
	};
}

export interface MyActionLine {
	id: number;
	reference: string;
	description: string;
	dueDate: string;
}

/**
 * The open cases a person leads whose review falls at their community's next meeting (the first
 * still to come), and whether the review is on that agenda yet. Reference and initials only.
 */
export async function reviewsILead(db: DB, userId: number, today: string) {
	const base = db
		.selectFrom('family_case')
		.innerJoin('meeting', 'meeting.id', 'family_case.next_review_meeting_id')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.where('family_case.lead_professional_id', '=', userId)
		.where('family_case.status', '=', 'open')
		.where('meeting.status', 'in', COMING_STATUSES)
		.where('meeting.date', '>=', today)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('meeting as sooner')
						.select('sooner.id')
						.whereRef('sooner.community_id', '=', 'meeting.community_id')
						.where('sooner.status', 'in', COMING_STATUSES)
						.where('sooner.date', '>=', today)
						.whereRef('sooner.date', '<', 'meeting.date')
				)
			)
		);
	const count = await countOfRows(base.select((eb) => eb.fn.countAll().as('n')));
	const rows = await base
		.select((eb) => [
			'family_case.id as caseId',
			'family_case.reference',
			'family_case.initials',
			'meeting.id as meetingId',
			'meeting.date as meetingDate',
			'community.name as communityName',
			eb
				.exists(
					eb
						.selectFrom('review')
						.innerJoin('submission', 'submission.id', 'review.submission_id')
						.select('review.submission_id')
						.whereRef('review.case_id', '=', 'family_case.id')
						.whereRef('submission.meeting_id', '=', 'meeting.id')
						.where('submission.status', 'in', ['submitted', 'accepted'])
				)
				.as('onAgenda')
		])
		.orderBy('meeting.date')
		.orderBy('family_case.reference')
		.limit(WORKLIST_FIRST)
		.execute();
	return {
		count,
		first: rows.map((row) => ({ ...row, onAgenda: Boolean(row.onAgenda) }))
	};
}

/** Items on their way to a meeting, named as the lists name them (itemLabel). */
export function itemLines(db: DB) {
	return itemsWithLabelFacts(db)
		.where('submission.status', '=', AWAITING_DECISION)
		.where('meeting.status', 'in', BUILDING_STATUSES);
}

/** The label facts and where an item is going. */
export async function firstItems(query: ReturnType<typeof itemLines>) {
	const rows = await query
		.select([
			'submission.id',
			'submission.part',
			'submission.late',
			'family_case.reference',
			'family_case.initials',
			'new_caf.way_in as wayIn',
			'review.stuck',
			'community_issue.title as issueTitle',
			'advice_request.age_band as ageBand',
			'advice_request.setting',
			'meeting.id as meetingId',
			'meeting.date as meetingDate',
			'community.name as communityName'
		])
		.orderBy('meeting.date')
		.orderBy('submission.id')
		.limit(WORKLIST_FIRST)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		label: itemLabel(row),
		late: row.late === 1,
		meetingId: row.meetingId,
		meetingDate: row.meetingDate,
		communityName: row.communityName
	}));
}

/** A person's own items still waiting for the chair's decision. */
export async function myItemsAwaitingDecision(db: DB, userId: number) {
	const mine = itemLines(db).where('submission.submitted_by', '=', userId);
	return {
		count: await countOfRows(mine.select((eb) => eb.fn.countAll().as('n'))),
		first: await firstItems(mine)
	};
}

/** The meetings still to come in a person's communities, soonest first, with their deadlines. */
export async function meetingsComing(db: DB, userId: number, today: string) {
	const coming = db
		.selectFrom('meeting')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.innerJoin('community_membership', (join) =>
			join
				.onRef('community_membership.community_id', '=', 'meeting.community_id')
				.on('community_membership.user_id', '=', userId)
		)
		.where('meeting.status', 'in', COMING_STATUSES)
		.where('meeting.date', '>=', today);
	const rows = await coming
		.select([
			'meeting.id',
			'meeting.date',
			'meeting.start_time as startTime',
			'meeting.status',
			'meeting.submission_deadline as submissionDeadline',
			'community.name as communityName'
		])
		.orderBy('meeting.date')
		.orderBy('community.name')
		.limit(WORKLIST_FIRST)
		.execute();
	return {
		count: await countOfRows(coming.select((eb) => eb.fn.countAll().as('n'))),
		first: rows.map((row) => ({
			...row,
			// Items go in while the agenda is open and until the deadline (submission-rules.ts).
			takingItems: row.status === 'agenda-open' && today <= row.submissionDeadline
		}))
	};
}
