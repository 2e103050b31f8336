import { describe, expect, it } from 'vitest';
import { newFormKey } from '$lib/server/http/form-keys';
import { recordBulkReviewDecision, reviewedAtMeeting } from '$lib/server/actions/actions-review';
import { actionHistory } from '$lib/server/actions/history';
import { findAction } from '$lib/server/actions/my-actions';
import {
	REVIEW_DATE,
	addAction,
	chair,
	count,
	database,
	reviewDay,
	reviewMeeting,
	useActionsFixture
} from './fixture';

useActionsFixture();

const decide = (
	ids: number[],
	decision: { kind: 'extended'; dueDate: string } | { kind: 'closed'; note: string },
	formKey: string | null = null
) =>
	recordBulkReviewDecision(
		database.db,
		reviewMeeting(),
		ids,
		decision,
		chair(),
		REVIEW_DATE,
		reviewDay,
		formKey
	);

describe('the actions review deciding several overdue actions at once', () => {
	it('extends each selected action, each with its history and audit entry as if decided alone', async () => {
		const ids = [
			await addAction({ due: '2027-06-01' }),
			await addAction({ due: '2027-06-08', status: 'in-progress' })
		];
		const untouched = await addAction({ due: '2027-06-02' });
		expect(await decide(ids, { kind: 'extended', dueDate: '2027-07-20' })).toEqual({ decided: 2 });
		for (const id of ids) {
			expect(await findAction(database.db, id)).toMatchObject({ dueDate: '2027-07-20' });
			expect((await actionHistory(database.db, id))[0]).toMatchObject({
				kind: 'extended',
				newDueDate: '2027-07-20',
				meetingId: reviewMeeting().id
			});
		}
		expect(await findAction(database.db, untouched)).toMatchObject({ dueDate: '2027-06-02' });
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'record_id'])
			.where('action', '=', 'action.extended')
			.orderBy('record_id')
			.execute();
		expect(audit).toEqual(ids.map((id) => ({ action: 'action.extended', record_id: String(id) })));
		expect((await reviewedAtMeeting(database.db, reviewMeeting().id)).length).toBe(2);
	});

	it('closes each selected action with the one reason', async () => {
		const ids = [await addAction({}), await addAction({})];
		await decide(ids, { kind: 'closed', note: 'No longer needed' });
		for (const id of ids) {
			expect(await findAction(database.db, id)).toMatchObject({ status: 'closed' });
			expect((await actionHistory(database.db, id))[0]).toMatchObject({
				kind: 'closed',
				note: 'No longer needed'
			});
		}
		expect(await count('audit_log')).toBeGreaterThanOrEqual(2);
	});

	it('changes nothing at all when one of them was decided already or is not overdue', async () => {
		const overdue = await addAction({ due: '2027-06-01' });
		const notDue = await addAction({ due: '2027-06-30' });
		const [updates, audits] = [await count('action_update'), await count('audit_log')];
		expect(await decide([overdue, notDue], { kind: 'extended', dueDate: '2027-07-20' })).toEqual({
			stale: 1
		});
		expect(await findAction(database.db, overdue)).toMatchObject({ dueDate: '2027-06-01' });
		expect([await count('action_update'), await count('audit_log')]).toEqual([updates, audits]);
	});

	it('records the same post sent twice once, answering as the first did', async () => {
		const ids = [await addAction({}), await addAction({})];
		const key = newFormKey();
		const decision = { kind: 'extended', dueDate: '2027-07-20' } as const;
		expect(await decide(ids, decision, key)).toEqual({ decided: 2 });
		const updates = await count('action_update');
		expect(await decide(ids, decision, key)).toEqual({ decided: 2 });
		expect(await count('action_update')).toBe(updates);
	});
});
