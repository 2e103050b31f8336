import { describe, expect, it } from 'vitest';
import {
	planChangesSomething,
	planImport,
	type ImportState
} from '$lib/server/people/import-rules';
import { readPeopleCsv } from '$lib/server/people/people-csv';

const HEADINGS = 'Name,Email,Job title,Agency,Communities';

const state: ImportState = {
	people: [
		{
			id: 1,
			email: 'sam@council.example',
			name: 'Sam Patel',
			jobTitle: 'Youth worker',
			agencyId: 10,
			disabled: false
		},
		{
			id: 2,
			email: 'ann@council.example',
			name: 'Ann Lee',
			jobTitle: null,
			agencyId: null,
			disabled: true
		}
	],
	agencies: [
		{ id: 10, name: 'Youth Service' },
		{ id: 11, name: "Children's Centres" },
		{ id: 12, name: 'West Mercia Police' }
	],
	communities: [
		{ id: 20, name: 'Bromyard' },
		{ id: 21, name: 'Ledbury' },
		{ id: 22, name: 'Hereford South City' }
	],
	memberships: [
		{ userId: 1, communityId: 20, role: 'member' },
		{ userId: 1, communityId: 21, role: 'coordinator' }
	]
};

function plan(lines: string[], current = state) {
	const file = readPeopleCsv([HEADINGS, ...lines].join('\r\n'));
	if (!file.ok) throw new Error(file.problem);
	return planImport(file, current);
}

