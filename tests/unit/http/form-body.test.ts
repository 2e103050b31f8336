import { describe, expect, it } from 'vitest';
import { FORM_TOO_LARGE, UNREADABLE_FORM, formBodyProblem } from '$lib/server/http/form-body';

const URLENCODED = 'application/x-www-form-urlencoded';
const BOUNDARY = 'mag-boundary';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

function post(contentType: string | null, body: BodyInit | null): Request {
	const headers = new Headers();
	if (contentType) headers.set('content-type', contentType);
	return new Request('http://localhost/sign-in?/signIn', { method: 'POST', headers, body });
}

/** A multipart body with one text field, its value given as raw bytes; with a file part too if given. */
function multipart(name: string, value: Uint8Array, file?: Uint8Array): Buffer<ArrayBuffer> {
	const filePart = file
		? [
				Buffer.from(
					`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`
				),
				file,
				Buffer.from('\r\n')
			]
		: [];
	return Buffer.concat([
		...filePart,
		Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
		value,
		Buffer.from(`\r\n--${BOUNDARY}--\r\n`)
	]);
}

/** "Café" in Windows-1252, as a spreadsheet saves it: not UTF-8. */
const WINDOWS_1252 = Uint8Array.from([0x43, 0x61, 0x66, 0xe9]);

describe('a form action body that can be read', () => {
	it.each([
		['urlencoded', URLENCODED, 'email=a%40b.example&password=river+kettle'],
		['urlencoded, with a charset', `${URLENCODED}; charset=UTF-8`, 'email=a%40b.example'],
		['urlencoded, accented and emoji text escaped', URLENCODED, 'note=caf%C3%A9+%F0%9F%98%80'],
		['urlencoded, UTF-8 sent as it is', URLENCODED, Buffer.from('note=café 😀')],
		['urlencoded, a lone % as a person might type it', URLENCODED, 'note=100%'],
		['urlencoded, empty', URLENCODED, ''],
		['multipart', MULTIPART, multipart('note', Buffer.from('café 😀'))],
		// The import's reader judges the file's bytes and says so next to the file field.
		[
			'multipart with a file that is not UTF-8',
			MULTIPART,
			multipart('note', Buffer.from('café'), WINDOWS_1252)
		]
	])('%s: is let through', async (_, contentType, body) => {
		expect(await formBodyProblem(post(contentType, body))).toBeNull();
	});

	it('is still there for the action to read afterwards', async () => {
		const request = post(URLENCODED, 'email=a%40b.example');
		expect(await formBodyProblem(request)).toBeNull();
		expect((await request.formData()).get('email')).toBe('a@b.example');
	});
});

describe('a form action body that cannot be read answers 400', () => {
	it.each([
		['text/plain', 'text/plain', 'email=a@b.example'],
		['JSON', 'application/json', '{"email":"a@b.example"}'],
		['no content type', null, 'email=a@b.example'],
		['multipart without a boundary', 'multipart/form-data', 'email=a@b.example'],
		[
			'multipart cut short',
			MULTIPART,
			`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello`
		],
		[
			'multipart whose boundary is not in it',
			'multipart/form-data; boundary=another',
			multipart('a', Buffer.from('x'))
		],
		['urlencoded with raw bytes 0xff 0xfe', URLENCODED, Buffer.from([0x65, 0x3d, 0xff, 0xfe])],
		['urlencoded with %FF%FE', URLENCODED, 'email=%FF%FE'],
		['urlencoded with half a character (%C3)', URLENCODED, 'note=caf%C3'],
		['urlencoded with an encoded surrogate (%ED%A0%80)', URLENCODED, 'note=%ED%A0%80'],
		['multipart with raw bytes 0xff 0xfe', MULTIPART, multipart('note', Buffer.from([0xff, 0xfe]))],
		[
			'multipart with a file, and raw bytes in a text field',
			MULTIPART,
			multipart('note', Buffer.from([0xff, 0xfe]), Buffer.from('name,email'))
		]
	])('%s', async (_, contentType, body) => {
		expect(await formBodyProblem(post(contentType, body))).toEqual(UNREADABLE_FORM);
	});

	it('says so in plain words, without the parser’s', () => {
		expect(UNREADABLE_FORM.status).toBe(400);
		expect(UNREADABLE_FORM.message).toMatch(/^Sorry, the form could not be read/);
		expect(UNREADABLE_FORM.message).not.toMatch(/Content-Type|FormData|UTF-8/i);
	});
});

describe('a form action body over the size limit', () => {
	it('answers 413 when the server stops reading it', async () => {
		// As adapter-node fails the body once it passes BODY_SIZE_LIMIT.
		const tooLarge = Object.assign(new Error('request body size exceeded BODY_SIZE_LIMIT'), {
			status: 413
		});
		const body = new ReadableStream({ start: (controller) => controller.error(tooLarge) });
		const request = new Request('http://localhost/sign-in?/signIn', {
			method: 'POST',
			headers: { 'content-type': URLENCODED },
			body,
			duplex: 'half'
		} as RequestInit);
		expect(await formBodyProblem(request)).toEqual(FORM_TOO_LARGE);
		expect(FORM_TOO_LARGE.message).toMatch(/^Sorry, the form is too large to send/);
	});
});
