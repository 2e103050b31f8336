import { describe, expect, it } from 'vitest';
import { readInvitationForm, readUserForm } from '$lib/server/people/user-form';
import { form as formOf } from '../helpers';
import { agencyId, communityIds, database, usePeopleFixture } from './people-fixture';

usePeopleFixture();

describe('the invitation form', () => {
	it('reads who is invited, their agency and whether an administrator', async () => {
		const read = await readInvitationForm(
			database.db,
			formOf({
				name: 'Sam Newcomer',
				email: 'sam@council.example',
				jobTitle: '',
				agencyId: String(agencyId),
				isAdministrator: 'yes'
			})
		);
		expect(read.errors).toEqual({});
		expect(read.invitation).toEqual({
			name: 'Sam Newcomer',
			email: 'sam@council.example',
			jobTitle: null,
			agencyId,
			isAdministrator: true
		});
	});

	it('refuses a missing name, a bad email, a long job title and an agency not on the list', async () => {
		const read = await readInvitationForm(
			database.db,
			formOf({ name: '', email: 'sam', jobTitle: 'a'.repeat(201), agencyId: '99999' })
		);
		expect(read.invitation).toBeNull();
		expect(Object.keys(read.errors)).toEqual(['name', 'email', 'jobTitle', 'agencyId']);
		expect(read.errors.agencyId).toBe('Choose the agency the person works for');
		expect(read.values).toMatchObject({ email: 'sam', agencyId: '99999', isAdministrator: false });
	});
});

describe('the form changing a person', () => {
	const fields = () => ({
		name: 'Sam Newcomer',
		jobTitle: 'Youth worker',
		agencyId: String(agencyId),
		isAdministrator: 'yes',
		[`role-${communityIds[0]}`]: 'chair',
		[`role-${communityIds[1]}`]: ''
	});

	it('reads a role in each community, none where left blank', async () => {
		const read = await readUserForm(database.db, formOf(fields()), { isSelf: false });
		expect(read.errors).toEqual({});
		expect(read.changes).toEqual({
			name: 'Sam Newcomer',
			jobTitle: 'Youth worker',
			agencyId,
			isAdministrator: true,
			isDataProtectionOfficer: false,
			isManager: false,
			isFrontDoor: false,
			memberships: new Map([[communityIds[0]!, 'chair']])
		});
	});

	it('refuses a made-up role, and an administrator taking away their own role', async () => {
		const read = await readUserForm(
			database.db,
			formOf({ ...fields(), isAdministrator: '', [`role-${communityIds[1]}`]: 'toString' }),
			{ isSelf: true }
		);
		expect(read.changes).toBeNull();
		expect(read.errors).toEqual({
			isAdministrator: 'You cannot remove your own administrator role',
			[`role-${communityIds[1]}`]: 'Choose a role in Ledbury'
		});
		expect(read.values.roles[communityIds[1]!]).toBe('toString');
	});
});
