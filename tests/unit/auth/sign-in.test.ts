import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateHOTP } from '@oslojs/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableTwoFactor } from '$lib/server/people/account';
import { hashPassword } from '$lib/server/auth/password';
import { signInWithPassword, signInWithSecondFactor } from '$lib/server/auth/sign-in';
import { ADDRESS_LIMIT, checkThrottle, delayAfterFailures } from '$lib/server/auth/throttle';
import { newTotpKey, timeStep } from '$lib/server/auth/totp';
import { openDatabase, type OpenDatabase } from '$lib/server/platform/db';
import { migrate } from '$lib/server/platform/migrator';
import { setUserDisabled } from '$lib/server/people/users';
import { addUser, freshDatabase, minutesAfter } from '../helpers';

const PASSWORD = 'river-kettle-lantern';
let database: OpenDatabase;
let passwordHash: string;
beforeAll(async () => {
	database = await freshDatabase();
	passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => database.close());

function codeAt(key: Uint8Array, at: Date): string {
	return generateHOTP(key, BigInt(timeStep(at)), 6);
}

describe('signing in with a password', () => {
	it('lets the right person in and records it', async () => {
		const user = await addUser(database, { passwordHash });
		const result = await signInWithPassword(database.db, {
			email: user.email.toUpperCase(),
			password: PASSWORD,
			ip: '10.0.0.1'
		});
		expect(result).toEqual({ ok: true, userId: user.id, needsTwoFactor: false });
		const audit = await database.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'ip'])
			.where('record_id', '=', String(user.id))
			.execute();
		expect(audit).toContainEqual({
			action: 'sign-in.succeeded',
			actor_id: user.id,
			ip: '10.0.0.1'
		});
	});

	it('gives the same answer for a wrong password, an unknown email and a disabled account', async () => {
		const user = await addUser(database, { passwordHash });
		const disabled = await addUser(database, { passwordHash });
		const admin = await addUser(database, { administrator: true });
		await setUserDisabled(database.db, disabled.id, true, { id: admin.id, ip: null });
		const ip = '10.0.0.2';
		const wrong = await signInWithPassword(database.db, {
			email: user.email,
			password: 'nope-nope-nope',
			ip
		});
		const unknown = await signInWithPassword(database.db, {
			email: 'nobody@council.example',
			password: PASSWORD,
			ip
		});
		const off = await signInWithPassword(database.db, {
			email: disabled.email,
			password: PASSWORD,
			ip
		});
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
		expect(off).toEqual(wrong);
		const failures = await database.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'sign-in.failed')
			.where('ip', '=', ip)
			.execute();
		expect(failures).toHaveLength(3);
	});

	it('refuses an invited person who has not set a password yet', async () => {
		const invited = await addUser(database, { passwordHash: null });
		const result = await signInWithPassword(database.db, {
			email: invited.email,
			password: '',
			ip: '10.0.0.3'
		});
		expect(result.ok).toBe(false);
	});
});

