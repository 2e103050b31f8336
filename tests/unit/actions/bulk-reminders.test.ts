import { describe, expect, it } from 'vitest';
import { remindOwnersOfSelected } from '$lib/server/actions/bulk-reminders';
import {
	addAction,
	chair,
	database,
	fixture,
	otherCommunityMeeting,
	useActionsFixture
} from './fixture';

useActionsFixture();

const now = new Date('2027-06-22T09:00:00Z');

const outbox = () =>
	database.db.selectFrom('mail_outbox').select(['user_id', 'body']).orderBy('id').execute();

describe('bulk reminders from the follow-up board', () => {
	it('sends one email per owner, by reference, and not twice within a day', async () => {
		const a = await addAction({ owner: 'confirmedMember' });
		const b = await addAction({ owner: 'confirmedMember', due: '2027-06-05' });
		const c = await addAction({ owner: 'submitter' });
		const done = await addAction({ owner: 'submitter', status: 'done' });
		const first = await remindOwnersOfSelected(
			database.db,
			fixture.communityId,
			[a, b, c, done],
			chair(),
			now
		);
		expect(first.owners.map((o) => o.actionIds.sort())).toEqual([[a, b].sort(), [c]]);
		const mails = await outbox();
		expect(mails).toHaveLength(2);
		expect(mails.every((m) => !m.body.includes('Visit the family'))).toBe(true);
		const again = await remindOwnersOfSelected(
			database.db,
			fixture.communityId,
			[a],
			chair(),
			new Date('2027-06-22T20:00:00Z')
		);
		expect(again.owners).toEqual([]);
		expect(again.recentlyReminded).toHaveLength(1);
		expect(await outbox()).toHaveLength(2);
	});

	it("does not remind another community's action", async () => {
		const other = await otherCommunityMeeting();
		const theirs = await addAction({ communityId: other.communityId, meetingId: other.meetingId });
		const plan = await remindOwnersOfSelected(
			database.db,
			fixture.communityId,
			[theirs],
			chair(),
			now
		);
		expect(plan.owners).toEqual([]);
		expect(await outbox()).toHaveLength(0);
	});
});
