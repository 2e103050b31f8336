import { describe, expect, it } from 'vitest';
import { navigationFor, roleLabel } from '$lib/server/policy/navigation';
import { twoFactorRequired } from '$lib/server/policy/session';
import { safeNextPath } from '$lib/server/http/forms';
import { sessionUser } from '../helpers';

const person = sessionUser;

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
			['Home', 'My actions', 'Council', 'Users', 'Audit log', 'Your account'],
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
		['/meetings/3/agenda?from=%2F%2Fevil.example', '/meetings/3/agenda?from=%2F%2Fevil.example'],
		// Encoded slashes, backslashes and control characters stay a path on this site: a browser
		// does not decode them in a redirect.
		['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
		['/%5Cevil.example', '/%5Cevil.example'],
		['/%09/evil.example', '/%09/evil.example'],
		['https://evil.example/', '/'],
		['//evil.example/', '/'],
		['/\\evil.example', '/'],
		['\\\\evil.example', '/'],
		['/a\\..\\..\\\\evil.example', '/'],
		['/\t/evil.example', '/'],
		['/\n/evil.example', '/'],
		['/\r\n/evil.example', '/'],
		['/\t\\evil.example', '/'],
		['\t//evil.example', '/'],
		['/\u0000/evil.example', '/'],
		['/\u007f/evil.example', '/'],
		['/ /evil.example', '/'],
		['/\u00a0/evil.example', '/'],
		['/\u2028/evil.example', '/'],
		['/caf\u00e9', '/'],
		['javascript:alert(1)', '/'],
		['evil.example', '/'],
		['', '/'],
		[null, '/']
	])('%j → %j', (next, expected) => {
		expect(safeNextPath(next)).toBe(expected);
		expect(new URL(safeNextPath(next), 'https://mag.council.example').origin).toBe(
			'https://mag.council.example'
		);
	});

	it.each([
		['next=%2F%09%2Fevil.example', '/'],
		['next=%2F%0A%2Fevil.example', '/'],
		['next=%2F%0D%0A%2Fevil.example', '/'],
		['next=%2F%5C%2Fevil.example', '/'],
		['next=%2F%5Cevil.example', '/'],
		['next=/%2509/evil.example', '/%09/evil.example'],
		['next=%252F%252Fevil.example', '/'],
		['next=%2Fmeetings%2F3%3Fpart%3D2', '/meetings/3?part=2']
	])('read from the sign-in address ?%s → %j', (query, expected) => {
		const next = new URL(`https://mag.council.example/sign-in?/signIn&${query}`).searchParams.get(
			'next'
		);
		expect(safeNextPath(next)).toBe(expected);
	});
});
