import { describe, expect, it } from 'vitest';
import { actionHistory } from '$lib/server/actions/history';
import { findAction, nextInMyActions } from '$lib/server/actions/my-actions';
import { reopenAction } from '$lib/server/actions/reopen';
import { recordOwnerUpdate } from '$lib/server/actions/updates';
import { mayReopenAction } from '$lib/server/policy/actions';
import { addAction, chair, count, database, fixture, person, useActionsFixture } from './fixture';

useActionsFixture();

const doneAt = new Date('2027-05-20T10:00:00Z');
const days = (n: number) => new Date(doneAt.getTime() + n * 24 * 60 * 60 * 1000);

async function doneAction(progressFirst = false) {
	const id = await addAction({});
	const owner = person('confirmedMember');
	if (progressFirst)
		await recordOwnerUpdate(
			database.db,
			id,
			{ kind: 'progress', note: 'Started' },
			owner,
			days(-2)
		);
	await recordOwnerUpdate(database.db, id, { kind: 'done', note: 'Visited' }, owner, doneAt);
	return id;
}

describe('reopening an action marked done', () => {
	it('the owner reopens it with a reason kept in its history, audited', async () => {
		const id = await doneAction();
		const audits = await count('audit_log');
		expect(
			await reopenAction(database.db, id, 'Family asked again', person('confirmedMember'), days(3))
		).toEqual({ result: 'reopened' });
		expect(await findAction(database.db, id)).toMatchObject({ status: 'open', completedAt: null });
		expect((await actionHistory(database.db, id))[0]).toMatchObject({
			kind: 'reopened',
			note: 'Family asked again'
		});
		expect(await count('audit_log')).toBe(audits + 1);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(audit.action).toBe('action.reopened');
	});

	it('goes back to in progress when progress had been reported, and the chair may do it', async () => {
		const id = await doneAction(true);
		expect(await reopenAction(database.db, id, 'Not finished', chair(), days(14))).toEqual({
			result: 'reopened'
		});
		expect(await findAction(database.db, id)).toMatchObject({ status: 'in-progress' });
	});

	it('refuses a coordinator or another member, and changes nothing', async () => {
		const id = await doneAction();
		const before = await count('action_update');
		for (const who of ['coordinator', 'submitter'] as const) {
			expect(await reopenAction(database.db, id, 'Why', person(who), days(1))).toEqual({
				result: 'not-allowed'
			});
			const action = (await findAction(database.db, id))!;
			expect(await mayReopenAction(database.db, action, fixture.people[who])).toBe(false);
		}
		expect(await count('action_update')).toBe(before);
		expect(await findAction(database.db, id)).toMatchObject({ status: 'done' });
	});

	it('refuses after 14 days with a clear message', async () => {
		const id = await doneAction();
		const answer = await reopenAction(database.db, id, 'Late', person('confirmedMember'), days(15));
		expect(answer).toEqual({
			result: 'refused',
			message: 'This action was marked done more than 14 days ago and can no longer be reopened'
		});
		expect(await findAction(database.db, id)).toMatchObject({ status: 'done' });
	});
});

describe('the next action in My actions', () => {
	it('is the one after it in the list order, and none after the last', async () => {
		const first = await addAction({ due: '2027-06-01' });
		const second = await addAction({ due: '2027-06-02' });
		const owner = fixture.people.confirmedMember;
		const now = new Date('2027-05-25T10:00:00Z');
		expect((await nextInMyActions(database.db, owner, {}, first, now))?.id).toBe(second);
		expect(await nextInMyActions(database.db, owner, {}, second, now)).toBeNull();
	});
});
