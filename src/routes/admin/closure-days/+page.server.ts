import { fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { freeTextProblem, textField, type FieldErrors } from '$lib/server/http/forms';
import { addClosureDay, listClosureDays, removeClosureDay } from '$lib/server/agenda/meetings';
import { readDateInput } from '$lib/dates';
import { TEXT_LIMITS } from '$lib/domain/text-limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	return { days: await listClosureDays(appDatabase().db) };
};

export const actions: Actions = {
	add: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const form = await request.formData();
		const values = {
			day: textField(form, 'date-day'),
			month: textField(form, 'date-month'),
			year: textField(form, 'date-year'),
			reason: textField(form, 'reason')
		};
		const errors: FieldErrors = {};
		const date = readDateInput(values.day, values.month, values.year);
		if (!date.ok) errors.date = date.message;
		const reasonProblem = freeTextProblem(values.reason, {
			missing: 'Enter why the council is closed',
			limit: TEXT_LIMITS.closureReason,
			label: 'Reason'
		});
		if (reasonProblem) errors.reason = reasonProblem;
		if (Object.keys(errors).length > 0 || !date.ok) return fail(400, { values, errors });
		const added = await addClosureDay(appDatabase().db, date.date, values.reason, {
			id: admin.id,
			ip: getClientAddress()
		});
		if (!added)
			return fail(400, {
				values,
				errors: { date: 'That day is already a closure day' } as FieldErrors
			});
		return { added: date.date };
	},
	remove: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const date = textField(await request.formData(), 'date');
		await removeClosureDay(appDatabase().db, date, { id: admin.id, ip: getClientAddress() });
		return { removed: date };
	}
};
