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
