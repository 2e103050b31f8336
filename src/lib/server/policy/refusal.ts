import { error } from '@sveltejs/kit';

/**
 * The only place a request is refused for who is asking. Every refusal, whatever its status, is
 * written to the audit log once the app has answered (src/lib/server/audit/refusals.ts), so a guessed
 * id shows up there as plainly as a forbidden page.
 */
export function refuse(message: string): never {
	error(403, message);
}

/** Nothing by that id, or an id that is not one: said the same way, so neither leaks. */
export function notFound(message = 'Not found'): never {
	error(404, message);
}

/** A record id from the address or a form: a positive whole number, else not found. */
export function recordId(raw: string | FormDataEntryValue | null): number {
	const id = Number(raw);
	if (raw === null || raw === '' || !Number.isInteger(id) || id <= 0) notFound();
	return id;
}
