import { describe, expect, it } from 'vitest';
import {
	acceptInvitation,
	createFirstAdministrator,
	findInvitation,
	inviteUser,
	reissueInvitation
} from '$lib/server/people/invitations';
import { findUserForAdmin } from '$lib/server/people/users';
import { admin, agencyId, database, passwordHash, usePeopleFixture } from './people-fixture';

usePeopleFixture();

const invitation = (email: string) => ({
	name: 'Sam Newcomer',
	email,
	jobTitle: 'Youth worker',
	agencyId,
	isAdministrator: false
});

describe('inviting someone', () => {
	it('creates the account with no password and a link that works once', async () => {
		const now = new Date('2026-11-23T09:00:00Z');
		const result = await inviteUser(database.db, invitation('Sam@Council.example'), admin, 72, now);
		if (!result.ok) throw new Error('invitation refused');
		const user = await findUserForAdmin(database.db, result.userId);
		expect(user).toMatchObject({ email: 'sam@council.example', status: 'invited' });
		expect(await findInvitation(database.db, result.token, now)).toMatchObject({
			userId: result.userId
		});
		expect(await acceptInvitation(database.db, result.token, passwordHash, null, now)).toBe(
			result.userId
		);
		expect(await acceptInvitation(database.db, result.token, passwordHash, null, now)).toBeNull();
		expect((await findUserForAdmin(database.db, result.userId))?.status).toBe('active');
		const stored = await database.db.selectFrom('invitation').select('token_hash').execute();
		expect(JSON.stringify(stored)).not.toContain(result.token);
	});

	it('stops the link working after 72 hours', async () => {
		const now = new Date('2026-11-23T09:00:00Z');
		const result = await inviteUser(
			database.db,
			invitation('late@council.example'),
			admin,
			72,
			now
		);
		if (!result.ok) throw new Error('invitation refused');
		expect(
			await findInvitation(database.db, result.token, new Date('2026-11-26T08:59:00Z'))
		).toBeDefined();
		expect(
			await findInvitation(database.db, result.token, new Date('2026-11-26T09:00:00Z'))
		).toBeUndefined();
		expect(
			await acceptInvitation(
				database.db,
				result.token,
				passwordHash,
				null,
				new Date('2026-11-26T09:00:01Z')
			)
		).toBeNull();
	});

	it('a new link replaces the old one', async () => {
		const result = await inviteUser(database.db, invitation('lost@council.example'), admin, 72);
		if (!result.ok) throw new Error('invitation refused');
		const second = await reissueInvitation(database.db, result.userId, admin, 72);
		expect(await findInvitation(database.db, result.token)).toBeUndefined();
		expect(await findInvitation(database.db, second)).toBeDefined();
	});

	it('refuses an email that already has an account, changing nothing', async () => {
		await inviteUser(database.db, invitation('twice@council.example'), admin, 72);
		const before = await database.db.selectFrom('user').select('id').execute();
		const again = await inviteUser(database.db, invitation('TWICE@council.example'), admin, 72);
		expect(again).toEqual({ ok: false, reason: 'email-taken' });
		expect(await database.db.selectFrom('user').select('id').execute()).toEqual(before);
	});

	it('records the invitation in the audit log', async () => {
		const result = await inviteUser(database.db, invitation('audited@council.example'), admin, 72);
		if (!result.ok) throw new Error('invitation refused');
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['actor_id', 'action', 'ip'])
			.where('record_id', '=', String(result.userId))
			.executeTakeFirstOrThrow();
		expect(entry).toEqual({ actor_id: admin.id, action: 'user.invited', ip: '192.0.2.1' });
	});
});

describe('the first administrator', () => {
	it('is created with a single-use link to set a password, and only once per email', async () => {
		const result = await createFirstAdministrator(
			database.db,
			{ name: 'First Admin', email: 'First@Council.example' },
			72
		);
		if (!result.ok) throw new Error('refused');
		expect(await findUserForAdmin(database.db, result.userId)).toMatchObject({
			isAdministrator: true,
			status: 'invited',
			email: 'first@council.example'
		});
		expect(await acceptInvitation(database.db, result.token, passwordHash, null)).toBe(
			result.userId
		);
		expect(
			await createFirstAdministrator(
				database.db,
				{ name: 'Again', email: 'first@council.example' },
				72
			)
		).toEqual({ ok: false, reason: 'email-taken' });
	});
});
