import type { HandleServerError } from '@sveltejs/kit';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';

/** What anyone is told when something breaks: never the error itself, which may name a family. */
export const UNEXPECTED_ERROR_MESSAGE = 'Sorry, there is a problem with the service';

/** A short reference to quote: 8 characters (40 random bits), letters and the digits 2 to 7. */
export function newErrorId(): string {
	const random = new Uint8Array(5);
	crypto.getRandomValues(random);
	return encodeBase32UpperCaseNoPadding(random);
}

/**
 * SvelteKit's handleError: an error nobody threw on purpose is written to the server's log with a
 * reference, and the person sees only that reference, to quote, so the log entry can be found.
 * Below 500 it is SvelteKit's own answer to the request (an address nobody has, a method a page
 * does not take): nothing broke, so nothing is logged and its plain words are kept.
 */
export const reportUnexpectedError: HandleServerError = ({ error, event, status, message }) => {
	if (status < 500) return { message };
	const errorId = newErrorId();
	console.error(
		`Unexpected error ${errorId} (${event.request.method} ${event.route.id ?? 'no route'})`,
		error
	);
	return { message: UNEXPECTED_ERROR_MESSAGE, errorId };
};
