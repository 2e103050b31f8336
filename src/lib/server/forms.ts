/** Reads a text field, trimmed; a missing field reads as ''. */
export function textField(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
}

/** Reads a field exactly as typed (passwords: spaces are part of them). */
export function rawField(form: FormData, name: string): string {
	const value = form.get(name);
	return typeof value === 'string' ? value : '';
}

/**
 * Reads the version a form was loaded with (a hidden field). Missing or not a whole number reads
 * as null, which matches no version: such a save is refused as stale, never let through to
 * overwrite.
 */
export function versionField(form: FormData, name = 'version'): number | null {
	const text = textField(form, name);
	return /^\d{1,15}$/.test(text) ? Number(text) : null;
}

export type FieldErrors = Record<string, string>;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(email: string): string | null {
	if (email === '') return 'Enter an email address';
	if (email.length > 254 || !emailPattern.test(email)) {
		return 'Enter an email address in the correct format, like name@example.org';
	}
	return null;
}

/** A "next" address after sign-in: only a path on this site, never another site. */
export function safeNextPath(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
	return next;
}
