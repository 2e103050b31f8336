import type { DB } from '../platform/db';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { readDateInput } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { choosableAttendees, choosableMembers } from './queries';

/**
 * Every action has an owner (a person, and their agency) and a due date (docs/domain.md). The owner
 * is a member of the community, someone in the room (a substitute or guest), or a person outside
 * the meeting named with their agency.
 *
 * What an action says, and who does it, are on the action list, My actions, the follow-up board
 * and the minutes for every member of the MAG, so they are screened like anonymous items.
 */
const SCREENED_AS = 'Actions';

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
		const member = await choosableMembers(db, context.communityId)
			.where('user.id', '=', Number(idText))
			.executeTakeFirst();
		if (member) owner = { id: member.id, name: member.name, agency: member.agency ?? 'No agency' };
	} else if (kind === 'attendee') {
		const attendee = await choosableAttendees(db, context.meetingId)
			.where('id', '=', Number(idText))
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
