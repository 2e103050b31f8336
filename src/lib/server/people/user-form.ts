import type { DB } from '../platform/db';
import type { CommunityRole } from '../platform/schema';
import {
	emailProblem,
	freeTextProblem,
	textField,
	tooLongProblem,
	type FieldErrors
} from '../http/forms';
import { roleNames } from '../../domain/roles';
import { TEXT_LIMITS } from '../../domain/text-limits';
import type { NewInvitation } from './invitations';
import type { UserChanges } from './user-rules';
import { listAgencies, listCommunities } from './users';

/** The administrator's forms about a person: inviting them, and changing their details and roles. */

function nameProblem(name: string): string | null {
	return freeTextProblem(name, {
		missing: 'Enter the person’s full name',
		limit: TEXT_LIMITS.name,
		label: 'Name'
	});
}

const jobTitleProblem = (jobTitle: string) =>
	tooLongProblem(jobTitle, TEXT_LIMITS.jobTitle, 'Job title');

const AGENCY_MISSING = 'Choose the agency the person works for';

/** The invitation form: who, their email, job title and agency, and whether an administrator. */
export async function readInvitationForm(db: DB, form: FormData) {
	const values = {
		name: textField(form, 'name'),
		email: textField(form, 'email'),
		jobTitle: textField(form, 'jobTitle'),
		agencyId: textField(form, 'agencyId'),
		isAdministrator: form.get('isAdministrator') === 'yes'
	};
	const errors: FieldErrors = {};
	const name = nameProblem(values.name);
	if (name) errors.name = name;
	const email = emailProblem(values.email);
	if (email) errors.email = email;
	const jobTitle = jobTitleProblem(values.jobTitle);
	if (jobTitle) errors.jobTitle = jobTitle;
	const agency = (await listAgencies(db)).find((a) => String(a.id) === values.agencyId);
	if (!agency) errors.agencyId = AGENCY_MISSING;
	const invitation: NewInvitation | null =
		Object.keys(errors).length === 0 && agency
			? {
					name: values.name,
					email: values.email,
					jobTitle: values.jobTitle || null,
					agencyId: agency.id,
					isAdministrator: values.isAdministrator
				}
			: null;
	return { values, errors, invitation };
}

/**
 * The form changing a person's details and roles: a role in each community (or none). An
 * administrator cannot take away their own administrator role (`isSelf`), so there is always one.
 */
export async function readUserForm(db: DB, form: FormData, context: { isSelf: boolean }) {
	const communities = await listCommunities(db);
	const roles: Record<string, string> = {};
	for (const community of communities)
		roles[community.id] = textField(form, `role-${community.id}`);
	const values = {
		name: textField(form, 'name'),
		jobTitle: textField(form, 'jobTitle'),
		agencyId: textField(form, 'agencyId'),
		isAdministrator: form.get('isAdministrator') === 'yes',
		isDataProtectionOfficer: form.get('isDataProtectionOfficer') === 'yes',
		isManager: form.get('isManager') === 'yes',
		isFrontDoor: form.get('isFrontDoor') === 'yes',
		roles
	};
	const errors: FieldErrors = {};
	const name = nameProblem(values.name);
	if (name) errors.name = name;
	const jobTitle = jobTitleProblem(values.jobTitle);
	if (jobTitle) errors.jobTitle = jobTitle;
	const agency = (await listAgencies(db, Number(values.agencyId))).find(
		(a) => String(a.id) === values.agencyId
	);
	if (!agency) errors.agencyId = AGENCY_MISSING;
	if (context.isSelf && !values.isAdministrator)
		errors.isAdministrator = 'You cannot remove your own administrator role';
	const memberships = new Map<number, CommunityRole>();
	for (const community of communities) {
		const role = roles[community.id];
		if (!role) continue;
		if (!Object.hasOwn(roleNames, role))
			errors[`role-${community.id}`] = `Choose a role in ${community.name}`;
		else memberships.set(community.id, role as CommunityRole);
	}
	const changes: UserChanges | null =
		Object.keys(errors).length === 0 && agency
			? {
					name: values.name,
					jobTitle: values.jobTitle || null,
					agencyId: agency.id,
					isAdministrator: values.isAdministrator,
					isDataProtectionOfficer: values.isDataProtectionOfficer,
					isManager: values.isManager,
					isFrontDoor: values.isFrontDoor,
					memberships
				}
			: null;
	return { values, errors, changes };
}
