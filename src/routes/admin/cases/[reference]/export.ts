import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { requireSubjectAccessOfficer } from '$lib/server/policy/administration';
import { normaliseReference } from '$lib/server/audit/search';
import { exportCase, isCaseReference, type CaseExport } from '$lib/server/records/subject-access';

/** The export for either download: the officer checked, the reference found, the export audited. */
export async function caseExportFor(
	locals: App.Locals,
	typedReference: string,
	ip: string,
	format: 'json' | 'pdf'
): Promise<CaseExport> {
	const user = requireSubjectAccessOfficer(locals);
	const reference = normaliseReference(typedReference);
	if (!isCaseReference(reference)) error(404, 'Not found');
	const record = await exportCase(
		appDatabase().db,
		reference,
		{ id: user.id, ip, name: user.name, email: user.email },
		format
	);
	if (!record) error(404, 'Not found');
	return record;
}

export function downloadHeaders(type: string, reference: string, extension: string): HeadersInit {
	return {
		'Content-Type': type,
		'Content-Disposition': `attachment; filename="subject-access-${reference}.${extension}"`,
		'Cache-Control': 'no-store'
	};
}