describe('what a file would change', () => {
	it('finds a new person, with their agency and roles, names matched in any case and spacing', () => {
		const result = plan([
			'Jo Kay,Jo.Kay@Council.example,Health visitor,children’s  centres,hereford south city: chair; LEDBURY: member'
		]);
		expect(result.rows).toEqual([
			{
				kind: 'new',
				row: 2,
				name: 'Jo Kay',
				email: 'jo.kay@council.example',
				jobTitle: 'Health visitor',
				agencyId: 11,
				agency: "Children's Centres",
				roles: [
					{ communityId: 22, community: 'Hereford South City', from: null, to: 'chair' },
					{ communityId: 21, community: 'Ledbury', from: null, to: 'member' }
				]
			}
		]);
		expect(result.counts).toEqual({ new: 1, changed: 0, unchanged: 0, problems: 0 });
		expect(planChangesSomething(result)).toBe(true);
	});

	it('finds changed details and roles of someone with an account, matched by email in any case', () => {
		const result = plan([
			'Samuel Patel,SAM@council.example,Senior youth worker,West Mercia Police,Bromyard: chair; Ledbury: remove; Hereford South City: member'
		]);
		expect(result.rows).toEqual([
			{
				kind: 'changed',
				row: 2,
				userId: 1,
				name: 'Sam Patel',
				email: 'sam@council.example',
				disabled: false,
				details: [
					{ field: 'name', from: 'Sam Patel', to: 'Samuel Patel' },
					{ field: 'jobTitle', from: 'Youth worker', to: 'Senior youth worker' },
					{ field: 'agency', from: 'Youth Service', to: 'West Mercia Police' }
				],
				after: { name: 'Samuel Patel', jobTitle: 'Senior youth worker', agencyId: 12 },
				roles: [
					{ communityId: 20, community: 'Bromyard', from: 'member', to: 'chair' },
					{ communityId: 21, community: 'Ledbury', from: 'coordinator', to: null },
					{ communityId: 22, community: 'Hereford South City', from: null, to: 'member' }
				]
			}
		]);
	});

	it('leaves alone an empty job title or agency, and every community the row does not name', () => {
		const result = plan(['Sam Patel,sam@council.example,,,Bromyard: coordinator']);
		expect(result.rows[0]).toMatchObject({
			kind: 'changed',
			details: [],
			after: { name: 'Sam Patel', jobTitle: 'Youth worker', agencyId: 10 },
			roles: [{ communityId: 20, from: 'member', to: 'coordinator' }]
		});
	});

	it('says a row that matches what is there changes nothing, and so does removing a role not held', () => {
		const result = plan([
			'Sam Patel,sam@council.example,Youth worker,Youth Service,Bromyard: member; Ledbury: coordinator',
			'Ann Lee,ann@council.example,,,Hereford South City: remove'
		]);
		expect(result.rows.map((r) => [r.kind, r.row])).toEqual([
			['unchanged', 2],
			['unchanged', 3]
		]);
		expect(result.rows[1]).toMatchObject({ disabled: true });
		expect(planChangesSomething(result)).toBe(false);
	});

	it('gives every problem of every row, with the reason', () => {
		const result = plan([
			',no-at-sign,,Youth Service,',
			'Jo Kay,jo@council.example,,Polise,Ledbury: member',
			'Jo Kay,JO@council.example,,Youth Service,Ledbry: member; Bromyard: boss; Bromyard',
			'New Person,new@council.example,,,',
			'Sam Patel,sam@council.example,,,Ledbury: member; ledbury: chair',
			`${'N'.repeat(121)},long@council.example,${'J'.repeat(121)},Youth Service,`
		]);
		expect(result.rows.map((r) => (r.kind === 'problem' ? [r.row, r.problems] : r.kind))).toEqual([
			[
				2,
				[
					'Enter the person’s full name',
					'Enter an email address in the correct format, like name@example.org'
				]
			],
			[
				3,
				[
					'The same email address is also on row 4: put each person on one row only',
					'There is no agency called ‘Polise’'
				]
			],
			[
				4,
				[
					'The same email address is also on row 3: put each person on one row only',
					'The role in Bromyard must be chair, coordinator, member or remove, not ‘boss’',
					'Give Bromyard a role after a colon, like ‘Bromyard: member’',
					'There is no community called ‘Ledbry’'
				]
			],
			[5, ['Enter the agency the person works for']],
			[6, ['Ledbury is in the Communities column more than once']],
			[7, ['Name must be 120 characters or fewer', 'Job title must be 120 characters or fewer']]
		]);
		expect(result.counts.problems).toBe(6);
		expect(planChangesSomething(result)).toBe(false);
	});

	it('gives the same fingerprint for the same file and state, and another when either changes', () => {
		const lines = ['Jo Kay,jo@council.example,,Youth Service,Ledbury: member'];
		expect(plan(lines).fingerprint).toBe(plan(lines).fingerprint);
		expect(plan(['Jo Kay,jo@council.example,,Youth Service,Ledbury: chair']).fingerprint).not.toBe(
			plan(lines).fingerprint
		);
		const someoneTookIt = {
			...state,
			people: [...state.people, { ...state.people[0]!, id: 3, email: 'jo@council.example' }]
		};
		expect(plan(lines, someoneTookIt).fingerprint).not.toBe(plan(lines).fingerprint);
	});
});

describe('a retired community in the file', () => {
	const retired = {
		...state,
		communities: state.communities.map((c) => ({ ...c, retired: c.name !== 'Hereford South City' }))
	};
	it('takes no new member or new role', () => {
		const result = plan(
			[
				'Jo Kay,jo.kay@council.example,Health visitor,Youth Service,Bromyard: member',
				'Sam Patel,sam@council.example,Youth worker,Youth Service,Bromyard: member; Ledbury: chair'
			],
			retired
		);
		expect(result.rows[0]).toMatchObject({
			kind: 'problem',
			problems: ['Bromyard is retired: it takes no new members']
		});
		expect(result.rows[1]).toMatchObject({
			kind: 'problem',
			problems: ['Ledbury is retired: it takes no new members']
		});
	});
	it('lets a file leave someone’s role in a retired community as it is', () => {
		const result = plan(
			['Sam Patel,sam@council.example,Youth worker,Youth Service,Bromyard: member'],
			retired
		);
		expect(result.rows[0]).toMatchObject({ kind: 'unchanged' });
	});
});
