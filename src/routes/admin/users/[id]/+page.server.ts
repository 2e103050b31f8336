import { error, fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { removeTwoFactor } from '$lib/server/people/account';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import {
	freeTextProblem,
	textField,
	tooLongProblem,
	type FieldErrors
} from '$lib/server/http/forms';
import type { CommunityRole } from '$lib/server/platform/schema';
import {
	findUserForAdmin,
	listAgencies,
	listCommunities,
	reissueInvitation,
	setUserDisabled,
	updateUser
} from '$lib/server/people/users';
import { TEXT_LIMITS } from '$lib/domain/text-limits';
import type { Actions, PageServerLoad } from './$types';

const communityRoles: CommunityRole[] = ['chair', 'coordinator', 'member'];

function userIdFrom(params: { id: string }): number {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Not found');
	return id;
}

async function requireTarget(id: number) {
	const user = await findUserForAdmin(appDatabase().db, id);
	if (!user) error(404, 'Not found');
	return user;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const admin = requireAdministrator(locals);
	const user = await requireTarget(userIdFrom(params));
	const { db } = appDatabase();
	return {
		user,
		isSelf: admin.id === user.id,
		agencies: await listAgencies(db),
		communities: await listCommunities(db)
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const target = await requireTarget(userIdFrom(params));
		const { db } = appDatabase();
		const form = await request.formData();
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
			roles
		};
		const errors: FieldErrors = {};
		const nameProblem = freeTextProblem(values.name, {
			missing: 'Enter the person’s full name',
			limit: TEXT_LIMITS.name,
			label: 'Name'
		});
		if (nameProblem) errors.name = nameProblem;
		const jobTitleTooLong = tooLongProblem(values.jobTitle, TEXT_LIMITS.jobTitle, 'Job title');
		if (jobTitleTooLong) errors.jobTitle = jobTitleTooLong;
		const agencies = await listAgencies(db);
		const agency = agencies.find((a) => String(a.id) === values.agencyId);
		if (!agency) errors.agencyId = 'Choose the agency the person works for';
		if (admin.id === target.id && !values.isAdministrator) {
			errors.isAdministrator = 'You cannot remove your own administrator role';
		}
		const memberships = new Map<number, CommunityRole>();
		for (const community of communities) {
			const role = roles[community.id];
			if (!role) continue;
			if (!communityRoles.includes(role as CommunityRole)) {
				errors[`role-${community.id}`] = `Choose a role in ${community.name}`;
			} else {
				memberships.set(community.id, role as CommunityRole);
			}
		}
		if (Object.keys(errors).length > 0 || !agency) return fail(400, { values, errors });
		await updateUser(
			db,
			target.id,
			{
				name: values.name,
				jobTitle: values.jobTitle || null,
				agencyId: agency.id,
				isAdministrator: values.isAdministrator,
				isDataProtectionOfficer: values.isDataProtectionOfficer,
				isManager: values.isManager,
				memberships
			},
			{ id: admin.id, ip: getClientAddress() }
		);
		return { saved: true };
	},

	disable: async ({ locals, params, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const target = await requireTarget(userIdFrom(params));
		if (target.id === admin.id)
			return fail(400, { actionError: 'You cannot disable your own account' });
		await setUserDisabled(appDatabase().db, target.id, true, {
			id: admin.id,
			ip: getClientAddress()
		});
		return { statusChanged: 'disabled' as const };
	},

	enable: async ({ locals, params, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const target = await requireTarget(userIdFrom(params));
		await setUserDisabled(appDatabase().db, target.id, false, {
			id: admin.id,
			ip: getClientAddress()
		});
		return { statusChanged: 'enabled' as const };
	},

	reissueInvitation: async ({ locals, params, url, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const target = await requireTarget(userIdFrom(params));
		if (target.status !== 'invited')
			return fail(400, { actionError: 'This person has already set a password' });
		const token = await reissueInvitation(
			appDatabase().db,
			target.id,
			{ id: admin.id, ip: getClientAddress() },
			config.invitationHours
		);
		return { invitationLink: `${url.origin}/invitation/${token}` };
	},

	resetTwoFactor: async ({ locals, params, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const target = await requireTarget(userIdFrom(params));
		await removeTwoFactor(appDatabase().db, target.id, { id: admin.id, ip: getClientAddress() });
		return { twoFactorReset: true };
	}
};
