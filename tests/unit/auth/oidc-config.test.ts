import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { passwordSignInFrom, singleSignOnFrom } from '$lib/server/auth/oidc-config';
import { GET as startRoute } from '../../../src/routes/sign-in/council/+server';
import { GET as callbackRoute } from '../../../src/routes/sign-in/council/callback/+server';

const entra = {
	OIDC_ISSUER: 'https://login.microsoftonline.com/5b3e0c37-0000-4000-8000-000000000000/v2.0',
	OIDC_CLIENT_ID: '0d1f6a2e-0000-4000-8000-000000000000',
	OIDC_CLIENT_SECRET: 'a-client-secret',
	OIDC_EMAIL_DOMAINS: 'herefordshire.gov.uk, @Hoople.co.uk'
};

describe('single sign-on settings', () => {
	it('are off when OIDC_ISSUER is not set', () => {
		expect(singleSignOnFrom({})).toBeNull();
		expect(singleSignOnFrom({ OIDC_ISSUER: ' ' })).toBeNull();
	});

	it('read the provider, the client, the email domains (lower-case) and the acr values', () => {
		expect(singleSignOnFrom({ ...entra, OIDC_MFA_ACR: 'c1, urn:council:mfa' })).toEqual({
			issuer: new URL(entra.OIDC_ISSUER),
			clientId: entra.OIDC_CLIENT_ID,
			clientSecret: entra.OIDC_CLIENT_SECRET,
			emailDomains: ['herefordshire.gov.uk', 'hoople.co.uk'],
			multiFactorAcr: ['c1', 'urn:council:mfa']
		});
	});

	it('stop the server with the variable to fix when something is missing or wrong', () => {
		const without = (name: keyof typeof entra) => ({ ...entra, [name]: '' });
		expect(() => singleSignOnFrom(without('OIDC_CLIENT_ID'))).toThrow(/OIDC_CLIENT_ID/);
		expect(() => singleSignOnFrom(without('OIDC_CLIENT_SECRET'))).toThrow(/OIDC_CLIENT_SECRET/);
		expect(() => singleSignOnFrom(without('OIDC_EMAIL_DOMAINS'))).toThrow(/OIDC_EMAIL_DOMAINS/);
		expect(() => singleSignOnFrom({ ...entra, OIDC_EMAIL_DOMAINS: 'not a domain' })).toThrow(
			/OIDC_EMAIL_DOMAINS/
		);
		expect(() => singleSignOnFrom({ ...entra, OIDC_ISSUER: 'login.example' })).toThrow(
			/OIDC_ISSUER/
		);
		expect(() => singleSignOnFrom({ OIDC_CLIENT_ID: 'x' })).toThrow(/OIDC_ISSUER/);
	});

	it('need https, except a provider on this machine', () => {
		expect(() => singleSignOnFrom({ ...entra, OIDC_ISSUER: 'http://login.example' })).toThrow(
			/https/
		);
		expect(singleSignOnFrom({ ...entra, OIDC_ISSUER: 'http://127.0.0.1:4790' })).not.toBeNull();
		expect(singleSignOnFrom({ ...entra, OIDC_ISSUER: 'http://localhost:4790' })).not.toBeNull();
	});
});

describe('PASSWORD_SIGN_IN', () => {
	const sso = singleSignOnFrom(entra);
	it('is on unless the council turns it off', () => {
		expect(passwordSignInFrom({}, null)).toBe(true);
		expect(passwordSignInFrom({ PASSWORD_SIGN_IN: 'on' }, sso)).toBe(true);
		expect(passwordSignInFrom({ PASSWORD_SIGN_IN: 'OFF' }, sso)).toBe(false);
	});

	it('cannot be off without single sign-on, nor anything but on or off', () => {
		expect(() => passwordSignInFrom({ PASSWORD_SIGN_IN: 'off' }, null)).toThrow(/OIDC_ISSUER/);
		expect(() => passwordSignInFrom({ PASSWORD_SIGN_IN: 'no' }, sso)).toThrow(/on or off/);
	});
});

describe('without single sign-on', () => {
	it('there is no council sign-in to start or finish', async () => {
		for (const route of [startRoute, callbackRoute]) {
			const answer = await Promise.resolve()
				.then(() => route({} as never))
				.catch((thrown: unknown) => thrown);
			expect(isHttpError(answer) && answer.status).toBe(404);
		}
	});
});
