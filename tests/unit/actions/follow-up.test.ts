import { describe, expect, it } from 'vitest';
import { newFormKey } from '$lib/server/http/form-keys';
import { agencyFigures, remindOwner } from '$lib/server/actions/follow-up';
import { actionHistory } from '$lib/server/actions/history';
import { CHILD } from '../meeting-fixture';
import {
	REVIEW_DATE,
	addAction,
	chair,
	count,
	database,
	fixture,
	otherCommunityMeeting,
	postedKeys as keys,
	reviewDay,
	useActionsFixture
} from './fixture';

useActionsFixture();

describe('the follow-up board', () => {
	it("counts each agency's actions as a hand count of the same data does", async () => {
		// Today is 22 June 2027. The dataset, by agency:
		//   Police:  open due 1 Jun (overdue), in progress due 22 Jun (today: not overdue),
		//            open due 1 Jul, done, done, cannot be done
		//   Housing: open due 21 Jun (overdue), in progress due 10 Jun (overdue), done ×4, closed
		//   Youth:   closed
		//   (and a Police action in another community, which counts nowhere here)
		// By hand:
		//   Police:  owned 6, completed 2, open 3, cannot 1, closed 0, overdue 1,
		//            rate 2 ÷ (2 + 3 + 1) = 33.3% → 33
		//   Housing: owned 7, completed 4, open 2, cannot 0, closed 1, overdue 2,
		//            rate 4 ÷ (4 + 2 + 0) = 66.7% → 67
		//   Youth:   owned 1, completed 0, open 0, cannot 0, closed 1, overdue 0, no rate (0 ÷ 0)
		const police = 'West Mercia Police';
		const housing = 'Housing Solutions';
		await addAction({ agency: police, due: '2027-06-01' });
		await addAction({ agency: police, due: '2027-06-22', status: 'in-progress' });
		await addAction({ agency: police, due: '2027-07-01' });
		await addAction({ agency: police, status: 'done' });
		await addAction({ agency: police, status: 'done' });
		await addAction({ agency: police, status: 'cannot-be-done' });
		await addAction({ agency: housing, owner: null, ownerName: 'Ann Lee', due: '2027-06-21' });
		await addAction({
			agency: housing,
			owner: 'submitter',
			due: '2027-06-10',
			status: 'in-progress'
		});
		for (let done = 0; done < 4; done++) await addAction({ agency: housing, status: 'done' });
		await addAction({ agency: housing, status: 'closed' });
		await addAction({ agency: 'Youth Service', status: 'closed' });
		const elsewhere = await otherCommunityMeeting();
		await addAction({ agency: police, ...elsewhere });

		expect(await agencyFigures(database.db, fixture.communityId, REVIEW_DATE)).toEqual([
			{
				agency: housing,
				owned: 7,
				completed: 4,
				open: 2,
				cannotBeDone: 0,
				closed: 1,
				overdue: 2,
				completionRate: 67
			},
			{
				agency: police,
				owned: 6,
				completed: 2,
				open: 3,
				cannotBeDone: 1,
				closed: 0,
				overdue: 1,
				completionRate: 33
			},
			{
				agency: 'Youth Service',
				owned: 1,
				completed: 0,
				open: 0,
				cannotBeDone: 0,
				closed: 1,
				overdue: 0,
				completionRate: null
			}
		]);
	});

	it('a reminder writes a notice to the owner, a history entry and an audit entry, all at once', async () => {
		const id = await addAction({ submissionId: fixture.items.fine, caseId: 1 });
		const result = await remindOwner(database.db, id, chair(), reviewDay);
		expect(result).toEqual({
			reminded: true,
			notified: true,
			ownerId: fixture.people.confirmedMember,
			reference: fixture.references.fine
		});
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
		expect(await remindOwner(database.db, outside, chair())).toMatchObject({
			reminded: true,
			notified: false
		});
		expect(await count('notice')).toBe(0);
		expect(await count('action_update')).toBe(1);
		const done = await addAction({ status: 'done' });
		expect(await remindOwner(database.db, done, chair())).toEqual({ reminded: false });
		expect(await count('action_update')).toBe(1);
	});

	it('a reminder that fails part-way leaves nothing behind', async () => {
		const id = await addAction({});
		await expect(remindOwner(database.db, id, { id: 99999, ip: null })).rejects.toThrow();
		expect(await count('notice')).toBe(0);
		expect(await count('mail_outbox')).toBe(0);
		expect(await count('action_update')).toBe(0);
	});
});

describe('a post sent twice (a retry after a dropped connection, a double click)', () => {
	it('a reminder with the same key reminds the owner once, and answers as the first did', async () => {
		const id = await addAction({ submissionId: fixture.items.fine, caseId: 1 });
		const key = newFormKey();
		const first = await remindOwner(database.db, id, chair(), reviewDay, key);

		expect(await remindOwner(database.db, id, chair(), reviewDay, key)).toEqual(first);

		expect(first).toMatchObject({ reminded: true, notified: true });
		expect(await count('notice')).toBe(1);
		expect(await count('mail_outbox')).toBe(1);
		expect(await count('action_update')).toBe(1);
	});

	it('reminders with different keys remind the owner twice', async () => {
		const id = await addAction({});
		await remindOwner(database.db, id, chair(), reviewDay, newFormKey());
		await remindOwner(database.db, id, chair(), reviewDay, newFormKey());
		expect(await count('notice')).toBe(2);
		expect(await count('action_update')).toBe(2);
	});

	it('a reminder that fails part-way keeps no key', async () => {
		const id = await addAction({});
		// No such person: the history entry cannot be written, after the notice and the email.
		await expect(
			remindOwner(database.db, id, { id: 99999, ip: null }, reviewDay, newFormKey())
		).rejects.toThrow();
		expect(await keys()).toEqual([]);
		expect(await count('notice')).toBe(0);
	});
});
