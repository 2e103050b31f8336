import { describe, expect, it } from 'vitest';
import { readGuestForm, readRegisterForm } from '$lib/server/meeting/register-form';
import { database, fixture, useMeetingFixture } from '../meeting-fixture';
import { form } from './room-fixture';

useMeetingFixture();

const meeting = () => ({ id: fixture.meetingId, communityId: fixture.communityId });

describe('the register form', () => {
	it('reads each member marked, leaving out those not marked', async () => {
		const { confirmedMember, submitter } = fixture.people;
		const read = await readRegisterForm(
			database.db,
			meeting(),
			form({
				[`status-${confirmedMember}`]: 'present',
				[`agreed-${confirmedMember}`]: 'yes',
				[`status-${submitter}`]: 'substitute',
				[`substitute-${submitter}`]: 'Sam Green'
			})
		);
		expect(read.errors).toEqual({});
		expect(read.entries).toEqual(
			expect.arrayContaining([
				{ userId: confirmedMember, status: 'present', substituteName: null, agreedAloud: true },
				{ userId: submitter, status: 'substitute', substituteName: 'Sam Green', agreedAloud: false }
			])
		);
		expect(read.entries).toHaveLength(2);
		expect(read.values[`agreed-${confirmedMember}`]).toBe('yes');
		expect(read.values[`agreed-${submitter}`]).toBe('');
	});

	it('asks who stands in for a member who sent a substitute, and refuses a made-up status', async () => {
		const { submitter, absentMember } = fixture.people;
		const read = await readRegisterForm(
			database.db,
			meeting(),
			form({ [`status-${submitter}`]: 'substitute', [`status-${absentMember}`]: 'asleep' })
		);
		expect(read.errors).toEqual({
			[`substitute-${submitter}`]:
				'Enter the name of the person from Agency 3 standing in for The submitter',
			[`status-${absentMember}`]: 'Choose whether The absentMember is here'
		});
		expect(read.values[`status-${absentMember}`]).toBe('asleep');
	});
});

describe('adding a guest', () => {
	it('needs their name and agency, keeping what was typed', () => {
		expect(readGuestForm(form({ guestAgreed: 'yes' }))).toEqual({
			guest: { name: '', agency: '', agreedAloud: true },
			values: { name: '', agency: '', agreedAloud: 'yes' },
			errors: { guestName: 'Enter the guest’s name', guestAgency: 'Enter the guest’s agency' }
		});
	});

	it('reads a guest who did not agree aloud', () => {
		expect(
			readGuestForm(form({ guestName: 'Rosa Vale', guestAgency: 'Ledbury Food Bank' }))
		).toEqual({
			guest: { name: 'Rosa Vale', agency: 'Ledbury Food Bank', agreedAloud: false },
			values: { name: 'Rosa Vale', agency: 'Ledbury Food Bank', agreedAloud: '' },
			errors: {}
		});
	});
});
