import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { readDateInput } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';

/**
 * What an action says, and who does it, are on the action list, My actions, the follow-up board
 * and the minutes for every member of the MAG, so they are screened like anonymous items.
 */
const SCREENED_AS = 'Actions';

/**
 * Every action has an owner (a person, and their agency) and a due date (docs/domain.md). The owner is a
 * member of the community, someone in the room (a substitute or guest), or a person outside the
 * meeting named with their agency.
 */
export interface ActionOwnerChoice {
	value: string;
	label: string;
}

export async function ownerChoices(
	db: DB,
	meetingId: number,
	communityId: number
): Promise<ActionOwnerChoice[]> {
	const members = await db
		.selectFrom('community_membership')
		.innerJoin('user', 'user.id', 'community_membership.user_id')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select(['user.id', 'user.name', 'agency.name as agency'])
		.where('community_membership.community_id', '=', communityId)
		.where('user.disabled_at', 'is', null)
		.orderBy('user.name')
		.execute();
	const inTheRoom = await db
		.selectFrom('attendance')
		.select(['id', 'name', 'agency', 'status', 'substitute_name as substituteName'])
		.where('meeting_id', '=', meetingId)
		.where('status', 'in', ['substitute', 'guest'])
		.orderBy('id')
		.execute();
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

export interface ActionInput {
	description: string;
	ownerId: number | null;
	ownerName: string;
	ownerAgency: string;
	dueDate: string;
}

export interface ActionOwner {
	id: number | null;
	name: string;
	agency: string;
}

/**
 * Reads who will do an action (`<prefix>-owner`, `-ownerName`, `-ownerAgency`). The owner is
 * resolved against the people the chair could choose (ownerChoices), so a forged value cannot name
 * anyone else.
 */
export async function readActionOwner(
	db: DB,
	form: FormData,
	context: { meetingId: number; communityId: number },
	prefix = 'action'
) {
	const field = (name: string) => `${prefix}-${name}`;
	const values: Record<string, string> = {};
	for (const name of ['owner', 'ownerName', 'ownerAgency'])
		values[field(name)] = textField(form, field(name));
	const errors: FieldErrors = {};
	let owner: ActionOwner | null = null;
	const ownerValue = values[field('owner')]!;
	const [kind, idText] = ownerValue.split(':');
	if (kind === 'member') {
		const member = await db
			.selectFrom('community_membership')
			.innerJoin('user', 'user.id', 'community_membership.user_id')
			.leftJoin('agency', 'agency.id', 'user.agency_id')
			.select(['user.id', 'user.name', 'agency.name as agency'])
			.where('community_membership.community_id', '=', context.communityId)
			.where('user.id', '=', Number(idText))
			.where('user.disabled_at', 'is', null)
			.executeTakeFirst();
		if (member) owner = { id: member.id, name: member.name, agency: member.agency ?? 'No agency' };
	} else if (kind === 'attendee') {
		const attendee = await db
			.selectFrom('attendance')
			.select(['name', 'agency', 'status', 'substitute_name as substituteName'])
			.where('id', '=', Number(idText))
			.where('meeting_id', '=', context.meetingId)
			.where('status', 'in', ['substitute', 'guest'])
			.executeTakeFirst();
		if (attendee)
			owner = {
				id: null,
				name: attendee.status === 'substitute' ? attendee.substituteName! : attendee.name,
				agency: attendee.agency ?? 'No agency'
			};
	} else if (kind === 'other') {
		const name = values[field('ownerName')]!;
		const agency = values[field('ownerAgency')]!;
		const nameProblem = freeTextProblem(name, {
			missing: 'Enter the name of the person who will do this',
			limit: TEXT_LIMITS.name,
			label: 'Their name',
			screen: { what: SCREENED_AS }
		});
		const agencyProblem = freeTextProblem(agency, {
			missing: 'Enter the agency of the person who will do this',
			limit: TEXT_LIMITS.agency,
			label: 'Their agency',
			screen: { what: SCREENED_AS }
		});
		if (nameProblem) errors[field('ownerName')] = nameProblem;
		if (agencyProblem) errors[field('ownerAgency')] = agencyProblem;
		if (!nameProblem && !agencyProblem) owner = { id: null, name, agency };
	}
	if (!owner && !errors[field('ownerName')] && !errors[field('ownerAgency')])
		errors[field('owner')] = 'Choose who will do this';
	return { values, errors, owner };
}

/** Reads an action's due date (`<prefix>-due-day`, `-month`, `-year`): a real date after today. */
export function readActionDueDate(form: FormData, today: string, prefix = 'action') {
	const field = (name: string) => `${prefix}-${name}`;
	const values: Record<string, string> = {};
	for (const name of ['due-day', 'due-month', 'due-year'])
		values[field(name)] = textField(form, field(name));
	const errors: FieldErrors = {};
	const due = readDateInput(
		values[field('due-day')]!,
		values[field('due-month')]!,
		values[field('due-year')]!
	);
	if (!due.ok) errors[field('due')] = due.message.replace('the date', 'the due date');
	else if (due.date <= today) errors[field('due')] = 'The due date must be in the future';
	return { values, errors, dueDate: due.ok && !errors[field('due')] ? due.date : null };
}

/**
 * Reads an action from a form whose fields are prefixed (`action-description`, `action-owner`,
 * `action-ownerName`, `action-ownerAgency`, `action-due-day` ...).
 */
export async function readActionForm(
	db: DB,
	form: FormData,
	context: { meetingId: number; communityId: number; today: string },
	prefix = 'action'
) {
	const field = (name: string) => `${prefix}-${name}`;
	const description = textField(form, field('description'));
	const errors: FieldErrors = {};
	const problem = freeTextProblem(description, {
		missing: 'Enter what needs to be done',
		limit: TEXT_LIMITS.actionDescription,
		label: 'What needs to be done',
		screen: { what: SCREENED_AS, today: context.today }
	});
	if (problem) errors[field('description')] = problem;
	const owner = await readActionOwner(db, form, context, prefix);
	const due = readActionDueDate(form, context.today, prefix);
	const values = { [field('description')]: description, ...owner.values, ...due.values };
	Object.assign(errors, owner.errors, due.errors);

	const input: ActionInput | null =
		Object.keys(errors).length === 0 && owner.owner && due.dueDate
			? {
					description,
					ownerId: owner.owner.id,
					ownerName: owner.owner.name,
					ownerAgency: owner.owner.agency,
					dueDate: due.dueDate
				}
			: null;
	return { values, errors, input };
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
	const key = { token: formKey, userId: actor.id, form: `room-action:${context.submissionId}` };
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
		.where('status', 'in', ['open', 'in-progress'])
		.$if(exceptMeetingId !== undefined, (qb) => qb.where('meeting_id', '!=', exceptMeetingId!))
		.orderBy('due_date')
		.orderBy('id')
		.execute();
}
