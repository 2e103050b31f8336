import { describe, expect, it } from 'vitest';
import { checkConsentGate } from '$lib/server/meeting/consent-gate';
import { familyOpenToOwner, ownerFamilyReading } from '$lib/server/policy/actions';
import { newFormKey } from '$lib/server/http/form-keys';
import { actionHistory } from '$lib/server/actions/history';
import { findAction } from '$lib/server/actions/my-actions';
import type { OwnerUpdate } from '$lib/server/actions/update-form';
import { familySummaryForOwner, recordOwnerUpdate } from '$lib/server/actions/updates';
import { CHILD, MEETING_DATE, NEED, type Person } from '../meeting-fixture';
import {
	addAction,
	chair,
	count,
	database,
	fixture,
	person,
	postedKeys as keys,
	useActionsFixture
} from './fixture';

useActionsFixture();

describe("the owner's updates", () => {
	it('keeps each update as history (who, when, what) and moves the status on', async () => {
		const id = await addAction({});
		const owner = person('confirmedMember');
		const first = new Date('2027-05-20T10:00:00Z');
		const second = new Date('2027-05-27T15:30:00Z');
		expect(
			await recordOwnerUpdate(
				database.db,
				id,
				{ kind: 'progress', note: 'Referral made' },
				owner,
				first
			)
		).toBe('recorded');
		expect(await findAction(database.db, id)).toMatchObject({
			status: 'in-progress',
			completedAt: null
		});
		expect(
			await recordOwnerUpdate(
				database.db,
				id,
				{ kind: 'cannot-be-done', reason: 'agency-could-not-act', note: 'Waiting list closed' },
				owner,
				second
			)
		).toBe('recorded');
		expect(await findAction(database.db, id)).toMatchObject({
			status: 'cannot-be-done',
			completedAt: second.toISOString()
		});
		expect(await actionHistory(database.db, id)).toEqual([
			expect.objectContaining({
				kind: 'cannot-be-done',
				reason: 'agency-could-not-act',
				note: 'Waiting list closed',
				recordedByName: 'The confirmedMember',
				recordedAt: second.toISOString()
			}),
			expect.objectContaining({
				kind: 'progress',
				reason: null,
				note: 'Referral made',
				recordedByName: 'The confirmedMember',
				recordedAt: first.toISOString()
			})
		]);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'record_id', 'detail'])
			.where('action', 'like', 'action.%')
			.orderBy('id')
			.execute();
		expect(audit).toEqual([
			{
				action: 'action.progress',
				actor_id: owner.id,
				record_id: String(id),
				detail: JSON.stringify({ onBehalfOfOwner: false })
			},
			{
				action: 'action.cannot-be-done',
				actor_id: owner.id,
				record_id: String(id),
				detail: JSON.stringify({ onBehalfOfOwner: false, reason: 'agency-could-not-act' })
			}
		]);
		// Finished: no more updates.
		expect(
			await recordOwnerUpdate(database.db, id, { kind: 'done', note: 'Done after all' }, owner)
		).toBe('finished');
	});

	it.each<[Person, 'recorded' | 'not-allowed']>([
		['confirmedMember', 'recorded'],
		['chair', 'recorded'],
		['coordinator', 'recorded'],
		['submitter', 'not-allowed'],
		['leadProfessional', 'not-allowed'],
		['nonMember', 'not-allowed'],
		['administrator', 'not-allowed']
	])('the %s: %s', async (who, result) => {
		const id = await addAction({ owner: 'confirmedMember' });
		const update: OwnerUpdate = { kind: 'done', note: 'Seen at home' };
		expect(await recordOwnerUpdate(database.db, id, update, person(who))).toBe(result);
		const status = (await findAction(database.db, id))!.status;
		expect(status).toBe(result === 'recorded' ? 'done' : 'open');
		expect(await count('action_update')).toBe(result === 'recorded' ? 1 : 0);
	});
});

