import { describe, expect, it } from 'vitest';
import { latestUpdates } from '$lib/server/actions/history';
import { remindOwnersOfSelected } from '$lib/server/actions/bulk-reminders';
import { recordOwnerUpdate } from '$lib/server/actions/updates';
import { addAction, chair, database, fixture, person, useActionsFixture } from './fixture';

useActionsFixture();

describe('the latest update on each action', () => {
	it('is the newest update on the work, in one query for many actions; reminders do not count', async () => {
		const { db } = database;
		const first = await addAction({ description: 'First' });
		const second = await addAction({ description: 'Second' });
		const none = await addAction({ description: 'None' });
		const owner = person('confirmedMember');
		await recordOwnerUpdate(db, first, { kind: 'progress', note: 'Started' }, owner);
		await recordOwnerUpdate(db, first, { kind: 'progress', note: 'Half way' }, owner);
		await recordOwnerUpdate(db, second, { kind: 'done', note: 'Finished' }, owner);
		await remindOwnersOfSelected(db, fixture.communityId, [first], chair());
		const latest = await latestUpdates(db, [first, second, none]);
		expect(latest.get(first)).toMatchObject({
			kind: 'progress',
			note: 'Half way',
			recordedByName: 'The confirmedMember'
		});
		expect(latest.get(second)).toMatchObject({ kind: 'done', note: 'Finished' });
		expect(latest.has(none)).toBe(false);
	});
});
