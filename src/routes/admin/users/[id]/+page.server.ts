import { error, fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { removeTwoFactor } from '$lib/server/people/account';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import { reissueInvitation } from '$lib/server/people/invitations';
import { readUserForm } from '$lib/server/people/user-form';
import {
	findUserForAdmin,
	listAgencies,
	listCommunities,
	setUserDisabled,
	updateUser
} from '$lib/server/people/users';
import type { Actions, PageServerLoad } from './$types';

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
		agencies: await listAgencies(db, user.agencyId),
		communities: await listCommunities(db)
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const target = await requireTarget(userIdFrom(params));
		const { db } = appDatabase();
		const { values, errors, changes } = await readUserForm(db, await request.formData(), {
			isSelf: admin.id === target.id
		});
		if (!changes) return fail(400, { values, errors });
		await updateUser(db, target.id, changes, { id: admin.id, ip: getClientAddress() });
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
