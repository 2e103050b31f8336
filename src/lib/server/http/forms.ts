import { anonymityProblem } from '../agenda/anonymity';

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

/** A path on this site as `new URL` resolves it: anything that lands elsewhere is refused. */
const OWN_ORIGIN = 'http://mag.invalid';

/**
 * A "next" address after sign-in: only a path on this site, never another site. Browsers drop
 * tabs and newlines from an address and read a backslash as a slash, so `/\t/evil.example` or
 * `/\evil.example` would take someone to another site, and a newline cannot go in a redirect at
 * all. The paths the app itself sends people back to are printable ASCII (an address's path and
 * query are percent-encoded), so anything else, and any backslash, goes to the home page.
 */
export function safeNextPath(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//')) return '/';
	if (!/^[\x21-\x7e]+$/.test(next) || next.includes('\\')) return '/';
	// Belt and braces: whatever a browser makes of it must still be this site.
	if (new URL(next, OWN_ORIGIN).origin !== OWN_ORIGIN) return '/';
	return next;
}

/** "Name must be 120 characters or fewer", or null when the text fits. */
export function tooLongProblem(value: string, limit: number, label: string): string | null {
	return value.length > limit ? `${label} must be ${limit} characters or fewer` : null;
}

export interface FreeTextRule {
	/** The message when the field is empty; a field without one may be left empty. */
	missing?: string;
	/** The most characters it takes (TEXT_LIMITS), and its name in the message when it is longer. */
	limit: number;
	label: string;
	/**
	 * For text that people who may not identify a family can read: what it is, for the message
	 * ("Actions"), and today for text that records work (see anonymity.ts on full dates).
	 */
	screen?: { what: string; today?: string };
}

/** The first problem with a free-text field, in the order a person fixes them; null when none. */
export function freeTextProblem(value: string, rule: FreeTextRule): string | null {
	if (!value) return rule.missing ?? null;
	return (
		tooLongProblem(value, rule.limit, rule.label) ??
		(rule.screen ? anonymityProblem(value, rule.screen.what, { today: rule.screen.today }) : null)
	);
}
