import { error, fail } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { config } from '$lib/server/platform/config';
import { freeTextProblem, textField } from '$lib/server/http/forms';
import {
	addGuest,
	listRegister,
	saveRegister,
	type RegisterEntry
} from '$lib/server/meeting/attendance';
import { announceMeetingChange } from '$lib/server/platform/live';
import { TEXT_LIMITS } from '$lib/domain/text-limits';
import { requireMeetingOrganiser } from '$lib/server/policy/meeting';
import type { Actions, PageServerLoad } from './$types';
import { MEMBER_STATUSES, type MemberAttendance } from '$lib/domain/meeting';

/** The chair or a coordinator takes the register once the agenda is out and while the meeting runs. */
async function requireRegister(locals: App.Locals, id: string) {
	const access = await requireMeetingOrganiser(locals, id, 'register');
	if (!['agenda-published', 'in-progress'].includes(access.meeting.status))
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
		statement: config.confidentialityStatement,
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
		const form = await request.formData();
		const { db } = appDatabase();
		const { members } = await listRegister(db, meeting.id, meeting.communityId);
		const values: Record<string, string> = {};
		const errors: Record<string, string> = {};
		const entries: RegisterEntry[] = [];
		for (const member of members) {
			const status = textField(form, `status-${member.userId}`);
			const substitute = textField(form, `substitute-${member.userId}`);
			values[`status-${member.userId}`] = status;
			values[`substitute-${member.userId}`] = substitute;
			values[`agreed-${member.userId}`] =
				form.get(`agreed-${member.userId}`) === 'yes' ? 'yes' : '';
			if (!status) continue;
			if (!Object.hasOwn(MEMBER_STATUSES, status)) {
				errors[`status-${member.userId}`] = `Choose whether ${member.name} is here`;
				continue;
			}
			const substituteProblem = freeTextProblem(substitute, {
				...(status === 'substitute'
					? {
							missing: `Enter the name of the person from ${member.agency ?? 'their agency'} standing in for ${member.name}`
						}
					: {}),
				limit: TEXT_LIMITS.name,
				label: 'Name'
			});
			if (substituteProblem) errors[`substitute-${member.userId}`] = substituteProblem;
			entries.push({
				userId: member.userId,
				status: status as MemberAttendance,
				substituteName: substitute || null,
				agreedAloud: form.get(`agreed-${member.userId}`) === 'yes'
			});
		}
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });
		await saveRegister(db, meeting.id, entries, { id: user.id, ip: getClientAddress() });
		announceMeetingChange(meeting.id);
		return { saved: true };
	},

	guest: async ({ locals, params, request, getClientAddress }) => {
		const { user, meeting } = await requireRegister(locals, params.id);
		const form = await request.formData();
		const guest = {
			name: textField(form, 'guestName'),
			agency: textField(form, 'guestAgency'),
			agreedAloud: form.get('guestAgreed') === 'yes'
		};
		const errors: Record<string, string> = {};
		const nameProblem = freeTextProblem(guest.name, {
			missing: 'Enter the guest’s name',
			limit: TEXT_LIMITS.name,
			label: 'Name'
		});
		if (nameProblem) errors.guestName = nameProblem;
		const agencyProblem = freeTextProblem(guest.agency, {
			missing: 'Enter the guest’s agency',
			limit: TEXT_LIMITS.agency,
			label: 'Agency'
		});
		if (agencyProblem) errors.guestAgency = agencyProblem;
		if (Object.keys(errors).length > 0)
			return fail(400, {
				guestValues: { ...guest, agreedAloud: guest.agreedAloud ? 'yes' : '' },
				errors
			});
		await addGuest(appDatabase().db, meeting.id, guest, { id: user.id, ip: getClientAddress() });
		announceMeetingChange(meeting.id);
		return { guestAdded: guest.name };
	}
};
