import { describe, expect, it, vi } from 'vitest';

// The case page opens the app's own database: point it at a throwaway file before it loads.
const databasePath = vi.hoisted(() => {
	const path = `test-results/cases-${process.pid}.sqlite`;
	process.env.DATABASE_PATH = path;
	return path;
});

import { isHttpError } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { agreeForCase } from '$lib/server/meeting/attendance';
import { readCase } from '$lib/server/cases/case-record';
import { caseAccess, type CaseAccess } from '$lib/server/policy/case-record';
import { todayInEngland } from '$lib/dates';
import { saveOutcome } from '$lib/server/meeting/outcomes';
import {
	actions as caseActions,
	load as caseLoad
} from '../../../src/routes/cases/[id]/+page.server';
import { CHILD, MEETING_DATE, NEED, TODAY } from '../meeting-fixture';
import {
	anotherFamily,
	at,
	caseIds,
	chair,
	event,
	fixture,
	render,
	userId,
	useCaseRecordFixture,
	type Who
} from './case-fixture';
import { formOf } from './form-of';

useCaseRecordFixture(databasePath);

/** The README's table, row by row: who sees what of a case record. */
const TABLE: [string, Who, keyof typeof caseIds, CaseAccess | null][] = [
	['the lead professional', 'leadProfessional', 'fine', 'full'],
	['the submitter', 'submitter', 'fine', 'full'],
	['the chair', 'chair', 'fine', 'full'],
	[
		'a coordinator, once the gate has opened, not having agreed confidentiality there',
		'coordinator',
		'fine',
		'agree-first'
	],
	['a coordinator, before the gate has ever opened', 'coordinator', 'unchecked', 'reference'],
	['the chair, before the gate has ever opened', 'chair', 'unchecked', 'full'],
	['an action owner once the gate passed', 'confirmedMember', 'fine', 'action-summary'],
	['an action owner whose item never passed the gate', 'absentMember', 'unchecked', 'reference'],
	[
		'an action owner whose item was refused at the gate',
		'unconfirmedMember',
		'withdrawn',
		'reference'
	],
	['another member', 'unconfirmedMember', 'fine', 'reference'],
	['someone outside the community', 'nonMember', 'fine', null],
	['an administrator', 'administrator', 'fine', null],
	['the data protection officer', 'dpo', 'fine', null]
];

