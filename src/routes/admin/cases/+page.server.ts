import { appDatabase } from '$lib/server/platform/app-database';
import { requireSubjectAccessOfficer } from '$lib/server/policy/administration';
import { normaliseReference } from '$lib/server/audit/search';
import type { FieldErrors } from '$lib/server/http/forms';
import { findCaseForExport, isCaseReference } from '$lib/server/records/subject-access';
import type { PageServerLoad } from './$types';

/** Subject access requests: the data protection officer finds a case by its reference. */
export const load: PageServerLoad = async ({ locals, url }) => {
	requireSubjectAccessOfficer(locals);
	const typed = url.searchParams.get('reference');
	const values = { reference: typed?.trim() ?? '' };
	if (typed === null) return { values, errors: undefined, found: null };
	const reference = normaliseReference(values.reference);
	const errors: FieldErrors = {};
	if (!reference) errors.reference = 'Enter a case reference';
	else if (!isCaseReference(reference))
		errors.reference = 'Enter a case reference like GV-2026-001: letters, numbers and hyphens';
	if (Object.keys(errors).length > 0) return { values, errors, found: null };
	const found = await findCaseForExport(appDatabase().db, reference);
	if (!found)
		return {
			values,
			errors: { reference: `No case has the reference ${reference}` },
			found: null
		};
	return { values, errors: undefined, found };
};
