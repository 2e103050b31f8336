import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import {
	addAgency,
	addCommunity,
	addLocality,
	reinstateCommunity,
	renameLocality,
	retireCommunity,
	setAgencyRetired,
	updateAgency,
	updateCommunity
} from '$lib/server/council/structure';
import {
	agencyFormValues,
	readAgencyForm,
	readCommunityForm,
	type CommunitySettings
} from '$lib/server/council/structure-form';
import { councilOverview } from '$lib/server/council/structure-view';
import { agreementState } from '$lib/server/council/agreement';
import { setUpGaps } from '$lib/server/council/gaps';
import { listAgencies } from '$lib/server/people/users';
import { freshDatabase } from '../helpers';

let database: OpenDatabase;
const actor = { id: 1, ip: '127.0.0.1' };
beforeEach(async () => {
	database = await freshDatabase();
	await database.db
		.insertInto('user')
		.values({
			email: 'admin@council.example',
			name: 'Ada Admin',
			job_title: null,
			agency_id: null,
			is_administrator: 1,
			password_hash: null,
			totp_key: null,
			totp_last_step: null,
			disabled_at: null,
			created_at: new Date().toISOString()
		})
		.execute();
});
afterEach(() => database.close());

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
};

const settings = (
	localityId: number,
	over: Partial<CommunitySettings> = {}
): CommunitySettings => ({
	name: 'Golden Valley',
	localityId,
	meetingLengthMinutes: 120,
	everyWeeks: 6,
	familyItemLimit: 15,
	deadlineWorkingDays: 5,
	venue: null,
	onlineLink: null,
	confidentialityStatement: null,
	...over
});

