import { describe, expect, it } from 'vitest';
import { accountStatus, changeOfRoles, type RolesBefore } from '$lib/server/people/user-rules';

describe("a person's account", () => {
	it.each([
		[{ disabled_at: '2027-01-01T00:00:00Z', password_hash: 'x' }, 'disabled'],
		[{ disabled_at: null, password_hash: 'x' }, 'active'],
		[{ disabled_at: null, password_hash: null }, 'invited'],
		[{ disabled_at: null, password_hash: null, hasSingleSignOn: true }, 'active'],
		[
			{ disabled_at: '2027-01-01T00:00:00Z', password_hash: null, hasSingleSignOn: true },
			'disabled'
		]
	])('%j is %s', (user, status) => {
		expect(accountStatus(user)).toBe(status);
	});
});

describe('what an administrator’s changes do to a person’s roles', () => {
	const before: RolesBefore = {
		memberships: new Map([
			[1, 'member'],
			[2, 'chair']
		]),
		isAdministrator: false,
		isDataProtectionOfficer: false,
		isManager: false,
		isFrontDoor: false,
		agencyId: 4
	};
	const same = {
		name: 'Sam',
		jobTitle: null,
		agencyId: 4,
		isAdministrator: false,
		memberships: new Map(before.memberships)
	};

	it('is an update, with nothing to say, when no role changes', () => {
		expect(changeOfRoles(before, same)).toEqual({ action: 'user.updated', detail: {} });
		expect(changeOfRoles(before, { ...same, agencyId: 5 })).toEqual({
			action: 'user.updated',
			detail: { agencyId: 5 }
		});
	});

	it('names each community whose role changed, from what to what', () => {
		const memberships = new Map([
			[1, 'coordinator'],
			[3, 'member']
		] as const);
		expect(changeOfRoles(before, { ...same, memberships })).toEqual({
			action: 'user.roles-changed',
			detail: {
				communities: [
					{ communityId: 1, from: 'member', to: 'coordinator' },
					{ communityId: 2, from: 'chair', to: null },
					{ communityId: 3, from: null, to: 'member' }
				]
			}
		});
	});

	it('counts the administrator, data protection officer and manager roles, each only if sent', () => {
		expect(
			changeOfRoles(before, {
				...same,
				isAdministrator: true,
				isDataProtectionOfficer: true,
				isManager: true
			})
		).toEqual({
			action: 'user.roles-changed',
			detail: { administrator: true, dataProtectionOfficer: true, manager: true }
		});
		expect(changeOfRoles({ ...before, isManager: true }, same)).toEqual({
			action: 'user.updated',
			detail: {}
		});
	});
});
