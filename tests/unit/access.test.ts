import { describe, expect, it } from 'vitest';
import { navigationFor, roleLabel } from '$lib/server/policy/navigation';
import { twoFactorRequired } from '$lib/server/policy/session';
import type { SessionUser } from '$lib/server/auth/session';
import { safeNextPath } from '$lib/server/forms';

function person(overrides: Partial<SessionUser>): SessionUser {
	return {
		id: 1,
		name: 'Test',
		email: 't@x.example',
		agencyName: null,
		isAdministrator: false,
		isDataProtectionOfficer: false,
		isManager: false,
		hasTwoFactor: false,
		communityRoles: [],
		...overrides
	};
}

const administrator = person({ isAdministrator: true });
const chair = person({ communityRoles: ['chair'] });
const coordinator = person({ communityRoles: ['coordinator'] });
const practitioner = person({ communityRoles: ['member'] });
const newcomer = person({});
const dataProtectionOfficer = person({ isDataProtectionOfficer: true });

describe('navigation by role', () => {
	it.each([
		[
			'administrator',
			administrator,
			['Home', 'My actions', 'Users', 'Audit log', 'Your account'],
			'Administrator'
		],
		[
			'chair',
			chair,
			['Home', 'My communities', 'My submissions', 'Reports', 'My actions', 'Your account'],
			'Chair (head of locality)'
		],
		[
			'coordinator',
			coordinator,
			['Home', 'My communities', 'My submissions', 'Reports', 'My actions', 'Your account'],
			'MAG coordinator'
		],
		[
			'practitioner',
			practitioner,
			['Home', 'My communities', 'My submissions', 'My actions', 'Your account'],
			'Practitioner'
		],
		[
			'someone with no role yet',
			newcomer,
			['Home', 'My actions', 'Your account'],
			'No community role yet'
		],
		[
			'the data protection officer',
			dataProtectionOfficer,
			['Home', 'My actions', 'Audit log', 'Your account'],
			'Data protection officer'
		]
	])('%s sees %j', (_, user, labels, label) => {
		expect(navigationFor(user).map((item) => item.label)).toEqual(labels);
		expect(roleLabel(user)).toBe(label);
	});

	it('names an early help manager with no community role as such, and shows them the reports', () => {
		const manager = person({ isManager: true });
		expect(roleLabel(manager)).toBe('Early help manager');
		expect(navigationFor(manager).map((item) => item.label)).toEqual([
			'Home',
			'Reports',
			'My actions',
			'Your account'
		]);
	});
});

describe('who must use two-factor sign-in', () => {
	it.each([
		[administrator, ['administrator', 'chair'], true],
		[chair, ['administrator', 'chair'], true],
		[coordinator, ['administrator', 'chair'], false],
		[practitioner, ['administrator', 'chair'], false],
		[practitioner, ['member'], true],
		[administrator, [], false],
		[dataProtectionOfficer, ['administrator'], true],
		[dataProtectionOfficer, ['chair'], false]
	] as const)(
		'%#: required for %j when the council requires it for %j → %s',
		(user, roles, expected) => {
			expect(twoFactorRequired(user, [...roles])).toBe(expected);
		}
	);
});

describe('where sign-in sends you next', () => {
	it.each([
		['/admin/users', '/admin/users'],
		['/communities/3?tab=members', '/communities/3?tab=members'],
		['https://evil.example/', '/'],
		['//evil.example/', '/'],
		['/\\evil.example', '/'],
		[null, '/']
	])('%j → %j', (next, expected) => {
		expect(safeNextPath(next)).toBe(expected);
	});
});