const auditActions = async () =>
	(await database.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map(
		(r) => r.action
	);

describe('reading the community form', () => {
	const good = {
		name: 'Golden Valley',
		localityId: '1',
		meetingLength: '120',
		everyWeeks: '6',
		familyItemLimit: '15',
		deadlineWorkingDays: '5',
		venue: 'Peterchurch Centre',
		onlineLink: '',
		confidentialityStatement: ''
	};
	it('reads a good form into settings, empty optional fields as null', () => {
		const read = readCommunityForm(form(good), [1]);
		expect(read).toEqual({
			ok: true,
			input: {
				...settings(1),
				venue: 'Peterchurch Centre'
			}
		});
	});
	it.each([
		['name', '', 'Enter the community’s name'],
		['localityId', '9', 'Choose the locality the community is in'],
		['meetingLength', '', 'Enter the meeting length in minutes'],
		['meetingLength', '10', 'Meeting length must be a whole number from 30 to 480 minutes'],
		['everyWeeks', '6.5', 'How often it meets must be a whole number from 1 to 26 weeks'],
		['familyItemLimit', '0', 'Family items per meeting must be a whole number from 1 to 40 items'],
		[
			'deadlineWorkingDays',
			'five',
			'Submission deadline must be a whole number from 0 to 20 working days'
		],
		[
			'onlineLink',
			'teams.example/meet',
			'Enter the online meeting link as a full address starting https://'
		],
		['name', 'x'.repeat(121), 'Name must be 120 characters or fewer']
	])(
		'refuses %s = %j with a message by the field, keeping what was typed',
		(field, value, message) => {
			const read = readCommunityForm(form({ ...good, [field]: value }), [1]);
			expect(read.ok).toBe(false);
			if (read.ok) return;
			expect(read.errors[field]).toBe(message);
			expect(read.values[field]).toBe(value.trim());
		}
	);
});

describe('reading the agency form', () => {
	it('reads an agency with its agreement dates', () => {
		const read = readAgencyForm(
			form({
				name: 'West Mercia Police',
				sector: 'Police',
				'agreementSignedOn-day': '1',
				'agreementSignedOn-month': '4',
				'agreementSignedOn-year': '2025',
				'agreementReviewDue-day': '1',
				'agreementReviewDue-month': '4',
				'agreementReviewDue-year': '2027',
				agreementLocation: 'IG register, ISA-0042'
			})
		);
		expect(read).toEqual({
			ok: true,
			input: {
				name: 'West Mercia Police',
				sector: 'Police',
				agreementSignedOn: '2025-04-01',
				agreementReviewDue: '2027-04-01',
				agreementLocation: 'IG register, ISA-0042'
			}
		});
		if (read.ok) expect(readAgencyForm(form(agencyFormValues(read.input)))).toEqual(read);
	});
	it('refuses a review date before signing, and a review date with no signing date', () => {
		const before = readAgencyForm(
			form({
				name: 'A',
				sector: 'Health',
				'agreementSignedOn-day': '1',
				'agreementSignedOn-month': '4',
				'agreementSignedOn-year': '2025',
				'agreementReviewDue-day': '1',
				'agreementReviewDue-month': '4',
				'agreementReviewDue-year': '2024'
			})
		);
		expect(before.ok ? null : before.errors.agreementReviewDue).toBe(
			'The review date must be after the date it was signed'
		);
		const unsigned = readAgencyForm(
			form({
				name: 'A',
				sector: 'Health',
				'agreementReviewDue-day': '1',
				'agreementReviewDue-month': '4',
				'agreementReviewDue-year': '2027'
			})
		);
		expect(unsigned.ok ? null : unsigned.errors.agreementSignedOn).toMatch(
			/date the agreement was signed/
		);
		const nameless = readAgencyForm(form({ name: '', sector: '' }));
		expect(nameless.ok ? null : nameless.errors).toEqual({
			name: 'Enter the agency’s name',
			sector: 'Enter the kind of service, for example Police or Health'
		});
	});
});

describe('the council’s structure', () => {
	it('adds and renames localities, refusing a name already used in any case', async () => {
		const north = await addLocality(database.db, 'North', actor);
		expect(north.ok).toBe(true);
		expect(await addLocality(database.db, 'north', actor)).toEqual({
			ok: false,
			errors: { name: 'There is already a locality called north: choose another name' }
		});
		const south = await addLocality(database.db, 'South', actor);
		if (!north.ok || !south.ok) throw new Error('not added');
		expect((await renameLocality(database.db, south.id, 'NORTH', actor)).ok).toBe(false);
		expect(await renameLocality(database.db, south.id, 'South and West', actor)).toEqual({
			ok: true,
			id: south.id
		});
		expect(await auditActions()).toEqual(['locality.added', 'locality.added', 'locality.renamed']);
	});

	it('adds a community with its MAG settings, records what changed, and moves it', async () => {
		const north = await addLocality(database.db, 'North', actor);
		const south = await addLocality(database.db, 'South', actor);
		if (!north.ok || !south.ok) throw new Error('not added');
		const added = await addCommunity(database.db, settings(north.id), actor);
		if (!added.ok) throw new Error('not added');
		expect(
			(await addCommunity(database.db, settings(south.id, { name: 'golden valley' }), actor)).ok
		).toBe(false);
		await updateCommunity(
			database.db,
			added.id,
			settings(north.id, { familyItemLimit: 12 }),
			actor
		);
		await updateCommunity(
			database.db,
			added.id,
			settings(south.id, { familyItemLimit: 12 }),
			actor
		);
		const row = await database.db
			.selectFrom('community')
			.selectAll()
			.where('id', '=', added.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ locality_id: south.id, family_item_limit: 12, every_weeks: 6 });
		const entries = await database.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('record_type', '=', 'community')
			.orderBy('id')
			.execute();
		expect(entries.map((e) => e.action)).toEqual([
			'community.added',
			'community.updated',
			'community.moved'
		]);
		expect(JSON.parse(entries[1]!.detail!)).toEqual({ family_item_limit: { from: 15, to: 12 } });
		expect(JSON.parse(entries[2]!.detail!)).toEqual({
			locality_id: { from: north.id, to: south.id }
		});
	});

	it('will not retire a community with meetings still to hold, and says what to do first', async () => {
		const north = await addLocality(database.db, 'North', actor);
		if (!north.ok) throw new Error('not added');
		const added = await addCommunity(database.db, settings(north.id), actor);
		if (!added.ok) throw new Error('not added');
		for (const [date, status] of [
			['2027-03-02', 'concluded'],
			['2027-06-01', 'agenda-published'],
			['2027-07-13', 'scheduled']
		] as const)
			await database.db
				.insertInto('meeting')
				.values({
					community_id: added.id,
					date,
					start_time: '09:30',
					length_minutes: 120,
					submission_deadline: date,
					status,
					venue: null,
					online_link: null,
					created_at: new Date().toISOString(),
					created_by: 1
				} as never)
				.execute();
		expect(await retireCommunity(database.db, added.id, actor)).toEqual({
			ok: false,
			reason: 'unfinished-meetings',
			meetings: 2,
			next: '2027-06-01'
		});
		await database.db
			.updateTable('meeting')
			.set({ status: 'cancelled' })
			.where('status', '!=', 'concluded')
			.execute();
		expect(await retireCommunity(database.db, added.id, actor)).toEqual({ ok: true });
		const { localities } = await councilOverview(database.db, '2027-01-01');
		expect(localities[0]!.communities[0]).toMatchObject({ name: 'Golden Valley', retired: true });
		await reinstateCommunity(database.db, added.id, actor);
		expect(await auditActions()).toContain('community.reinstated');
	});

	it('keeps agencies and their agreements, and retires one without deleting it', async () => {
		const details = {
			name: 'Housing Solutions',
			sector: 'Housing',
			agreementSignedOn: null,
			agreementReviewDue: null,
			agreementLocation: null
		};
		const added = await addAgency(database.db, details, actor);
		if (!added.ok) throw new Error('not added');
		expect(
			(await addAgency(database.db, { ...details, name: 'HOUSING SOLUTIONS' }, actor)).ok
		).toBe(false);
		await updateAgency(
			database.db,
			added.id,
			{ ...details, agreementSignedOn: '2025-04-01' },
			actor
		);
		await setAgencyRetired(database.db, added.id, true, actor);
		await setAgencyRetired(database.db, added.id, true, actor);
		const { agencies } = await councilOverview(database.db, '2026-12-02');
		expect(agencies).toEqual([
			expect.objectContaining({ name: 'Housing Solutions', retired: true, agreement: 'current' })
		]);
		expect(await auditActions()).toEqual(['agency.added', 'agency.updated', 'agency.retired']);
	});
});

