/**
 * Mail settings by environment variable. Read when first asked for (not at import), so the tests
 * and the command-line scripts can set them first.
 */
export type MailMode = 'smtp' | 'log';

export interface MailSettings {
	/** smtp: deliver through SMTP_HOST. log: write one line per message to the console instead. */
	mode: MailMode;
	smtp: {
		host: string;
		port: number;
		/** Implicit TLS from the first byte (port 465). Otherwise STARTTLS is used when offered. */
		secure: boolean;
		user: string | null;
		password: string | null;
	};
	from: string;
	/** Where links in emails point: the address people use. */
	origin: string;
	/** Give up on a message after this many failed attempts. */
	maxAttempts: number;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0) {
		throw new Error(`${name} must be a whole number above 0, got "${raw}"`);
	}
	return value;
}

export function loadMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
	const host = env.SMTP_HOST?.trim() ?? '';
	const rawMode = env.MAIL_MODE?.trim() || (host ? 'smtp' : 'log');
	if (rawMode !== 'smtp' && rawMode !== 'log') {
		throw new Error(`MAIL_MODE must be smtp or log, got "${rawMode}"`);
	}
	if (rawMode === 'smtp' && !host) throw new Error('MAIL_MODE=smtp needs SMTP_HOST');
	const secure = ['true', '1', 'yes'].includes((env.SMTP_SECURE ?? '').trim().toLowerCase());
	const origin = (env.ORIGIN ?? 'http://localhost:3000').replace(/\/+$/, '');
	const serviceName = env.SERVICE_NAME ?? 'MAG meetings';
	return {
		mode: rawMode,
		smtp: {
			host,
			port: positiveInteger(env, 'SMTP_PORT', secure ? 465 : 587),
			secure,
			user: env.SMTP_USER || null,
			password: env.SMTP_PASSWORD || null
		},
		from: env.MAIL_FROM || `"${serviceName}" <no-reply@${new URL(origin).hostname}>`,
		origin,
		maxAttempts: positiveInteger(env, 'MAIL_MAX_ATTEMPTS', 10)
	};
}

let settings: MailSettings | null = null;

/** The running app's mail settings, read once. */
export function mailSettings(): MailSettings {
	settings ??= loadMailSettings();
	return settings;
}
