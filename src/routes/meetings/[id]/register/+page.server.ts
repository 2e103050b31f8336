import { error, fail } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { addGuest, listRegister, saveRegister } from '$lib/server/meeting/register';
import { readGuestForm, readRegisterForm } from '$lib/server/meeting/register-form';
import { registerOpen } from '$lib/server/meeting/stages';
import { announceMeetingChange } from '$lib/server/platform/live';
import { requireMeetingOrganiser } from '$lib/server/policy/meeting';
import type { Actions, PageServerLoad } from './$types';
import { MEMBER_STATUSES } from '$lib/domain/meeting';
import { confidentialityStatementOf } from '$lib/server/council/structure-view';

/** The chair or a coordinator takes the register once the agenda is out and while the meeting runs. */
async function requireRegister(locals: App.Locals, id: string) {
	const access = await requireMeetingOrganiser(locals, id, 'register');
	if (!registerOpen(access.meeting.status))
		error(409, 'The register is taken once the agenda is published and while the meeting runs');
	return access;
}

export const load: PageServerLoad = async ({ locals, params }) => {
	const { meeting } = await requireRegister(locals, params.id);
	const register = await listRegister(appDatabase().db, meeting.id, meeting.communityId);
	return {
		meeting: {
			id: meeting.id,
			date: meeting.date,
			communityName: meeting.communityName,
			status: meeting.status
		},
		statement: await confidentialityStatementOf(appDatabase().db, {
			communityId: meeting.communityId
		}),
		statuses: MEMBER_STATUSES,
		members: register.members.map((m) => ({
			userId: m.userId,
			name: m.name,
			agency: m.agency,
			status: m.status,
			substituteName: m.substituteName,
			confirmedAt: m.confirmedAt,
			confirmedVia: m.confirmedVia
		})),
		guests: register.guests
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRegister(locals, params.id);
		const { db } = appDatabase();
		const read = await readRegisterForm(db, meeting, await request.formData());
		if (Object.keys(read.errors).length > 0)
			return fail(400, { values: read.values, errors: read.errors });
		await saveRegister(db, meeting.id, read.entries, { id: user.id, ip: getClientAddress() });
		announceMeetingChange(meeting.id);
		return { saved: true };
	},

	guest: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRegister(locals, params.id);
		const read = readGuestForm(await request.formData());
		if (Object.keys(read.errors).length > 0)
			return fail(400, { guestValues: read.values, errors: read.errors });
		await addGuest(appDatabase().db, meeting.id, read.guest, {
			id: user.id,
			ip: getClientAddress()
		});
		announceMeetingChange(meeting.id);
		return { guestAdded: read.guest.name };
	}
};
