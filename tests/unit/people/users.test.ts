import { describe, expect, it } from 'vitest';
import { createSession, validateSession } from '$lib/server/auth/session';
import { findUserForAdmin, updateUser } from '$lib/server/people/users';
import { userListPage, userListQuery } from '$lib/server/people/user-list';
import type { CommunityRole } from '$lib/server/platform/schema';
import { addUser } from '../helpers';
import { admin, agencyId, communityIds, database, usePeopleFixture } from './people-fixture';

usePeopleFixture();

/** The details of someone with no job title who is not an administrator. */
const plain = (name: string) => ({ name, jobTitle: null, agencyId, isAdministrator: false });

/** Saves someone as a plain person holding one role in one community. */
const saveWithRole = (personId: number, name: string, communityId: number, role: CommunityRole) =>
	updateUser(
		database.db,
		personId,
		{ ...plain(name), memberships: new Map([[communityId, role]]) },
		admin
	);

/** The latest audit entry about this person. */
const latestEntryAbout = (personId: number) =>
	database.db
		.selectFrom('audit_log')
		.select(['action', 'detail'])
		.where('record_id', '=', String(personId))
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();

describe('changing someone’s roles', () => {
	it('saves community roles and records what changed', async () => {
		const person = await addUser(database);
		await saveWithRole(person.id, 'Person Renamed', communityIds[0]!, 'chair');
		const saved = await findUserForAdmin(database.db, person.id);
		expect(saved?.memberships).toEqual([{ communityId: communityIds[0], role: 'chair' }]);
		const entry = await latestEntryAbout(person.id);
		expect(entry.action).toBe('user.roles-changed');
		expect(JSON.parse(entry.detail!)).toMatchObject({
			communities: [{ communityId: communityIds[0], from: null, to: 'chair' }]
		});
	});

	it('adds no one to a retired community, and keeps a role someone already had there', async () => {
		const person = await addUser(database);
		const [kept, retiredLater] = [communityIds[0]!, communityIds[1]!];
		await saveWithRole(person.id, 'Rita Role', kept, 'member');
		await database.db
			.updateTable('community')
			.set({ retired_at: new Date().toISOString() })
			.where('id', 'in', [kept, retiredLater])
			.execute();
		await saveWithRole(person.id, 'Rita Role', retiredLater, 'chair');
		const saved = await findUserForAdmin(database.db, person.id);
		expect(saved?.memberships).toEqual([{ communityId: kept, role: 'member' }]);
		await database.db
			.updateTable('community')
			.set({ retired_at: null })
			.where('id', 'in', [kept, retiredLater])
			.execute();
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
		const entry = await latestEntryAbout(person.id);
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
		const latestEntry = () => latestEntryAbout(person.id);
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
		await saveWithRole(person.id, 'Kept Name', communityIds[1]!, 'member');
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

describe('someone who signs in only by single sign-on', () => {
	it('counts as active, not invited, in the list and on their page', async () => {
		const person = await addUser(database, { passwordHash: null });
		const invited = await addUser(database, { passwordHash: null });
		const now = new Date().toISOString();
		await database.db
			.insertInto('single_sign_on_identity')
			.values({
				user_id: person.id,
				issuer: 'https://login.council.example',
				subject: `subject-${person.id}`,
				first_signed_in_at: now,
				last_signed_in_at: now
			})
			.execute();
		const { rows } = await userListPage(
			database.db,
			userListQuery(new URL('http://localhost/admin/users')),
			1000
		);
		expect(rows.find((row) => row.id === person.id)?.status).toBe('active');
		expect(rows.find((row) => row.id === invited.id)?.status).toBe('invited');
		expect((await findUserForAdmin(database.db, person.id))?.status).toBe('active');
		expect((await findUserForAdmin(database.db, invited.id))?.status).toBe('invited');
	});
});
