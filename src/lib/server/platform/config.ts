import { CONSENT_VALID_MONTHS, NEXT_REVIEW_AFTER_MEETINGS } from '../../domain/limits';

/**
 * Configuration by environment variable, read once. Plain process.env (not $env) so the command-line
 * scripts under scripts/ can share these modules with the app.
 */
function numberFrom(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`${name} must be a positive number, got "${raw}"`);
	}
	return value;
}

export type TwoFactorRole = 'administrator' | 'chair' | 'coordinator' | 'member';

function twoFactorRoles(): TwoFactorRole[] {
	const raw = (process.env.REQUIRE_TWO_FACTOR ?? 'administrator,chair').trim();
	if (raw === '' || raw === 'none') return [];
	const allowed: TwoFactorRole[] = ['administrator', 'chair', 'coordinator', 'member'];
	return raw.split(',').map((part) => {
		const role = part.trim() as TwoFactorRole;
		if (!allowed.includes(role)) {
			throw new Error(
				`REQUIRE_TWO_FACTOR: unknown role "${part}" (use ${allowed.join(', ')} or none)`
			);
		}
		return role;
	});
}

export function loadConfig() {
	return {
		databasePath: process.env.DATABASE_PATH ?? 'db/mag.sqlite',
		sessionIdleMinutes: numberFrom('SESSION_IDLE_MINUTES', 30),
		sessionAbsoluteHours: numberFrom('SESSION_ABSOLUTE_HOURS', 12),
		invitationHours: numberFrom('INVITATION_HOURS', 72),
		requireTwoFactorFor: twoFactorRoles(),
		serviceName: process.env.SERVICE_NAME ?? 'MAG meetings',
		councilName: process.env.COUNCIL_NAME ?? 'Herefordshire Council (demo)',
		/** Read out, and agreed by everyone present, at the start of each meeting. */
		confidentialityStatement:
			process.env.CONFIDENTIALITY_STATEMENT ??
			'Everything said about families at this meeting is confidential. I will share it only with ' +
				'the agencies the family agreed to, only to help the family, and I will not write down or ' +
				'keep anything about a family except the actions I am given.',
		/** A new CAF is reviewed at the meeting after next unless the chair picks another. */
		nextReviewAfterMeetings: numberFrom('NEXT_REVIEW_AFTER_MEETINGS', NEXT_REVIEW_AFTER_MEETINGS),
		/** A consent signed longer ago than this before a meeting must be renewed first. */
		consentValidMonths: numberFrom('CONSENT_VALID_MONTHS', CONSENT_VALID_MONTHS)
	};
}

export type Config = ReturnType<typeof loadConfig>;

/** Where the links a command prints point: its `--origin`, else ORIGIN, else this machine's PORT. */
export function originOf(flag: string | undefined): string {
	return flag ?? process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

export const config: Config = loadConfig();
