import { error, fail, redirect } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { meetingMinutes } from '$lib/server/meeting/minutes';
import { minutesAtVersion, minutesVersions } from '$lib/server/meeting/minutes-corrections';
import { approvalWindow, approveMinutes, findApproval } from '$lib/server/meeting/minutes-approval';
import { requireMinutesChair } from '$lib/server/policy/meeting';
import { requireConcludedMeeting } from '../published';
import type { Actions, PageServerLoad } from './$types';

/** `?version=N` reads the minutes as they stood at an earlier version (0: as published). */
function chosenVersion(url: URL, latest: number): number {
	const asked = url.searchParams.get('version');
	if (asked === null || asked === '') return latest;
	const version = Number(asked);
	if (!Number.isInteger(version) || version < 0 || version > latest)
		error(404, 'These minutes have no such version');
	return version;
}

export const load: PageServerLoad = async ({ locals, params, url, getClientAddress }) => {
	const { user, meeting, role } = await requireConcludedMeeting(locals, params.id);
	const { db } = appDatabase();
	const current = await meetingMinutes(db, meeting.id, { id: user.id, ip: getClientAddress() });
	if (!current) error(404, 'Not found');
	const versions = await minutesVersions(db, meeting.id);
	const latest = versions.at(-1)?.version ?? 0;
	const version = chosenVersion(url, latest);
	const chair = role === 'chair';
	return {
		minutes: version === latest ? current : await minutesAtVersion(db, current, version),
		versions,
		version,
		latest,
		approval: (await findApproval(db, meeting.id)) ?? null,
		mayCorrect: chair,
		mayApprove: chair && (await approvalWindow(db, meeting)).open
	};
};

export const actions: Actions = {
	approve: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireMinutesChair(locals, params.id);
		const { db } = appDatabase();
		const window = await approvalWindow(db, meeting);
		if (!window.open) return fail(409, { approvalError: window.reason });
		await approveMinutes(db, meeting.id, window.at, { id: user.id, ip: getClientAddress() });
		// From the next meeting's room, back to it; otherwise to the minutes.
		const fromRoom = (await request.formData()).get('from') === 'room';
		redirect(
			303,
			fromRoom ? `/meetings/${window.at.id}/room` : `/meetings/${meeting.id}/minutes?approved=1`
		);
	}
};
