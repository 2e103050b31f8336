import { fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import {
	emailProblem,
	freeTextProblem,
	textField,
	tooLongProblem,
	type FieldErrors
} from '$lib/server/http/forms';
import { inviteUser, listAgencies } from '$lib/server/people/users';
import { TEXT_LIMITS } from '$lib/domain/text-limits';
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
		const form = await request.formData();
		const values = {
			name: textField(form, 'name'),
			email: textField(form, 'email'),
			jobTitle: textField(form, 'jobTitle'),
			agencyId: textField(form, 'agencyId'),
			isAdministrator: form.get('isAdministrator') === 'yes'
		};
		const errors: FieldErrors = {};
		const nameProblem = freeTextProblem(values.name, {
			missing: 'Enter the person’s full name',
			limit: TEXT_LIMITS.name,
			label: 'Name'
		});
		if (nameProblem) errors.name = nameProblem;
		const emailError = emailProblem(values.email);
		if (emailError) errors.email = emailError;
		const jobTitleTooLong = tooLongProblem(values.jobTitle, TEXT_LIMITS.jobTitle, 'Job title');
		if (jobTitleTooLong) errors.jobTitle = jobTitleTooLong;
		const agencies = await listAgencies(db);
		const agency = agencies.find((a) => String(a.id) === values.agencyId);
		if (!agency) errors.agencyId = 'Choose the agency the person works for';
		if (Object.keys(errors).length > 0 || !agency) return fail(400, { values, errors });

		const result = await inviteUser(
			db,
			{
				name: values.name,
				email: values.email,
				jobTitle: values.jobTitle || null,
				agencyId: agency.id,
				isAdministrator: values.isAdministrator
			},
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