describe("the family's details for the action's owner", () => {
	it('open only to the owner, only once the gate opened for the item at that meeting, and each read is audited', async () => {
		const { db } = database;
		const id = await addAction({
			owner: 'confirmedMember',
			submissionId: fixture.items.fine,
			caseId: 1
		});
		const action = (await findAction(db, id))!;
		const owner = person('confirmedMember');
		// Before the gate opens: only the reference.
		expect(await familyOpenToOwner(db, action, owner.id)).toBeUndefined();
		await checkConsentGate(
			db,
			{ id: fixture.meetingId, date: MEETING_DATE },
			fixture.items.fine,
			chair(),
			MEETING_DATE
		);
		await db
			.updateTable('need_update')
			.set({ support: 'Speech therapy fast-tracked' })
			.where('submission_id', '=', fixture.items.fine)
			.execute();
		await db
			.insertInto('need_update')
			.values({
				submission_id: fixture.items.fine,
				need_id: 1,
				status: null,
				progress: null,
				support: 'Speech therapy fast-tracked'
			})
			.onConflict((oc) => oc.doNothing())
			.execute();
		// Somebody else, even the chair, does not get the family through the action.
		expect(await familyOpenToOwner(db, action, fixture.people.chair)).toBeUndefined();
		const before = await count('audit_log');
		expect(await familyOpenToOwner(db, action, owner.id)).toBeDefined();
		expect(await count('audit_log')).toBe(before);

		const summary = await familySummaryForOwner(
			db,
			(await familyOpenToOwner(db, action, owner.id))!,
			owner,
			'2027-06-01'
		);
		expect(summary).toMatchObject({
			reference: fixture.references.fine,
			members: [
				{ name: CHILD, age: 8 },
				{ name: 'Marigold Quill', age: 37 }
			],
			needs: [{ forName: CHILD, description: NEED, support: 'Speech therapy fast-tracked' }]
		});
		const read = await db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'record_id', 'detail'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(read).toMatchObject({
			action: 'family.viewed',
			actor_id: owner.id,
			record_id: fixture.references.fine
		});
		expect(JSON.parse(read.detail!)).toMatchObject({ why: 'action owner' });
	});

	it('stays shut for an action on a family whose gate was refused', async () => {
		const { db } = database;
		const id = await addAction({ submissionId: fixture.items.withdrawn, caseId: 2 });
		await checkConsentGate(
			db,
			{ id: fixture.meetingId, date: MEETING_DATE },
			fixture.items.withdrawn,
			chair(),
			MEETING_DATE
		);
		const action = (await findAction(db, id))!;
		expect(await familyOpenToOwner(db, action, person('confirmedMember').id)).toBeUndefined();
		expect(await ownerFamilyReading(db, action, person('confirmedMember').id)).toBeUndefined();
	});
});

describe('a post sent twice (a retry after a dropped connection, a double click)', () => {
	it('an update with the same key is recorded once, and answers as the first did', async () => {
		const id = await addAction({});
		const owner = person('confirmedMember');
		const key = newFormKey();
		const done: OwnerUpdate = { kind: 'done', note: 'Seen at home' };
		expect(await recordOwnerUpdate(database.db, id, done, owner, undefined, key)).toBe('recorded');

		// The first finished the action; the repeat is told it was recorded, not that it is finished.
		expect(await recordOwnerUpdate(database.db, id, done, owner, undefined, key)).toBe('recorded');

		expect(await actionHistory(database.db, id)).toHaveLength(1);
		expect(await keys()).toEqual([{ user_id: owner.id, form: `action-update:${id}` }]);
	});

	it('updates with different keys are recorded twice', async () => {
		const id = await addAction({});
		const owner = person('confirmedMember');
		const progress: OwnerUpdate = { kind: 'progress', note: 'Referral made' };
		await recordOwnerUpdate(database.db, id, progress, owner, undefined, newFormKey());
		await recordOwnerUpdate(database.db, id, progress, owner, undefined, newFormKey());
		expect(await actionHistory(database.db, id)).toHaveLength(2);
	});

	it('the same key from someone else, or about another action, is another post', async () => {
		const id = await addAction({});
		const other = await addAction({});
		const key = newFormKey();
		const progress: OwnerUpdate = { kind: 'progress', note: 'Referral made' };
		await recordOwnerUpdate(database.db, id, progress, person('confirmedMember'), undefined, key);
		await recordOwnerUpdate(database.db, id, progress, chair(), undefined, key);
		await recordOwnerUpdate(
			database.db,
			other,
			progress,
			person('confirmedMember'),
			undefined,
			key
		);
		expect(await actionHistory(database.db, id)).toHaveLength(2);
		expect(await actionHistory(database.db, other)).toHaveLength(1);
	});

	it('a refused update leaves no key, so the same post is refused again', async () => {
		const id = await addAction({});
		const key = newFormKey();
		const update: OwnerUpdate = { kind: 'done', note: 'Seen at home' };
		expect(
			await recordOwnerUpdate(database.db, id, update, person('submitter'), undefined, key)
		).toBe('not-allowed');
		expect(
			await recordOwnerUpdate(database.db, id, update, person('submitter'), undefined, key)
		).toBe('not-allowed');
		expect(await keys()).toEqual([]);
	});
});
