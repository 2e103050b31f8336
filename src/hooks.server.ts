import { json, redirect, text, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { twoFactorRequired } from '$lib/server/policy/session';
import { appDatabase, closeAppDatabase } from '$lib/server/platform/app-database';
import { sessionCookieName, clearSessionCookie } from '$lib/server/auth/cookie';
import { sessionPolicy } from '$lib/server/auth/new-session';
import { validateSession } from '$lib/server/auth/session';
import { config } from '$lib/server/platform/config';
import { formBodyProblem } from '$lib/server/http/form-body';
import { startAppMail, stopAppMail } from '$lib/server/mail/app-mail';
import { migrate } from '$lib/server/platform/migrator';
import { auditRefusal } from '$lib/server/audit/refusals';
import { probeUnauditedRead } from '$lib/server/audit/read-probe';
import {
	startRetentionSchedule,
	stopRetentionSchedule
} from '$lib/server/records/retention-schedule';
import { reportUnexpectedError } from '$lib/server/http/unexpected-error';

export const init: ServerInit = async () => {
	await migrate(appDatabase().db);
	startAppMail(appDatabase().db);
	startRetentionSchedule(appDatabase().db);
	// adapter-node emits this after Ctrl-C / SIGTERM once requests have finished. The mail worker
	// finishes the message in hand first, so the database is closed (and its WAL checkpointed) last.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void Promise.all([stopAppMail(), stopRetentionSchedule()]).finally(() => closeAppDatabase());
	});
};

/** Pages anyone may open without signing in. */
function isPublic(path: string): boolean {
	return (
		path === '/sign-in' ||
		// Single sign-on: off to the council's identity provider and back (src/routes/sign-in/council).
		path === '/sign-in/council' ||
		path === '/sign-in/council/callback' ||
		path.startsWith('/invitation/') ||
		// A calendar feed: the private token in its address is the key (src/lib/server/calendar/calendar.ts).
		path.startsWith('/calendar/') ||
		path === '/favicon.svg'
	);
}

/** Pages a signed-in person may still reach before finishing a second-factor step. */
const twoFactorPendingPaths = new Set(['/sign-in/two-factor', '/sign-out']);
const twoFactorSetupPaths = new Set(['/account/two-factor', '/sign-out']);

/** Who is signed in, what they may reach before signing in fully, and the headers on every answer. */
const signedIn: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const secure = event.url.protocol === 'https:';
	const cookieName = sessionCookieName(secure);
	const token = event.cookies.get(cookieName);
	const path = event.url.pathname;
	let signedOutBecause: 'idle' | 'expired' | null = null;

	if (token) {
		const check = await validateSession(appDatabase().db, token, sessionPolicy);
		if (check.ok) {
			event.locals.user = check.user;
			event.locals.session = check.session;
		} else {
			clearSessionCookie(event.cookies, secure);
			if (check.reason !== 'missing') signedOutBecause = check.reason;
		}
	}

	const { user, session } = event.locals;
	if (!isPublic(path)) {
		if (!user || !session) {
			const params = new URLSearchParams();
			if (signedOutBecause) params.set('signed-out', signedOutBecause);
			if (event.request.method === 'GET' && path !== '/')
				params.set('next', path + event.url.search);
			const query = params.toString();
			redirect(303, `/sign-in${query ? `?${query}` : ''}`);
		}
		if (!session.twoFactorVerified && !twoFactorPendingPaths.has(path)) {
			redirect(303, '/sign-in/two-factor');
		}
		if (
			session.twoFactorVerified &&
			!user.hasTwoFactor &&
			!session.secondFactorAtProvider &&
			twoFactorRequired(user, config.requireTwoFactorFor) &&
			!twoFactorSetupPaths.has(path)
		) {
			redirect(303, '/account/two-factor');
		}
	}

	const startedAt = new Date().toISOString();
	const response = await resolve(event);
	await auditRefusal(appDatabase().db, event, response);
	await probeUnauditedRead(appDatabase().db, event, response, startedAt);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('X-Frame-Options', 'DENY');
	// Not no-referrer: under it browsers send `Origin: null` on the site's own plain form posts (the
	// sign-out button, any form before its script loads), which SvelteKit's CSRF check refuses.
	// same-origin still sends nothing to other sites.
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	// Pages carry sensitive data: never keep a copy in a shared or back-button cache.
	if (!path.startsWith('/_app/immutable/')) headers.set('Cache-Control', 'no-store');
	if (secure) headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	return response;
};

/**
 * A form action's body is checked once here, after signing in is settled (someone signed out is
 * still sent to sign in, whatever they posted) and before any action reads it: a body it cannot
 * read answers 400, one over BODY_SIZE_LIMIT 413, in plain words, and no action runs. Every POST
 * that reaches a route here is a form action, as no endpoint takes one (one that did would need
 * leaving out). SvelteKit has already refused a form posted from another site (403). An enhanced
 * form (`use:enhance`) gets the answer as a form action's error, so the page shows it as it would
 * any other.
 */
const readableForms: Handle = async ({ event, resolve }) => {
	if (event.request.method !== 'POST' || event.route.id === null) return resolve(event);
	const problem = await formBodyProblem(event.request);
	if (!problem) return resolve(event);
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message: problem.message } }, { status: problem.status });
	}
	return text(problem.message, {
		status: problem.status,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

export const handle = sequence(signedIn, readableForms);

export const handleError = reportUnexpectedError;
