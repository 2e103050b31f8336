import { describe, expect, it } from 'vitest';
import { decideItem, readDeferralReason } from '$lib/server/agenda/agenda';
import { checkConsentGate, familyOfItem, gateState } from '$lib/server/meeting/consent-gate';
import { MEETING_DATE, TODAY, chair, database, fixture } from '../meeting-fixture';
import { at, form, useRoomFixture } from './room-fixture';

useRoomFixture();

const meeting = () => ({ id: fixture.meetingId, date: MEETING_DATE });

describe('the consent gate', () => {
	it.each([
		['consent in order', {}, 'opened', null],
		['withdrawn', { withdrawn_on: '2027-05-01' }, 'refused', 'the family has withdrawn consent'],
		[
			'signed more than 12 months before the meeting',
			{ signed_on: '2026-05-10' },
			'refused',
			'the consent was signed more than 12 months before the meeting: the consent must be renewed'
		],
		[
			'not covering this MAG',
			{ covers_mag: 0 },
			'refused',
			'the consent does not cover discussion at this MAG'
		],
		[
			'refused by the young person',
			{ young_person: 'no' as const },
			'refused',
			'the young person has not consented'
		]
	])(
		'%s: the gate is %s, and the check is recorded against the consent',
		async (_, change, result, reason) => {
			const { db } = database;
			const family = (await familyOfItem(db, fixture.items.fine))!;
			if (Object.keys(change).length > 0)
				await db.updateTable('consent').set(change).where('id', '=', family.consentId!).execute();
			const outcome = await checkConsentGate(db, meeting(), fixture.items.fine, chair(), TODAY, at);
			expect(outcome.opened).toBe(result === 'opened');
			expect(await gateState(db, fixture.meetingId, fixture.items.fine)).toMatchObject({
				state: result,
				reason
			});
			const check = await db.selectFrom('gate_check').selectAll().executeTakeFirstOrThrow();
			expect(check).toMatchObject({
				consent_id: family.consentId,
				checked_by: fixture.people.chair,
				checked_at: at.toISOString(),
				result
			});
			const audit = await db
				.selectFrom('audit_log')
				.select(['action', 'record_id', 'ip'])
				.where('action', 'like', 'consent-gate.%')
				.execute();
			expect(audit).toEqual([
				{ action: `consent-gate.${result}`, record_id: fixture.references.fine, ip: '192.0.2.1' }
			]);
		}
	);

	it('has nothing to open for an item that is not about a family', async () => {
		const result = await checkConsentGate(
			database.db,
			meeting(),
			fixture.items.advice,
			chair(),
			TODAY,
			at
		);
		expect(result).toEqual({ opened: false, reason: 'This item is not about a family' });
		expect(await database.db.selectFrom('gate_check').selectAll().execute()).toEqual([]);
	});

	it('an item deferred when the gate stays shut records that consent could not be confirmed', async () => {
		const { db } = database;
		const family = (await familyOfItem(db, fixture.items.fine))!;
		await db
			.updateTable('consent')
			.set({ withdrawn_on: '2027-05-01' })
			.where('id', '=', family.consentId!)
			.execute();
		expect(
			(await checkConsentGate(db, meeting(), fixture.items.fine, chair(), TODAY, at)).opened
		).toBe(false);
		const why = readDeferralReason(form({ deferReason: 'consent-not-confirmed' }));
		if (!why.ok) throw new Error(why.error);
		const next = fixture.laterMeetingIds[0]!;
		await decideItem(
			db,
			fixture.meetingId,
			fixture.items.fine,
			{ kind: 'defer', toMeetingId: next, toMeetingDate: '22 June 2027', reason: why.reason },
			chair(),
			at
		);
		expect(
			await db
				.selectFrom('item_deferral')
				.select(['submission_id', 'from_meeting_id', 'to_meeting_id', 'reason', 'deferred_by'])
				.execute()
		).toEqual([
			{
				submission_id: fixture.items.fine,
				from_meeting_id: fixture.meetingId,
				to_meeting_id: next,
				reason: 'consent-not-confirmed',
				deferred_by: fixture.people.chair
			}
		]);
	});

	it.each([
		['nothing chosen', {}],
		['an empty choice', { deferReason: '' }],
		['"not recorded", which is only for old deferrals', { deferReason: 'not-recorded' }],
		['a made-up reason', { deferReason: 'chair-busy' }]
	])('a deferral with %s is refused with a message for the field', (_, fields) => {
		expect(readDeferralReason(form(fields))).toEqual({
			ok: false,
			error: 'Choose why the item is deferred'
		});
	});
});
