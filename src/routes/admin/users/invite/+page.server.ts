import { fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import type { FieldErrors } from '$lib/server/http/forms';
import { inviteUser } from '$lib/server/people/invitations';
import { readInvitationForm } from '$lib/server/people/user-form';
import { listAgencies } from '$lib/server/people/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	return {
		agencies: await listAgencies(appDatabase().db),
		invitationHours: config.invitationHours
	};
};

export const actions: Actions = {
	invite: async ({ locals, request, url, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const { db } = appDatabase();
		const { values, errors, invitation } = await readInvitationForm(db, await request.formData());
		if (!invitation) return fail(400, { values, errors });
		const result = await inviteUser(
			db,
			invitation,
			{ id: admin.id, ip: getClientAddress() },
			config.invitationHours
		);
		if (!result.ok) {
			return fail(400, {
				values,
				errors: { email: 'Someone already has an account with this email address' } as FieldErrors
			});
		}
		return {
			invited: {
				name: values.name,
				userId: result.userId,
				link: `${url.origin}/invitation/${result.token}`
			}
		};
	}
};
