import { createHash } from 'node:crypto';
import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import type { ActionInput } from './action-form';
import { choosableAttendees, choosableMembers } from './queries';
import { OPEN_STATUSES } from './statuses';

/** Someone the chair may give an action to (action-form.ts reads the choice back). */
export interface ActionOwnerChoice {
	value: string;
	label: string;
}

export async function ownerChoices(
	db: DB,
	meetingId: number,
	communityId: number
): Promise<ActionOwnerChoice[]> {
	const members = await choosableMembers(db, communityId).orderBy('user.name').execute();
	const inTheRoom = await choosableAttendees(db, meetingId).orderBy('id').execute();
	return [
		...members.map((m) => ({
			value: `member:${m.id}`,
			label: `${m.name}${m.agency ? `, ${m.agency}` : ''}`
		})),
		...inTheRoom.map((a) => ({
			value: `attendee:${a.id}`,
			label: `${a.status === 'substitute' ? a.substituteName : a.name}${a.agency ? `, ${a.agency}` : ''} (${a.status})`
		}))
	];
}

/**
 * Adds an action agreed in the room, in one transaction with its audit entry. A post repeating
 * one already saved (the same `formKey`, from the page's form) adds nothing and returns the
 * action the first one added.
 */
export async function addAction(
	db: DB,
	context: {
		communityId: number;
		meetingId: number;
		submissionId: number | null;
		caseId: number | null;
	},
	input: ActionInput,
	actor: Actor,
	now = new Date(),
	formKey: string | null = null
): Promise<number> {
	// The key is scoped to what the action says: a double click repeats it exactly and adds it
	// once, while a different action posted with a key the page has not yet replaced is new.
	const what = createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 16);
	const key = {
		token: formKey,
		userId: actor.id,
		form: `room-action:${context.submissionId}:${what}`
	};
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<{ actionId: number }>(trx, key);
		if (earlier) return earlier.actionId;
		const row = await trx
			.insertInto('action')
			.values({
				community_id: context.communityId,
				meeting_id: context.meetingId,
				submission_id: context.submissionId,
				case_id: context.caseId,
				description: input.description,
				owner_id: input.ownerId,
				owner_name: input.ownerName,
				owner_agency: input.ownerAgency,
				due_date: input.dueDate,
				created_by: actor.id,
				created_at: now.toISOString(),
				completed_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'action.created',
				recordType: 'action',
				recordId: row.id,
				ip: actor.ip,
				detail: { meetingId: context.meetingId, submissionId: context.submissionId }
			},
			now
		);
		await rememberAnswer(trx, key, { actionId: row.id }, now);
		return row.id;
	});
}

/**
 * The actions agreed at a meeting: reference (case or item), what, owner, agency, due date. What an
 * action says is written for the action list, so it carries the case reference, never a name.
 */
export async function listMeetingActions(db: DB, meetingId: number) {
	return db
		.selectFrom('action')
		.leftJoin('submission', 'submission.id', 'action.submission_id')
		.leftJoin('family_case', 'family_case.id', 'action.case_id')
		.select([
			'action.id',
			'action.submission_id as submissionId',
			'submission.part',
			'family_case.reference',
			'action.description',
			'action.owner_id as ownerId',
			'action.owner_name as ownerName',
			'action.owner_agency as ownerAgency',
			'action.due_date as dueDate',
			'action.status'
		])
		.where('action.meeting_id', '=', meetingId)
		.orderBy('submission.part')
		.orderBy('submission.position')
		.orderBy('action.id')
		.execute();
}

/**
 * The open actions on a case, which follow it into its next review (docs/domain.md); those agreed at
 * `exceptMeetingId` (the meeting in progress) are listed with their item instead.
 */
export async function openCaseActions(db: DB, caseId: number, exceptMeetingId?: number) {
	return db
		.selectFrom('action')
		.select([
			'id',
			'description',
			'owner_name as ownerName',
			'owner_agency as ownerAgency',
			'due_date as dueDate',
			'status'
		])
		.where('case_id', '=', caseId)
		.where('status', 'in', OPEN_STATUSES)
		.$if(exceptMeetingId !== undefined, (qb) => qb.where('meeting_id', '!=', exceptMeetingId!))
		.orderBy('due_date')
		.orderBy('id')
		.execute();
}