describe('throttling', () => {
	it.each([
		[4, 0],
		[5, 60],
		[6, 120],
		[7, 240],
		[10, 1920],
		[11, 3600],
		[30, 3600]
	])('after %i failures in a row the wait is %i seconds', (failures, seconds) => {
		expect(delayAfterFailures(failures)).toBe(seconds);
	});

	it('slows an account down after five wrong passwords, even for the right one', async () => {
		const user = await addUser(database, { passwordHash });
		const start = new Date('2026-11-23T10:00:00Z');
		for (let i = 0; i < 5; i++) {
			const result = await signInWithPassword(
				database.db,
				{ email: user.email, password: `wrong-${i}-wrong-wrong`, ip: `10.1.0.${i}` },
				start
			);
			expect(result).toEqual({ ok: false, reason: 'invalid' });
		}
		const sixth = await signInWithPassword(
			database.db,
			{ email: user.email, password: PASSWORD, ip: '10.1.0.9' },
			start
		);
		expect(sixth).toMatchObject({ ok: false, reason: 'throttled' });
		// a minute later the right password works again, and success clears the count
		const later = await signInWithPassword(
			database.db,
			{ email: user.email, password: PASSWORD, ip: '10.1.0.9' },
			minutesAfter(start, 1.1)
		);
		expect(later).toMatchObject({ ok: true });
		expect(
			await checkThrottle(database.db, user.email, '10.1.0.9', minutesAfter(start, 1.2))
		).toEqual({
			allowed: true
		});
	});

	it('makes each further failure wait longer', async () => {
		const user = await addUser(database, { passwordHash });
		let now = new Date('2026-11-23T11:00:00Z');
		const waits: number[] = [];
		for (let i = 0; i < 8; i++) {
			const check = await checkThrottle(database.db, user.email, '10.2.0.1', now);
			if (!check.allowed) {
				waits.push(check.retryAfterSeconds);
				now = new Date(now.getTime() + check.retryAfterSeconds * 1000);
			}
			await signInWithPassword(
				database.db,
				{ email: user.email, password: 'wrong-wrong-wrong', ip: '10.2.0.1' },
				now
			);
		}
		expect(waits).toEqual([60, 120, 240]);
	});

	it('throttles an unknown email exactly like a real one, so the answer reveals nothing', async () => {
		const now = new Date('2026-11-23T12:00:00Z');
		for (let i = 0; i < 5; i++) {
			await signInWithPassword(
				database.db,
				{ email: 'ghost@council.example', password: 'wrong-wrong-wrong', ip: '10.3.0.1' },
				now
			);
		}
		const result = await signInWithPassword(
			database.db,
			{ email: 'ghost@council.example', password: 'x', ip: '10.3.0.1' },
			now
		);
		expect(result).toMatchObject({ ok: false, reason: 'throttled', retryAfterSeconds: 60 });
	});

	it('limits one address trying many accounts', async () => {
		const now = new Date('2026-11-23T13:00:00Z');
		for (let i = 0; i < ADDRESS_LIMIT; i++) {
			await database.db
				.insertInto('sign_in_attempt')
				.values({
					email: `spray${i}@council.example`,
					ip: '10.9.9.9',
					stage: 'password',
					succeeded: 0,
					attempted_at: now.toISOString()
				})
				.execute();
		}
		const check = await checkThrottle(database.db, 'someone-new@council.example', '10.9.9.9', now);
		expect(check).toMatchObject({ allowed: false });
		const elsewhere = await checkThrottle(
			database.db,
			'someone-new@council.example',
			'10.9.9.8',
			now
		);
		expect(elsewhere).toEqual({ allowed: true });
		expect(
			await checkThrottle(
				database.db,
				'someone-new@council.example',
				'10.9.9.9',
				minutesAfter(now, 16)
			)
		).toEqual({
			allowed: true
		});
	});

	it('survives a restart: the count lives in the database', async () => {
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mag-throttle-'));
		const file = path.join(folder, 'restart.sqlite');
		const now = new Date('2026-11-23T14:00:00Z');
		const first = openDatabase(file);
		await migrate(first.db);
		for (let i = 0; i < 5; i++) {
			await signInWithPassword(
				first.db,
				{ email: 'restart@council.example', password: 'wrong-wrong-wrong', ip: '10.4.0.1' },
				now
			);
		}
		await first.close();
		const second = openDatabase(file);
		expect(
			await checkThrottle(second.db, 'restart@council.example', '10.4.0.1', now)
		).toMatchObject({ allowed: false });
		await second.close();
		fs.rmSync(folder, { recursive: true, force: true });
	});
});

