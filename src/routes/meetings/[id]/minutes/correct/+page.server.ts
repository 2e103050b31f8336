import { error, fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { meetingMinutes } from '$lib/server/meeting/minutes';
import {
	correctableNotes,
	correctMinutes,
	minutesVersions
} from '$lib/server/meeting/minutes-corrections';
import { readCorrectionForm } from '$lib/server/meeting/minutes-correction-form';
import { findApproval } from '$lib/server/meeting/minutes-approval';
import { requireMinutesChair } from '$lib/server/policy/meeting';
import type { Actions, PageServerLoad } from './$types';

/** The notes the chair may correct, as the minutes show them to the chair. */
async function notesFor(meetingId: number, viewer: { id: number; ip: string | null }) {
	const { db } = appDatabase();
	const minutes = (await meetingMinutes(db, meetingId, viewer)) ?? error(404, 'Not found');
	return { minutes, notes: await correctableNotes(db, minutes) };
}

async function latestVersion(meetingId: number): Promise<number> {
	return (await minutesVersions(appDatabase().db, meetingId)).at(-1)?.version ?? 0;
}

export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const { user, meeting } = await requireMinutesChair(locals, params.id);
	const { minutes, notes } = await notesFor(meeting.id, { id: user.id, ip: getClientAddress() });
	return {
		meeting: {
			id: minutes.meeting.id,
			communityName: minutes.meeting.communityName,
			date: minutes.meeting.date
		},
		notes: notes.map(({ submissionId, label, part, note }) => ({
			submissionId,
			label,
			part,
			note
		})),
		version: await latestVersion(meeting.id),
		approved: Boolean(await findApproval(appDatabase().db, meeting.id))
	};
};

export const actions: Actions = {
	correct: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireMinutesChair(locals, params.id);
		const actor = { id: user.id, ip: getClientAddress() };
		const form = await request.formData();
		const { notes } = await notesFor(meeting.id, actor);
		const reading = readCorrectionForm(form, notes);
		if (!reading.ok) return fail(400, { values: reading.values, errors: reading.errors });
		const from = Number(form.get('version'));
		const result = await correctMinutes(
			appDatabase().db,
			meeting,
			{ reason: reading.reason, changes: reading.changes, from },
			actor
		);
		if (!result.saved)
			return fail(409, {
				values: Object.fromEntries(
					[...form.entries()].filter(([, v]) => typeof v === 'string') as [string, string][]
				),
				conflict:
					'The minutes were corrected by someone else since you opened this page. Check the notes below (your text is kept) and save again.',
				version: await latestVersion(meeting.id)
			});
		redirect(303, `/meetings/${meeting.id}/minutes?corrected=${result.version}`);
	}
};
