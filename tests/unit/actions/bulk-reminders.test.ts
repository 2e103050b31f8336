import { describe, expect, it } from 'vitest';
import { remindOwnersOfSelected } from '$lib/server/actions/bulk-reminders';
import { actionHistory } from '$lib/server/actions/history';
import { CHILD } from '../meeting-fixture';
import {
	addAction,
	chair,
	count,
	database,
	fixture,
	otherCommunityMeeting,
	reviewDay,
	useActionsFixture
} from './fixture';

useActionsFixture();

const now = new Date('2027-06-22T09:00:00Z');

const remind = (ids: number[], at = reviewDay) =>
	remindOwnersOfSelected(database.db, fixture.communityId, ids, chair(), at);

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

	it('one reminder writes a notice to the owner, a history entry and an audit entry, all at once', async () => {
		const id = await addAction({ submissionId: fixture.items.fine, caseId: 1 });
		const plan = await remind([id]);
		expect(plan.owners).toEqual([
			{
				ownerId: fixture.people.confirmedMember,
				ownerName: expect.any(String),
				references: [fixture.references.fine],
				actionIds: [id]
			}
		]);
		const notice = await database.db.selectFrom('notice').selectAll().executeTakeFirstOrThrow();
		expect(notice).toMatchObject({
			user_id: fixture.people.confirmedMember,
			link: `/actions/${id}`,
			read_at: null
		});
		// References, never names.
		expect(notice.message).toBe(
			`Reminder from the Ledbury MAG: your action for ${fixture.references.fine}, agreed on 11 May 2027, is 3 weeks overdue.`
		);
		expect(notice.message).not.toContain(CHILD);
		// And an email, queued in the same transaction, by reference only.
		const mail = await database.db
			.selectFrom('mail_outbox')
			.select(['kind', 'recipient', 'body'])
			.executeTakeFirstOrThrow();
		expect(mail).toMatchObject({
			kind: 'reminder-from-chair',
			recipient: 'confirmedmember@council.example'
		});
		expect(mail.body).toContain(fixture.references.fine);
		expect(mail.body).not.toContain(CHILD);
		expect(await actionHistory(database.db, id)).toEqual([
			expect.objectContaining({
				kind: 'reminder',
				recordedByName: 'The chair',
				recordedAt: reviewDay.toISOString()
			})
		]);
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'record_id'])
			.where('action', '=', 'action.reminder-sent')
			.execute();
		expect(audit).toEqual([
			{ action: 'action.reminder-sent', actor_id: fixture.people.chair, record_id: String(id) }
		]);
	});

	it('a reminder for someone without an account is recorded, with no notice; a finished action gets none', async () => {
		const outside = await addAction({ owner: null, ownerName: 'Ann Lee' });
		expect((await remind([outside])).noAccount).toHaveLength(1);
		expect(await count('notice')).toBe(0);
		expect(await count('action_update')).toBe(1);
		const done = await addAction({ status: 'done' });
		expect((await remind([done])).notOpen).toBe(1);
		expect(await count('action_update')).toBe(1);
	});

	it('a reminder that fails part-way leaves nothing behind', async () => {
		const id = await addAction({});
		await expect(
			remindOwnersOfSelected(database.db, fixture.communityId, [id], { id: 99999, ip: null }, now)
		).rejects.toThrow();
		expect(await count('notice')).toBe(0);
		expect(await count('mail_outbox')).toBe(0);
		expect(await count('action_update')).toBe(0);
	});

	it('a double click or a retried post reminds the owner once', async () => {
		const id = await addAction({});
		await remind([id]);
		const second = await remind([id]);
		expect(second.recentlyReminded).toHaveLength(1);
		expect(await count('notice')).toBe(1);
		expect(await count('mail_outbox')).toBe(1);
		expect(await count('action_update')).toBe(1);
	});
});