describe('an information-sharing agreement on a given day', () => {
	it.each([
		[null, null, 'none'],
		['2025-04-01', null, 'current'],
		['2025-04-01', '2027-04-01', 'current'],
		['2025-04-01', '2027-01-31', 'review-due'],
		['2025-04-01', '2026-12-02', 'review-due'],
		['2025-04-01', '2026-12-01', 'review-overdue']
	] as const)('signed %s, review %s: %s on 2 December 2026', (signed, due, state) => {
		expect(
			agreementState({ agreementSignedOn: signed, agreementReviewDue: due }, '2026-12-02')
		).toBe(state);
	});
});

describe('what a council still lacks', () => {
	it('starts with everything missing and names each gap with its fix', async () => {
		expect((await setUpGaps(database.db, '2026-12-02')).map((g) => g.fix)).toEqual([
			'Add a locality',
			'Add an agency'
		]);
		const north = await addLocality(database.db, 'North', actor);
		if (!north.ok) throw new Error('not added');
		expect((await setUpGaps(database.db, '2026-12-02')).map((g) => g.text)).toContain(
			'No communities yet'
		);
		const community = await addCommunity(database.db, settings(north.id), actor);
		if (!community.ok) throw new Error('not added');
		await addAgency(
			database.db,
			{
				name: 'Police',
				sector: 'Police',
				agreementSignedOn: null,
				agreementReviewDue: null,
				agreementLocation: null
			},
			actor
		);
		expect(await setUpGaps(database.db, '2026-12-02')).toEqual([
			{
				text: 'Golden Valley has no members',
				href: `/communities/${community.id}`,
				fix: 'Add members'
			},
			{
				text: 'Golden Valley has no meetings scheduled',
				href: `/communities/${community.id}/meetings/new`,
				fix: 'Schedule meetings'
			},
			{
				text: 'Police has no information-sharing agreement recorded',
				href: expect.stringMatching(/^\/admin\/council\/agencies\/\d+$/),
				fix: 'Record it'
			}
		]);
		await database.db
			.insertInto('community_membership')
			.values({ community_id: community.id, user_id: 1, role: 'member' })
			.execute();
		expect((await setUpGaps(database.db, '2026-12-02')).map((g) => g.text)).toContain(
			'Golden Valley has no chair'
		);
	});
});

describe('many agencies without an agreement', () => {
	it('are one line, linking to the agencies, rather than one each', async () => {
		for (const name of ['A', 'B', 'C', 'D'])
			await addAgency(
				database.db,
				{
					name,
					sector: 'Health',
					agreementSignedOn: null,
					agreementReviewDue: null,
					agreementLocation: null
				},
				actor
			);
		const gaps = await setUpGaps(database.db, '2026-12-02');
		expect(gaps.filter((g) => g.text.includes('agreement'))).toEqual([
			{
				text: '4 agencies have no information-sharing agreement recorded',
				href: '/admin/council#agencies',
				fix: 'See the agencies'
			}
		]);
	});
});

describe('a retired agency', () => {
	it('is not offered for new people, but still shows for someone already in it', async () => {
		const added = await addAgency(
			database.db,
			{
				name: 'Connexions',
				sector: 'Youth',
				agreementSignedOn: null,
				agreementReviewDue: null,
				agreementLocation: null
			},
			actor
		);
		if (!added.ok) throw new Error('not added');
		await setAgencyRetired(database.db, added.id, true, actor);
		expect((await listAgencies(database.db)).map((a) => a.name)).not.toContain('Connexions');
		expect((await listAgencies(database.db, added.id)).map((a) => a.name)).toContain('Connexions');
	});
});
