import type { Handle } from '@sveltejs/kit';

/**
 * The headers on every answer that comes back through the handles: pages, endpoints, files and the
 * form-body check's. (A redirect a handle throws on the way in, to sign in or to a second-factor
 * step, is answered by SvelteKit itself, without them.)
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
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
	if (!event.url.pathname.startsWith('/_app/immutable/')) headers.set('Cache-Control', 'no-store');
	if (event.url.protocol === 'https:')
		headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
	return response;
};
