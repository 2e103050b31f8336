import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '$lib/server/auth/password';
import { createSession, validateSession } from '$lib/server/auth/session';
import type { OpenDatabase } from '$lib/server/platform/db';
import {
	acceptInvitation,
	createFirstAdministrator,
	findInvitation,
	findUserForAdmin,
	inviteUser,
	reissueInvitation,
	updateUser
} from '$lib/server/people/users';
import { addUser, freshDatabase } from '../helpers';

let database: OpenDatabase;
let admin: { id: number; ip: string };
let agencyId: number;
let communityIds: number[];
let passwordHash: string;

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	const adminUser = await addUser(database, { administrator: true });
	admin = { id: adminUser.id, ip: '192.0.2.1' };
	agencyId = (
		await db
			.insertInto('agency')
			.values({ name: 'Youth Service', sector: 'Youth' })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	const locality = await db
		.insertInto('locality')
		.values({ name: 'North' })
		.returning('id')
		.executeTakeFirstOrThrow();
	communityIds = [];
	for (const name of ['Bromyard', 'Ledbury']) {
		communityIds.push(
			(
				await db
					.insertInto('community')
					.values({ name, locality_id: locality.id })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id
		);
	}
	passwordHash = await hashPassword('river-kettle-lantern');
});
afterAll(() => database.close());

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

describe('changing someone’s roles', () => {
	it('saves community roles and records what changed', async () => {
		const person = await addUser(database);
		await updateUser(
			database.db,
			person.id,
			{
				name: 'Person Renamed',
				jobTitle: null,
				agencyId,
				isAdministrator: false,
				memberships: new Map([[communityIds[0]!, 'chair']])
			},
			admin
		);
		const saved = await findUserForAdmin(database.db, person.id);
		expect(saved?.memberships).toEqual([{ communityId: communityIds[0], role: 'chair' }]);
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('record_id', '=', String(person.id))
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(entry.action).toBe('user.roles-changed');
		expect(JSON.parse(entry.detail!)).toMatchObject({
			communities: [{ communityId: communityIds[0], from: null, to: 'chair' }]
		});
	});

	it('makes someone the data protection officer, and records it as a role change', async () => {
		const person = await addUser(database);
		const changes = {
			name: 'Dana Protection',
			jobTitle: 'Data protection officer',
			agencyId,
			isAdministrator: false,
			memberships: new Map()
		};
		await updateUser(database.db, person.id, { ...changes, isDataProtectionOfficer: true }, admin);
		expect(await findUserForAdmin(database.db, person.id)).toMatchObject({
			isAdministrator: false,
			isDataProtectionOfficer: true
		});
		const entry = await database.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('record_id', '=', String(person.id))
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(entry.action).toBe('user.roles-changed');
		expect(JSON.parse(entry.detail!)).toMatchObject({ dataProtectionOfficer: true });

		// A save that does not mention the role leaves it as it was.
		await updateUser(database.db, person.id, changes, admin);
		expect(await findUserForAdmin(database.db, person.id)).toMatchObject({
			isDataProtectionOfficer: true
		});
	});

	it('makes someone an early help manager: their session says so, and it is audited as a role change', async () => {
		const person = await addUser(database);
		const changes = {
			name: 'Morgan Manager',
			jobTitle: 'Early help manager',
			agencyId,
			isAdministrator: false,
			memberships: new Map()
		};
		const { token } = await createSession(database.db, person.id, {
			twoFactorVerified: true,
			ip: null
		});
		const sessionUser = async () => {
			const check = await validateSession(database.db, token, {
				idleMinutes: 30,
				absoluteHours: 12
			});
			if (!check.ok) throw new Error(check.reason);
			return check.user;
		};
		expect((await sessionUser()).isManager).toBe(false);

		await updateUser(database.db, person.id, { ...changes, isManager: true }, admin);
		expect(await findUserForAdmin(database.db, person.id)).toMatchObject({
			isManager: true,
			isAdministrator: false,
			isDataProtectionOfficer: false
		});
		expect((await sessionUser()).isManager).toBe(true);
		const latestEntry = () =>
			database.db
				.selectFrom('audit_log')
				.select(['action', 'detail'])
				.where('record_id', '=', String(person.id))
				.orderBy('id', 'desc')
				.executeTakeFirstOrThrow();
		const made = await latestEntry();
		expect(made.action).toBe('user.roles-changed');
		expect(JSON.parse(made.detail!)).toMatchObject({ manager: true });

		// A save that does not mention the role leaves it as it was.
		await updateUser(database.db, person.id, changes, admin);
		expect(await findUserForAdmin(database.db, person.id)).toMatchObject({ isManager: true });

		await updateUser(database.db, person.id, { ...changes, isManager: false }, admin);
		expect((await sessionUser()).isManager).toBe(false);
		const removed = await latestEntry();
		expect(removed.action).toBe('user.roles-changed');
		expect(JSON.parse(removed.detail!)).toMatchObject({ manager: false });
	});

	it('changes nothing when the save fails part-way', async () => {
		const person = await addUser(database, { name: 'Kept Name' });
		await updateUser(
			database.db,
			person.id,
			{
				name: 'Kept Name',
				jobTitle: null,
				agencyId,
				isAdministrator: false,
				memberships: new Map([[communityIds[1]!, 'member']])
			},
			admin
		);
		const before = await findUserForAdmin(database.db, person.id);
		const auditBefore = await database.db.selectFrom('audit_log').select('id').execute();
		await expect(
			updateUser(
				database.db,
				person.id,
				{
					name: 'Half Saved',
					jobTitle: 'Changed',
					agencyId,
					isAdministrator: true,
					memberships: new Map([[99999, 'member']])
				},
				admin
			)
		).rejects.toThrow(/FOREIGN KEY/);
		expect(await findUserForAdmin(database.db, person.id)).toEqual(before);
		expect(await database.db.selectFrom('audit_log').select('id').execute()).toEqual(auditBefore);
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