describe('who sees a case record', () => {
	it.each(TABLE)('caseAccess: %s (%s, the %s family) → %s', async (_, who, family, expected) => {
		expect(await caseAccess(appDatabase().db, userId(who), caseIds[family])).toBe(expected);
	});

	it.each(TABLE)(
		'the /cases/[id] page: %s (%s, the %s family)',
		async (_, who, family, expected) => {
			const { db } = appDatabase();
			const caseId = caseIds[family];
			const reference = (
				await db
					.selectFrom('family_case')
					.select('reference')
					.where('id', '=', caseId)
					.executeTakeFirstOrThrow()
			).reference;
			const before = await db
				.selectFrom('audit_log')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('actor_id', '=', userId(who))
				.where('action', '=', 'family.viewed')
				.executeTakeFirstOrThrow();
			const page = await render(who, caseId);
			if (expected === null) {
				expect(page).toBe('refused 403');
				return;
			}
			expect(page).toContain(reference);
			const child = { fine: CHILD, unchecked: 'Clementine Hart', withdrawn: 'Ottoline Marsh' }[
				family
			];
			expect(page.includes(child)).toBe(expected === 'full');
			expect(page.includes(NEED)).toBe(expected === 'full');
			expect(page.includes(`Home visit ${caseId}-`)).toBe(
				expected === 'full' || expected === 'action-summary'
			);
			expect(JSON.parse(page).access).toBe(expected);
			// Every read of the family's details is logged, with why.
			const reads = await db
				.selectFrom('audit_log')
				.select(['detail', 'record_id'])
				.where('actor_id', '=', userId(who))
				.where('action', '=', 'family.viewed')
				.execute();
			expect(reads.length - before.n).toBe(expected === 'full' ? 1 : 0);
			if (expected === 'full')
				expect(reads.at(-1)).toMatchObject({
					record_id: reference,
					detail: expect.stringContaining('case record')
				});
		}
	);

	it('a coordinator who agrees the confidentiality statement for the case then sees it in full, and the agreement is audited', async () => {
		const { db } = appDatabase();
		const coordinator = userId('coordinator');
		const reference = (await db
			.selectFrom('family_case')
			.select('reference')
			.where('id', '=', caseIds.fine)
			.executeTakeFirstOrThrow())!.reference;
		await agreeForCase(db, { caseId: caseIds.fine, reference }, { id: coordinator, ip: null });
		await agreeForCase(db, { caseId: caseIds.fine, reference }, { id: coordinator, ip: null });
		expect(await caseAccess(db, coordinator, caseIds.fine)).toBe('full');
		expect(await render('coordinator', caseIds.fine)).toContain(CHILD);
		const agreed = await db
			.selectFrom('audit_log')
			.select(['record_id', 'actor_id'])
			.where('action', '=', 'case.confidentiality-agreed')
			.execute();
		expect(agreed).toEqual([{ record_id: reference, actor_id: coordinator }]);
	});

	it('readCase shows the timeline: each item, its gate check, outcome and actions', async () => {
		const record = (await readCase(
			appDatabase().db,
			caseIds.fine,
			{ id: fixture.people.leadProfessional, ip: null },
			TODAY
		))!;
		expect(record.timeline).toEqual([
			expect.objectContaining({
				id: fixture.items.fine,
				meetingDate: MEETING_DATE,
				part: 2,
				gate: expect.objectContaining({ result: 'opened' }),
				actions: [
					expect.objectContaining({
						description: `Home visit ${caseIds.fine}-${fixture.people.confirmedMember}`
					})
				]
			})
		]);
		expect(record.levelOfNeed).toEqual([{ meetingDate: MEETING_DATE, level: '2' }]);
		expect(record.consents).toHaveLength(1);
	});
});

describe('a hand-over or consent posted twice (a retry after a dropped connection, a double click)', () => {
	/** The page's key, as the case record puts it in its forms when it loads. */
	async function pageKey(who: Who, caseId: number): Promise<string> {
		const data = (await caseLoad(event(who, caseId))) as { formKey?: string };
		expect(data.formKey).toMatch(/^[\w-]{22}$/);
		return data.formKey!;
	}
	async function post(
		action: 'handOver' | 'renewConsent',
		who: Who,
		caseId: number,
		fields: Record<string, string>
	) {
		const request = new Request(`http://localhost/cases/${caseId}`, {
			method: 'POST',
			body: formOf(fields)
		});
		const base = event(who, caseId) as Record<string, unknown>;
		return caseActions[action]!({ ...base, request } as never);
	}
	// Signed today: the form takes no date after the real today, whatever the fixture's dates.
	const [year, month, day] = todayInEngland().split('-');
	const renewal = {
		givenBy: 'A parent',
		youngPerson: 'not-of-age',
		'signedOn-day': day!,
		'signedOn-month': month!,
		'signedOn-year': year!,
		coversMag: 'yes',
		sharesWith: 'all',
		partnerChecks: 'no',
		formLocation: 'CAF team file'
	};
	const versions = (caseId: number) =>
		appDatabase().db.selectFrom('consent').select('id').where('case_id', '=', caseId).execute();

	it('the same hand-over sent again with its key hands over once and answers as the first did', async () => {
		const family = await anotherFamily(fixture.laterMeetingIds[1]!, 'Marigold Wren');
		const key = await pageKey('leadProfessional', family.caseId);
		const fields = {
			formKey: key,
			toUserId: String(fixture.people.unconfirmedMember),
			reason: 'Family moved school'
		};
		const first = await post('handOver', 'leadProfessional', family.caseId, fields);
		expect(first).toEqual({ done: 'The case has been handed over' });

		// The lead professional is no longer theirs, but the repeat is still the same post.
		expect(await post('handOver', 'leadProfessional', family.caseId, fields)).toEqual(first);

		const changes = await appDatabase()
			.db.selectFrom('lead_professional_change')
			.select('id')
			.where('case_id', '=', family.caseId)
			.execute();
		expect(changes).toHaveLength(1);
	});

	it('the same consent sent again with its key is one version; with a new key, another', async () => {
		const family = await anotherFamily(fixture.laterMeetingIds[1]!, 'Tansy Plover');
		const before = (await versions(family.caseId)).length;
		const key = await pageKey('leadProfessional', family.caseId);
		const recorded = { done: 'The consent has been recorded' };
		expect(
			await post('renewConsent', 'leadProfessional', family.caseId, { ...renewal, formKey: key })
		).toEqual(recorded);
		expect(
			await post('renewConsent', 'leadProfessional', family.caseId, { ...renewal, formKey: key })
		).toEqual(recorded);
		expect(await versions(family.caseId)).toHaveLength(before + 1);

		const next = await pageKey('leadProfessional', family.caseId);
		expect(next).not.toBe(key);
		await post('renewConsent', 'leadProfessional', family.caseId, { ...renewal, formKey: next });
		expect(await versions(family.caseId)).toHaveLength(before + 2);
	});
});

