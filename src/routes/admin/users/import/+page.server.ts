import { fail } from '@sveltejs/kit';
import { requireAdministrator } from '$lib/server/policy/administration';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import { formKeyField, newFormKey } from '$lib/server/http/form-keys';
import { textField } from '$lib/server/http/forms';
import { listAgencies, listCommunities } from '$lib/server/people/users';
import { importPeople, previewPeopleImport } from '$lib/server/people/import';
import type { ImportPlan } from '$lib/server/people/import-rules';
import {
	carryFile,
	decodePeopleFile,
	fileFingerprint,
	readCarriedFile
} from '$lib/server/people/people-csv';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	requireAdministrator(locals);
	const { db } = appDatabase();
	return {
		agencies: (await listAgencies(db)).map((a) => a.name),
		communities: await listCommunities(db),
		invitationHours: config.invitationHours
	};
};

/** The preview, and what the confirm step sends back: the file itself and what was checked. */
function previewOf(plan: ImportPlan, text: string, fileName: string) {
	return {
		plan,
		fileName,
		carried: {
			csv: carryFile(text),
			fileSha256: fileFingerprint(text),
			planSha256: plan.fingerprint,
			fileName,
			formKey: newFormKey()
		}
	};
}

/** A file name as shown back on the page: no path, at most 100 characters. */
function shownName(name: string): string {
	return (name.split(/[\\/]/).pop() ?? '').slice(0, 100) || 'the file';
}

export const actions: Actions = {
	/** Reads the file and shows what it would change. Writes nothing. */
	preview: async ({ locals, request }) => {
		requireAdministrator(locals);
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || (file.size === 0 && file.name === '')) {
			return fail(400, { errors: { file: 'Select a CSV file' } });
		}
		const decoded = decodePeopleFile(new Uint8Array(await file.arrayBuffer()));
		if (!decoded.ok) return fail(400, { errors: { file: decoded.problem } });
		const preview = await previewPeopleImport(appDatabase().db, decoded.text);
		if (!preview.ok) return fail(400, { errors: { file: preview.problem } });
		return { preview: previewOf(preview.plan, decoded.text, shownName(file.name)) };
	},

	/** Imports what the preview showed, all in one transaction, or nothing. */
	confirm: async ({ locals, request, getClientAddress }) => {
		const admin = requireAdministrator(locals);
		const form = await request.formData();
		const fileName = shownName(textField(form, 'fileName'));
		const text = readCarriedFile(textField(form, 'csv'));
		const fileChanged = {
			errors: {
				file: 'The file has changed since you checked it: upload it again and check the changes'
			}
		};
		if (text === null) return fail(409, fileChanged);
		const answer = await importPeople(
			appDatabase().db,
			{
				text,
				fileSha256: textField(form, 'fileSha256'),
				planSha256: textField(form, 'planSha256'),
				formKey: formKeyField(form)
			},
			{ id: admin.id, ip: getClientAddress() },
			config.invitationHours
		);
		switch (answer.outcome) {
			case 'file-changed':
				return fail(409, fileChanged);
			case 'unreadable':
				return fail(400, { errors: { file: answer.problem } });
			case 'changed-since-preview':
				return fail(409, {
					preview: previewOf(answer.plan, text, fileName),
					changedSincePreview: true
				});
			case 'no-changes':
				return { preview: previewOf(answer.plan, text, fileName) };
			case 'imported':
				return {
					imported: { invited: answer.invited, changed: answer.changed, fileName }
				};
		}
	}
};
