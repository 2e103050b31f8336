import { anonymityProblem } from './anonymity';

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
