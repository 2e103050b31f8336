/**
 * Is a form action's body one it can read? Every form here is sent as application/x-www-form-urlencoded
 * (or multipart/form-data, which an enhanced form may use). Anything else, a body that does not
 * parse, text that is not UTF-8 and a body over the size limit are answered before any action runs,
 * so none of them can answer 500 or save half-read text: the fetch API's own parser throws on the
 * first two and quietly turns invalid UTF-8 into U+FFFD replacement characters. An uploaded file's
 * bytes are not text here: the reader of that file says what is wrong with it, next to its field.
 */

export interface FormBodyProblem {
	status: 400 | 413;
	message: string;
}

export const UNREADABLE_FORM: FormBodyProblem = {
	status: 400,
	message:
		'Sorry, the form could not be read, so nothing was saved. Go back to the page, reload it and send the form again.'
};

export const FORM_TOO_LARGE: FormBodyProblem = {
	status: 413,
	message:
		'Sorry, the form is too large to send, so nothing was saved. Go back, shorten what you typed and send it again.'
};

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/**
 * adapter-node fails the body with a 413 (a SvelteKitError, not exported) once it passes
 * BODY_SIZE_LIMIT, whether its Content-Length says so or the bytes run over.
 */
function isTooLarge(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'status' in error && error.status === 413;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A urlencoded body percent-encodes whatever is not ASCII. Each run of `%XX` escapes must decode
 * to UTF-8 on its own: the characters around a run are whole (the body has already decoded as
 * UTF-8), so no character can be split between a run and its neighbours.
 */
function escapesAreUtf8(body: string): boolean {
	const runs = body.match(/(?:%[0-9a-f]{2})+/gi) ?? [];
	try {
		// Decoded with TextDecoder, not decodeURIComponent: a bundler may drop a call to a built-in
		// function whose result goes unused, and with it the check.
		return runs.every((run) => {
			const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => parseInt(hex, 16));
			return utf8.decode(bytes).length > 0;
		});
	} catch {
		return false;
	}
}

/**
 * What is wrong with a form action's body, or null if nothing is. Reads a copy, so the action can
 * still read the body itself.
 */
export async function formBodyProblem(request: Request): Promise<FormBodyProblem | null> {
	const contentType = request.headers.get('content-type') ?? '';
	const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
	if (type !== URLENCODED && type !== MULTIPART) return UNREADABLE_FORM;

	let bytes: ArrayBuffer;
	try {
		bytes = await request.clone().arrayBuffer();
	} catch (error) {
		return isTooLarge(error) ? FORM_TOO_LARGE : UNREADABLE_FORM;
	}
	let form: FormData;
	try {
		form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
	} catch {
		return UNREADABLE_FORM;
	}
	if (isUtf8(bytes)) {
		return type === URLENCODED && !escapesAreUtf8(utf8.decode(bytes)) ? UNREADABLE_FORM : null;
	}
	// Not UTF-8 as a whole. Only a multipart form with a file in it (the people import's CSV) may
	// be: the file's bytes are its own reader's to judge, and it says so next to the field. The
	// parser turns invalid bytes in a text part into U+FFFD, so a text part that has one is refused.
	if (type === URLENCODED) return UNREADABLE_FORM;
	const values = [...form.values()];
	const hasFile = values.some((value) => typeof value !== 'string');
	const textIsWhole = values.every(
		(value) => typeof value !== 'string' || !value.includes('\uFFFD')
	);
	return hasFile && textIsWhole ? null : UNREADABLE_FORM;
}

function isUtf8(bytes: ArrayBuffer): boolean {
	try {
		utf8.decode(bytes);
		return true;
	} catch {
		return false;
	}
}
