import type { DB } from '../platform/db';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { MEMBER_STATUSES, type MemberAttendance } from '../../domain/meeting';
import { listRegister, type RegisterEntry } from './register';

/**
 * Reads the register form: for each member of the MAG whether they are here (`status-<id>`), who
 * stands in for them (`substitute-<id>`) and whether they agreed the statement aloud
 * (`agreed-<id>`). A member left unmarked is left out; errors are keyed by field, and what was
 * typed is echoed back.
 */
export async function readRegisterForm(
	db: DB,
	meeting: { id: number; communityId: number },
	form: FormData
) {
	const { members } = await listRegister(db, meeting.id, meeting.communityId);
	const values: Record<string, string> = {};
	const errors: FieldErrors = {};
	const entries: RegisterEntry[] = [];
	for (const member of members) {
		const status = textField(form, `status-${member.userId}`);
		const substitute = textField(form, `substitute-${member.userId}`);
		values[`status-${member.userId}`] = status;
		values[`substitute-${member.userId}`] = substitute;
		values[`agreed-${member.userId}`] = form.get(`agreed-${member.userId}`) === 'yes' ? 'yes' : '';
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
	return { values, errors, entries };
}

/** Reads a guest added to the register: their name and agency, and whether they agreed aloud. */
export function readGuestForm(form: FormData) {
	const guest = {
		name: textField(form, 'guestName'),
		agency: textField(form, 'guestAgency'),
		agreedAloud: form.get('guestAgreed') === 'yes'
	};
	const errors: FieldErrors = {};
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
	return {
		guest,
		values: { ...guest, agreedAloud: guest.agreedAloud ? 'yes' : '' },
		errors
	};
}
