import nodemailer from 'nodemailer';
import type { MailSettings } from './config';

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
}

/** Hands one message to the mail server (or the console), or throws saying why it could not. */
export interface MailTransport {
	send(message: MailMessage): Promise<void>;
	close(): void;
}

/**
 * The mail server refused this message for good (5xx to its sender, recipients or content): trying
 * again will not help. Anything else (no connection, a timeout, a 4xx, even a wrong password in our
 * own settings) is worth trying again later.
 */
export function isPermanentFailure(error: unknown): boolean {
	const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
	return (
		(code === 'EENVELOPE' || code === 'EMESSAGE') &&
		typeof responseCode === 'number' &&
		responseCode >= 500 &&
		responseCode < 600
	);
}

export function smtpTransport(settings: MailSettings): MailTransport {
	const { smtp } = settings;
	const transporter = nodemailer.createTransport({
		host: smtp.host,
		port: smtp.port,
		secure: smtp.secure,
		auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
		// A slow or silent server must not hold the worker (or a shutdown) for long.
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
	return {
		async send(message) {
			await transporter.sendMail({
				from: settings.from,
				to: message.to,
				subject: message.subject,
				text: message.text,
				textEncoding: 'quoted-printable'
			});
		},
		close() {
			transporter.close();
		}
	};
}

/**
 * MAIL_MODE=log (the demo, and the browser tests): one line per message, who and what subject,
 * never the text (it may hold an invitation link).
 */
export function logTransport(log: (line: string) => void = console.log): MailTransport {
	return {
		async send(message) {
			log(`Mail (not sent, MAIL_MODE=log) to ${message.to}: ${message.subject}`);
		},
		close() {}
	};
}

export function transportFor(settings: MailSettings): MailTransport {
	return settings.mode === 'smtp' ? smtpTransport(settings) : logTransport();
}