describe('two-factor sign-in', () => {
	it('asks for a code after the password once two-factor is on', async () => {
		const user = await addUser(database, { passwordHash });
		const key = newTotpKey();
		const now = new Date('2026-11-23T15:00:00Z');
		expect(
			await enableTwoFactor(database.db, user.id, key, codeAt(key, now), null, now)
		).toHaveLength(10);
		const result = await signInWithPassword(
			database.db,
			{ email: user.email, password: PASSWORD, ip: '10.5.0.1' },
			now
		);
		expect(result).toEqual({ ok: true, userId: user.id, needsTwoFactor: true });
	});

	it('refuses to turn two-factor on with a wrong code', async () => {
		const user = await addUser(database, { passwordHash });
		const key = newTotpKey();
		expect(await enableTwoFactor(database.db, user.id, key, '000000', null)).toBeNull();
		const row = await database.db
			.selectFrom('user')
			.select('totp_key')
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row.totp_key).toBeNull();
	});

	it('accepts a code once: the same code again is refused', async () => {
		const user = await addUser(database, { passwordHash });
		const key = newTotpKey();
		const setUpAt = new Date('2026-11-23T16:00:00Z');
		await enableTwoFactor(database.db, user.id, key, codeAt(key, setUpAt), null, setUpAt);
		const now = minutesAfter(setUpAt, 5);
		const code = codeAt(key, now);
		const ok = await signInWithSecondFactor(
			database.db,
			{ userId: user.id, code, ip: '10.6.0.1' },
			now
		);
		expect(ok).toMatchObject({ ok: true });
		const replay = await signInWithSecondFactor(
			database.db,
			{ userId: user.id, code, ip: '10.6.0.1' },
			now
		);
		expect(replay).toEqual({ ok: false, reason: 'invalid' });
		// the code used to set two-factor up is spent too
		const setupReplay = await signInWithSecondFactor(
			database.db,
			{ userId: user.id, code: codeAt(key, setUpAt), ip: '10.6.0.1' },
			setUpAt
		);
		expect(setupReplay).toEqual({ ok: false, reason: 'invalid' });
	});

	it('accepts a code from 30 seconds either side, for a phone clock a little out', async () => {
		const user = await addUser(database, { passwordHash });
		const key = newTotpKey();
		const setUpAt = new Date('2026-11-23T17:00:00Z');
		await enableTwoFactor(database.db, user.id, key, codeAt(key, setUpAt), null, setUpAt);
		const now = minutesAfter(setUpAt, 10);
		const behind = codeAt(key, new Date(now.getTime() - 30_000));
		expect(
			await signInWithSecondFactor(
				database.db,
				{ userId: user.id, code: behind, ip: '10.7.0.1' },
				now
			)
		).toMatchObject({ ok: true });
		const farOff = codeAt(key, minutesAfter(now, 3));
		expect(
			await signInWithSecondFactor(
				database.db,
				{ userId: user.id, code: farOff, ip: '10.7.0.1' },
				now
			)
		).toEqual({ ok: false, reason: 'invalid' });
	});

	it('lets each recovery code sign in once', async () => {
		const user = await addUser(database, { passwordHash });
		const key = newTotpKey();
		const now = new Date('2026-11-23T18:00:00Z');
		const codes = (await enableTwoFactor(database.db, user.id, key, codeAt(key, now), null, now))!;
		const recovery = codes[3]!;
		expect(
			await signInWithSecondFactor(
				database.db,
				{ userId: user.id, code: recovery.toUpperCase(), ip: '10.8.0.1' },
				now
			)
		).toMatchObject({ ok: true });
		expect(
			await signInWithSecondFactor(
				database.db,
				{ userId: user.id, code: recovery, ip: '10.8.0.1' },
				now
			)
		).toEqual({ ok: false, reason: 'invalid' });
		const stored = await database.db
			.selectFrom('recovery_code')
			.select('code_hash')
			.where('user_id', '=', user.id)
			.execute();
		expect(JSON.stringify(stored)).not.toContain(recovery);
	});

	it('throttles wrong codes, and a correct password does not reset the count', async () => {
		const user = await addUser(database, { passwordHash });
		const key = newTotpKey();
		const now = new Date('2026-11-23T19:00:00Z');
		await enableTwoFactor(database.db, user.id, key, codeAt(key, now), null, now);
		for (let i = 0; i < 5; i++) {
			await signInWithPassword(
				database.db,
				{ email: user.email, password: PASSWORD, ip: '10.10.0.1' },
				now
			);
			await signInWithSecondFactor(
				database.db,
				{ userId: user.id, code: '123456', ip: '10.10.0.1' },
				now
			);
		}
		const password = await signInWithPassword(
			database.db,
			{ email: user.email, password: PASSWORD, ip: '10.10.0.1' },
			now
		);
		expect(password).toMatchObject({ ok: false, reason: 'throttled' });
		const code = await signInWithSecondFactor(
			database.db,
			{ userId: user.id, code: codeAt(key, minutesAfter(now, 0.5)), ip: '10.10.0.1' },
			now
		);
		expect(code).toMatchObject({ ok: false, reason: 'throttled' });
	});
});
