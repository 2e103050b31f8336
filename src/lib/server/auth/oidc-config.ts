/**
 * Single sign-on settings, by environment variable, read once (plain process.env, as config.ts).
 * A mistake stops the server at start-up with the variable's name, never at someone's sign-in.
 */
export interface SingleSignOnSettings {
	/** The council's identity provider, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 */
	issuer: URL;
	clientId: string;
	clientSecret: string;
	/** Lower-case email domains the provider signs people in for, e.g. herefordshire.gov.uk. */
	emailDomains: string[];
	/** `acr` values that, like an `amr` of mfa, say the person gave more than one factor. */
	multiFactorAcr: string[];
}

type Env = Record<string, string | undefined>;

function listFrom(raw: string | undefined): string[] {
	return (raw ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/** Plain http only to this machine (a test or development provider); anything else needs https. */
export function isLoopbackHttp(url: URL): boolean {
	return (
		url.protocol === 'http:' &&
		(url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]')
	);
}

export function singleSignOnFrom(env: Env): SingleSignOnSettings | null {
	const issuerText = env.OIDC_ISSUER?.trim() ?? '';
	if (issuerText === '') {
		for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_EMAIL_DOMAINS']) {
			if (env[name]?.trim()) throw new Error(`${name} is set but OIDC_ISSUER is not: set both`);
		}
		return null;
	}
	let issuer: URL;
	try {
		issuer = new URL(issuerText);
	} catch {
		throw new Error(`OIDC_ISSUER must be the identity provider's address, got "${issuerText}"`);
	}
	if (issuer.protocol !== 'https:' && !isLoopbackHttp(issuer)) {
		throw new Error(`OIDC_ISSUER must be an https address, got "${issuerText}"`);
	}
	const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
	const clientSecret = env.OIDC_CLIENT_SECRET ?? '';
	if (clientId === '') throw new Error('OIDC_ISSUER is set: set OIDC_CLIENT_ID too');
	if (clientSecret === '') throw new Error('OIDC_ISSUER is set: set OIDC_CLIENT_SECRET too');
	const emailDomains = listFrom(env.OIDC_EMAIL_DOMAINS).map((domain) =>
		domain.replace(/^@/, '').toLowerCase()
	);
	if (emailDomains.length === 0) {
		throw new Error(
			'OIDC_ISSUER is set: set OIDC_EMAIL_DOMAINS to the email domains it signs people in for'
		);
	}
	for (const domain of emailDomains) {
		if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
			throw new Error(`OIDC_EMAIL_DOMAINS: "${domain}" is not an email domain`);
		}
	}
	return {
		issuer,
		clientId,
		clientSecret,
		emailDomains,
		multiFactorAcr: listFrom(env.OIDC_MFA_ACR)
	};
}

/** PASSWORD_SIGN_IN=on|off (default on). Off needs single sign-on, or no one could sign in. */
export function passwordSignInFrom(env: Env, sso: SingleSignOnSettings | null): boolean {
	const raw = (env.PASSWORD_SIGN_IN ?? 'on').trim().toLowerCase();
	if (raw !== 'on' && raw !== 'off') {
		throw new Error(`PASSWORD_SIGN_IN must be on or off, got "${env.PASSWORD_SIGN_IN}"`);
	}
	if (raw === 'off' && !sso) {
		throw new Error('PASSWORD_SIGN_IN=off needs single sign-on: set OIDC_ISSUER and the rest');
	}
	return raw === 'on';
}

/** This installation's single sign-on, or null when it has none. */
export const singleSignOn: SingleSignOnSettings | null = singleSignOnFrom(process.env);

/** Whether people may sign in with an email address and password. */
export const passwordSignIn: boolean = passwordSignInFrom(process.env, singleSignOn);
