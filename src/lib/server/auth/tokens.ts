import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random string from `bytes` random bytes (20 bytes = 160 bits), safe in URLs and cookies. */
export function randomToken(bytes = 20): string {
	const random = new Uint8Array(bytes);
	crypto.getRandomValues(random);
	return encodeBase32LowerCaseNoPadding(random);
}

export function sha256Bytes(text: string): Uint8Array {
	return sha256(new TextEncoder().encode(text));
}

export function sha256Hex(text: string): string {
	return encodeHexLowerCase(sha256Bytes(text));
}
