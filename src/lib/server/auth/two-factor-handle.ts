import { redirect, type Handle } from '@sveltejs/kit';
import { config } from '../platform/config';
import { twoFactorRequired } from '../policy/session';
import { isPublic } from './public-pages';

/** Pages a signed-in person may still reach before finishing a second-factor step. */
const twoFactorPendingPaths = new Set(['/sign-in/two-factor', '/sign-out']);
const twoFactorSetupPaths = new Set(['/account/two-factor', '/sign-out']);

/**
 * The second-factor steps, after the session is known: someone who signed in with a password but
 * has not yet given their code is sent to give it, and someone whose role needs two-factor but who
 * has not set it up is sent to set it up, from any page that is not public but those steps' own.
 */
export const twoFactorSteps: Handle = async ({ event, resolve }) => {
	const { user, session } = event.locals;
	const path = event.url.pathname;
	// Someone not signed in has already been sent to sign in (session-handle.ts).
	if (isPublic(path) || !user || !session) return resolve(event);
	if (!session.twoFactorVerified && !twoFactorPendingPaths.has(path)) {
		redirect(303, '/sign-in/two-factor');
	}
	if (
		session.twoFactorVerified &&
		!user.hasTwoFactor &&
		// The council's identity provider already asked for a second factor (amr/acr).
		!session.secondFactorAtProvider &&
		twoFactorRequired(user, config.requireTwoFactorFor) &&
		!twoFactorSetupPaths.has(path)
	) {
		redirect(303, '/account/two-factor');
	}
	return resolve(event);
};
