import { describe, expect, it, vi } from 'vitest';

// The case fixture opens the app's own database: point it at a throwaway file before it loads.
const databasePath = vi.hoisted(() => {
	const path = `test-results/cases-flagged-${process.pid}.sqlite`;
	process.env.DATABASE_PATH = path;
	return path;
});

import { appDatabase } from '$lib/server/platform/app-database';
import { withdrawConsent } from '$lib/server/cases/consent';
import { decideFlaggedAction } from '$lib/server/cases/flagged-actions';
import {
	addAction,
	anotherFamily,
	at,
	caseIds,
	chair,
	fixture,
	useCaseRecordFixture
} from './case-fixture';

useCaseRecordFixture(databasePath);

/** A family whose consent is withdrawn with two open actions, each then waiting for the chair. */
async function flaggedFamily(child: string) {
	const later = fixture.laterMeetingIds[0]!;
	const family = await anotherFamily(later, child);
	const actions = [
		await addAction(family.caseId, family.submissionId, later, fixture.people.coordinator),
		await addAction(family.caseId, family.submissionId, later, fixture.people.confirmedMember)
	];
	const withdrawn = await withdrawConsent(
		appDatabase().db,
		family.caseId,
		'2027-05-10',
		chair(),
		at
	);
	expect(withdrawn).toMatchObject({ withdrawn: true, actionsFlagged: actions });
	const flags = await appDatabase()
		.db.selectFrom('action_flag')
		.select(['id', 'action_id as actionId'])
		.where('case_id', '=', family.caseId)
		.orderBy('id')
		.execute();
	return { ...family, flags };
}

const statusOf = async (actionId: number) =>
	(
		await appDatabase()
			.db.selectFrom('action')
			.select('status')
			.where('id', '=', actionId)
			.executeTakeFirstOrThrow()
	).status;

describe('the chair’s decision on an action flagged when consent was withdrawn', () => {
	it('closes it with the reason, or keeps it, once; audited by reference', async () => {
		const { db } = appDatabase();
		const family = await flaggedFamily('Juniper Teal');
		const [close, keep] = family.flags;
		const closed = { kind: 'closed', reason: 'The family moved away' } as const;
		expect(await decideFlaggedAction(db, family.caseId, close!.id, closed, chair(), at)).toBe(true);
		expect(await statusOf(close!.actionId)).toBe('closed');
		expect(
			await decideFlaggedAction(db, family.caseId, keep!.id, { kind: 'kept' }, chair(), at)
		).toBe(true);
		expect(await statusOf(keep!.actionId)).toBe('open');
		// Decided: a second decision is refused, and changes nothing.
		expect(
			await decideFlaggedAction(db, family.caseId, close!.id, { kind: 'kept' }, chair(), at)
		).toBe(false);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'record_id', 'detail'])
			.where('action', 'in', ['action.closed', 'action.kept'])
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{
				action: 'action.closed',
				record_id: String(close!.actionId),
				detail: JSON.stringify({
					reference: family.reference,
					why: 'consent withdrawn',
					reason: 'The family moved away'
				})
			},
			{
				action: 'action.kept',
				record_id: String(keep!.actionId),
				detail: JSON.stringify({
					reference: family.reference,
					why: 'consent withdrawn',
					reason: null
				})
			}
		]);
	});

	it('refuses a flag that is not on this case', async () => {
		const family = await flaggedFamily('Rowan Finch');
		expect(
			await decideFlaggedAction(
				appDatabase().db,
				caseIds.fine,
				family.flags[0]!.id,
				{ kind: 'kept' },
				chair(),
				at
			)
		).toBe(false);
	});
});
