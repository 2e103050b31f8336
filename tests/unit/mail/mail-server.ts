import net, { type AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { loadMailSettings } from '$lib/server/mail/config';
import { smtpTransport, type MailTransport } from '$lib/server/mail/transport';

/** A message as a real SMTP server received it: the envelope, and the raw message read enough. */
export interface Received {
	envelopeTo: string[];
	to: string;
	from: string;
	subject: string;
	text: string;
	raw: string;
}

export interface TestMailServer {
	port: number;
	received: Received[];
	close(): Promise<void>;
}

function decodeEncodedWords(value: string): string {
	return value
		.replace(/\?=\s+=\?/g, '?==?')
		.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
			encoding.toLowerCase() === 'b'
				? Buffer.from(data, 'base64').toString('utf8')
				: decodeQuotedPrintable(data.replace(/_/g, ' '))
		);
}

function decodeQuotedPrintable(value: string): string {
	const joined = value.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < joined.length; i++) {
		if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
			bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(joined[i]!, 'utf8'));
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

/** Enough of RFC 5322 and MIME for a single-part text message: headers, and the decoded text. */
export function parseMessage(raw: string, envelopeTo: string[]): Received {
	const split = raw.indexOf('\r\n\r\n');
	const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = raw.slice(split + 4);
	const headers = new Map<string, string>();
	for (const line of head.split('\r\n')) {
		const colon = line.indexOf(':');
		headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
	const text =
		encoding === 'quoted-printable'
			? decodeQuotedPrintable(body)
			: encoding === 'base64'
				? Buffer.from(body, 'base64').toString('utf8')
				: body;
	return {
		envelopeTo,
		to: decodeEncodedWords(headers.get('to') ?? ''),
		from: decodeEncodedWords(headers.get('from') ?? ''),
		subject: decodeEncodedWords(headers.get('subject') ?? ''),
		text: text.replace(/\r\n/g, '\n').trimEnd(),
		raw
	};
}

/** A real SMTP server on loopback (a random port unless one is given), keeping what it receives. */
export async function startMailServer(
	options: { port?: number } & Partial<SMTPServerOptions> = {}
): Promise<TestMailServer> {
	const { port: wanted = 0, ...overrides } = options;
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		// No STARTTLS: the server's self-signed certificate would (rightly) be refused.
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
				received.push(parseMessage(Buffer.concat(chunks).toString('utf8'), envelopeTo));
				callback();
			});
		},
		...overrides
	});
	await new Promise<void>((resolve, reject) => {
		server.on('error', reject);
		server.listen(wanted, '127.0.0.1', () => resolve());
	});
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

/** A loopback port with nothing listening on it: connecting is refused. */
export async function closedPort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const port = (probe.address() as AddressInfo).port;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

/** The app's own SMTP transport, pointed at a test server. */
export function transportTo(port: number, env: Record<string, string> = {}): MailTransport {
	return smtpTransport(
		loadMailSettings({
			SMTP_HOST: '127.0.0.1',
			SMTP_PORT: String(port),
			MAIL_FROM: '"MAG meetings" <no-reply@mag.example>',
			...env
		})
	);
}