describe('the status history', () => {
	it('keeps the status a review outcome sets, by whom and at which item', async () => {
		const { db } = appDatabase();
		const family = await anotherFamily(fixture.meetingId, 'Cosmo Heron');
		const saved = await saveOutcome(
			db,
			{
				submissionId: family.submissionId,
				meetingId: fixture.meetingId,
				meetingDate: MEETING_DATE,
				communityId: fixture.communityId,
				caseId: family.caseId
			},
			{
				kind: 'stepped-down',
				part: 3,
				note: 'Universal services',
				needStatuses: {},
				nextReviewMeetingId: null,
				levelOfNeed: '1'
			},
			0,
			chair(),
			at
		);
		expect(saved.saved).toBe(true);
		const record = (await readCase(db, family.caseId, chair(), TODAY))!;
		expect(record.case.status).toBe('stepped-down');
		expect(record.timeline.map((item) => item.outcome)).toEqual([
			'Step down to universal services'
		]);
		// The level agreed at the review is the case's level from then on.
		expect(record.timeline.map((item) => item.reviewedLevelOfNeed)).toEqual(['1']);
		expect(record.levelOfNeed).toEqual([{ meetingDate: MEETING_DATE, level: '1' }]);
		expect(record.statusChanges).toEqual([
			expect.objectContaining({
				status: 'stepped-down',
				byName: 'The chair',
				changedAt: at.toISOString()
			})
		]);
	});
});

describe('who may change a case: every form action refuses the rest on the server', () => {
	type Action = 'handOver' | 'renewConsent' | 'withdrawConsent' | 'decideAction';
	const MAY: Record<Action, Who[]> = {
		handOver: ['leadProfessional', 'chair', 'coordinator'],
		renewConsent: ['leadProfessional', 'submitter', 'chair', 'coordinator'],
		withdrawConsent: ['leadProfessional', 'submitter', 'chair', 'coordinator'],
		decideAction: ['chair']
	};
	const PEOPLE: Who[] = [
		'leadProfessional',
		'submitter',
		'chair',
		'coordinator',
		'confirmedMember',
		'unconfirmedMember',
		'nonMember',
		'administrator',
		'dpo'
	];
	const rows = (Object.keys(MAY) as Action[]).flatMap((action) =>
		PEOPLE.map((who) => [action, who, MAY[action].includes(who)] as const)
	);

	it.each(rows)('%s by %s: allowed %s', async (action, who, allowed) => {
		// An empty form: those allowed get the form back with errors, and nothing changes.
		const request = new Request(`http://localhost/cases/${caseIds.fine}`, {
			method: 'POST',
			body: new FormData()
		});
		const base = event(who, caseIds.fine) as Record<string, unknown>;
		let answer: string;
		try {
			const result = (await caseActions[action]!({ ...base, request } as never)) as {
				status?: number;
			};
			answer = `answered ${result?.status ?? 200}`;
		} catch (thrown) {
			if (!isHttpError(thrown)) throw thrown;
			answer = `refused ${thrown.status}`;
		}
		expect(answer).toBe(allowed ? 'answered 400' : 'refused 403');
	});
});
