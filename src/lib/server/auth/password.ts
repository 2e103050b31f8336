import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords';

// OWASP's argon2id minimum: 19 MiB of memory, 2 passes, 1 lane. Algorithm 2 is argon2id.
const argon2idOptions = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Returns the reason a new password is refused, in words for the person choosing it, or null. */
export function passwordProblem(password: string, context: string[] = []): string | null {
	const length = [...password].length;
	if (length === 0) return 'Enter a password';
	if (length < PASSWORD_MIN_LENGTH) {
		return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`;
	}
	if (length > PASSWORD_MAX_LENGTH) {
		return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
	}
	const lower = password.toLowerCase();
	if (commonPasswords.has(lower) || /^(.)\1+$/.test(password)) {
		return 'Password is too easy to guess: it is on a list of common passwords';
	}
	for (const word of context) {
		const part = word.toLowerCase().trim();
		if (part.length >= 4 && lower.includes(part)) {
			return 'Password must not contain your name or email address';
		}
	}
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFKC'), argon2idOptions);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password.normalize('NFKC'));
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real check when no account has the email typed, so the time taken
 * does not tell an attacker which emails have accounts.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
	dummyHash ??= hashPassword('not-a-real-password-for-timing');
	await verifyPassword(await dummyHash, password);
	return false;
}
