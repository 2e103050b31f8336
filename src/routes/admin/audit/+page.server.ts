import { requireAuditReader } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import {
	actionInWords,
	auditActions,
	auditKinds,
	normaliseReference,
	searchAudit,
	ukDayBounds,
	type AuditFilters
} from '$lib/server/audit/search';
import type { FieldErrors } from '$lib/server/http/forms';
import { requestedPage } from '$lib/server/http/paging';
import { dateBoxes, optionalDate } from '$lib/server/http/date-boxes';
import type { PageServerLoad } from './$types';

const MAX_TEXT = 200;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireAuditReader(locals);
	const { db } = appDatabase();
	const params = url.searchParams;
	const values = {
		person: params.get('person')?.trim() ?? '',
		caseReference: params.get('case')?.trim() ?? '',
		action: params.get('action')?.trim() ?? '',
		from: dateBoxes(params, 'from'),
		to: dateBoxes(params, 'to')
	};
	const errors: FieldErrors = {};
	if (values.person.length > MAX_TEXT)
		errors.person = `Name or email must be ${MAX_TEXT} characters or fewer`;
	if (values.caseReference.length > MAX_TEXT)
		errors.case = `Case reference must be ${MAX_TEXT} characters or fewer`;
	const from = optionalDate(values.from, 'The from date');
	const to = optionalDate(values.to, 'The to date');
	if (!from.ok) errors.from = from.message;
	if (!to.ok) errors.to = to.message;
	if (from.ok && to.ok && from.date && to.date && to.date < from.date)
		errors.to = 'The to date must be the same as or after the from date';

	const kinds = await auditActions(db);
	// Every entry of a kind ("family.*") first, then each action of that kind.
	const actions = [...kinds, ...auditKinds(kinds).map((kind) => `${kind}.*`)]
		.sort()
		.map((action) => ({
			value: action,
			label: action.endsWith('.*')
				? `Any ${action.slice(0, -2)} entry (${action})`
				: actionInWords(action) === action
					? action
					: `${actionInWords(action)} (${action})`
		}));
	const searched = Boolean(
		values.person || values.caseReference || values.action || from.date || to.date
	);
	if (Object.keys(errors).length > 0 || !from.ok || !to.ok) {
		return { values, errors, actions, searched, list: null, caseReference: null };
	}

	const filters: AuditFilters = {
		person: values.person || undefined,
		caseReference: values.caseReference || undefined,
		action: values.action || undefined,
		...ukDayBounds(from.date, to.date)
	};
	const before = Number(params.get('before'));
	const list = await searchAudit(db, filters, {
		page: requestedPage(url),
		beforeId: Number.isInteger(before) && before > 0 ? before : undefined
	});
	return {
		values,
		errors: undefined,
		actions,
		searched,
		list: { ...list, rows: list.rows.map((row) => ({ ...row, what: actionInWords(row.action) })) },
		caseReference: values.caseReference ? normaliseReference(values.caseReference) : null
	};
};
