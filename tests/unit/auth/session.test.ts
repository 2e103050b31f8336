import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	createSession,
	invalidateSession,
	validateSession,
	type SessionPolicy
} from '$lib/server/auth/session';
import { setUserDisabled } from '$lib/server/people/users';
import type { OpenDatabase } from '$lib/server/platform/db';
import { addUser, freshDatabase, minutesAfter } from '../helpers';

const policy: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };
let database: OpenDatabase;
beforeAll(async () => {
	database = await freshDatabase();
});
afterAll(() => database.close());

const twoFactorDone = { twoFactorVerified: true, ip: null };

/** A new person, signed in (two-factor done) at `start`. */
async function signedInAt(start: Date) {
	const user = await addUser(database);
	return createSession(database.db, user.id, twoFactorDone, start);
}

describe('a session token', () => {
	it('carries at least 128 random bits, and the database keeps only a hash of its secret', async () => {
		const user = await addUser(database);
		const { token, id } = await createSession(database.db, user.id, {
			twoFactorVerified: true,
			ip: '127.0.0.1'
		});
		const [publicId, secret] = token.split('.');
		expect(publicId).toBe(id);
		expect(secret!.length * 5).toBeGreaterThanOrEqual(128); // base32: 5 bits a character
		const row = await database.db
			.selectFrom('session')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(Buffer.from(row.secret_hash).toString()).not.toContain(secret);
		expect(JSON.stringify(row)).not.toContain(secret!);
		expect(row.secret_hash.byteLength).toBe(32);
	});

	it('is new at every sign-in', async () => {
		const user = await addUser(database);
		const first = await createSession(database.db, user.id, twoFactorDone);
		const second = await createSession(database.db, user.id, twoFactorDone);
		expect(first.token).not.toBe(second.token);
	});

	it('is refused when its secret is wrong, even with a real id', async () => {
		const user = await addUser(database);
		const { id } = await createSession(database.db, user.id, twoFactorDone);
		const check = await validateSession(
			database.db,
			`${id}.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`,
			policy
		);
		expect(check.ok).toBe(false);
	});

	it.each(['', 'nodot', 'a.b.c', '.'])('is refused when malformed: %j', async (token) => {
		expect((await validateSession(database.db, token, policy)).ok).toBe(false);
	});
});

describe('session lifetimes', () => {
	it('stays alive while used within 30 minutes, up to 12 hours', async () => {
		const start = new Date('2026-11-23T09:00:00Z');
		const { token } = await signedInAt(start);
		let now = start;
		for (let i = 0; i < 20; i++) {
			now = minutesAfter(now, 29);
			const check = await validateSession(database.db, token, policy, now);
			expect(check.ok, `still signed in at ${now.toISOString()}`).toBe(true);
		}
	});

	it('ends after 30 minutes without use, and says so', async () => {
		const start = new Date('2026-11-23T09:00:00Z');
		const { token } = await signedInAt(start);
		expect((await validateSession(database.db, token, policy, minutesAfter(start, 29))).ok).toBe(
			true
		);
		const late = await validateSession(database.db, token, policy, minutesAfter(start, 29 + 30));
		expect(late).toEqual({ ok: false, reason: 'idle' });
		// and it is gone for good, not just refused this once
		expect((await validateSession(database.db, token, policy, minutesAfter(start, 30))).ok).toBe(
			false
		);
	});

	it('ends after 12 hours however busy the person is', async () => {
		const start = new Date('2026-11-23T08:00:00Z');
		const { token } = await signedInAt(start);
		let now = start;
		while (now.getTime() < start.getTime() + 12 * 3_600_000 - 20 * 60_000) {
			now = minutesAfter(now, 20);
			expect((await validateSession(database.db, token, policy, now)).ok).toBe(true);
		}
		const check = await validateSession(database.db, token, policy, minutesAfter(start, 12 * 60));
		expect(check).toEqual({ ok: false, reason: 'expired' });
	});

	it('follows configured lifetimes', async () => {
		const start = new Date('2026-11-23T09:00:00Z');
		const { token } = await signedInAt(start);
		const short: SessionPolicy = { idleMinutes: 5, absoluteHours: 1 };
		expect(await validateSession(database.db, token, short, minutesAfter(start, 6))).toEqual({
			ok: false,
			reason: 'idle'
		});
	});
});

describe('a one-minute idle limit (SESSION_IDLE_MINUTES=1)', () => {
	const oneMinute: SessionPolicy = { idleMinutes: 1, absoluteHours: 12 };
	const secondsAfter = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

	/** Two sessions for one person, both used every 40 seconds for five minutes from `start`. */
	async function usedEvery40Seconds(start: Date) {
		const user = await addUser(database);
		const a = await createSession(database.db, user.id, twoFactorDone, start);
		const b = await createSession(database.db, user.id, twoFactorDone, start);
		let lastUse = start;
		for (let seconds = 40; seconds <= 300; seconds += 40) {
			lastUse = secondsAfter(start, seconds);
			for (const { token } of [a, b]) {
				const check = await validateSession(database.db, token, oneMinute, lastUse);
				expect(check.ok, `signed in ${seconds} s after signing in`).toBe(true);
			}
		}
		return { a, b, lastUse };
	}

	it('keeps someone signed in who uses the service every 40 seconds', async () => {
		const { a, lastUse } = await usedEvery40Seconds(new Date('2026-11-23T09:00:00Z'));
		expect((await validateSession(database.db, a.token, oneMinute, lastUse)).ok).toBe(true);
	});

	it('signs them out a minute after their last use, not earlier', async () => {
		const { a, b, lastUse } = await usedEvery40Seconds(new Date('2026-11-23T10:00:00Z'));
		const justInTime = await validateSession(
			database.db,
			a.token,
			oneMinute,
			secondsAfter(lastUse, 59.9)
		);
		expect(justInTime.ok, '59.9 s after the last use').toBe(true);
		const aMinuteLater = await validateSession(
			database.db,
			b.token,
			oneMinute,
			secondsAfter(lastUse, 60)
		);
		expect(aMinuteLater).toEqual({ ok: false, reason: 'idle' });
	});
});

describe('ending sessions', () => {
	it('signing out ends the session on the server', async () => {
		const user = await addUser(database);
		const { token, id } = await createSession(database.db, user.id, twoFactorDone);
		await invalidateSession(database.db, id);
		expect((await validateSession(database.db, token, policy)).ok).toBe(false);
	});

	it('disabling a person ends all their sessions at once', async () => {
		const user = await addUser(database);
		const admin = await addUser(database, { administrator: true });
		const a = await createSession(database.db, user.id, twoFactorDone);
		const b = await createSession(database.db, user.id, twoFactorDone);
		await setUserDisabled(database.db, user.id, true, { id: admin.id, ip: null });
		expect((await validateSession(database.db, a.token, policy)).ok).toBe(false);
		expect((await validateSession(database.db, b.token, policy)).ok).toBe(false);
		const left = await database.db
			.selectFrom('session')
			.select('id')
			.where('user_id', '=', user.id)
			.execute();
		expect(left).toEqual([]);
	});

	it('tells the app who is signed in and what roles they hold', async () => {
		const user = await addUser(database, { roles: ['chair', 'member'] });
		const { token } = await createSession(database.db, user.id, {
			twoFactorVerified: false,
			ip: null
		});
		const check = await validateSession(database.db, token, policy);
		if (!check.ok) throw new Error('expected a valid session');
		expect(check.user.email).toBe(user.email);
		expect(check.user.communityRoles.sort()).toEqual(['chair', 'member']);
		expect(check.session.twoFactorVerified).toBe(false);
	});
});
