import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '$lib/server/auth/password';

describe('choosing a password', () => {
	it.each([
		['', 'Enter a password'],
		['short-pass1', 'Password must be 12 characters or more'],
		['x'.repeat(257), 'Password must be 256 characters or fewer'],
		['password1234', 'Password is too easy to guess: it is on a list of common passwords'],
		['QWERTYUIOP123', 'Password is too easy to guess: it is on a list of common passwords'],
		['aaaaaaaaaaaaaaa', 'Password is too easy to guess: it is on a list of common passwords']
	])('refuses %j: %s', (password, message) => {
		expect(passwordProblem(password)).toBe(message);
	});

	it.each(['river-kettle-lantern', 'x'.repeat(11) + 'y', 'ünïcödé-pässwörd'])(
		'accepts %j',
		(password) => {
			expect(passwordProblem(password)).toBeNull();
		}
	);

	it('refuses a password holding the person’s own name or email', () => {
		expect(passwordProblem('helenprice-2026!', ['Helen Price', 'helenprice'])).toBe(
			'Password must not contain your name or email address'
		);
	});
});

describe('storing a password', () => {
	it('hashes with argon2id at 19 MiB, 2 passes, 1 lane, and never keeps the password', async () => {
		const stored = await hashPassword('river-kettle-lantern');
		expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(stored).not.toContain('river-kettle-lantern');
	});

	it('accepts the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('river-kettle-lantern');
		expect(await verifyPassword(stored, 'river-kettle-lantern')).toBe(true);
		expect(await verifyPassword(stored, 'river-kettle-lanterN')).toBe(false);
		expect(await verifyPassword('not a hash', 'river-kettle-lantern')).toBe(false);
	});
});
