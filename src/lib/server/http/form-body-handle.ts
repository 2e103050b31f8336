import { json, text, type Handle } from '@sveltejs/kit';
import { formBodyProblem } from './form-body';

/**
 * A form action's body is checked once here, after signing in is settled (someone signed out is
 * still sent to sign in, whatever they posted) and before any action reads it: a body it cannot
 * read answers 400, one over BODY_SIZE_LIMIT 413, in plain words, and no action runs. Every POST
 * that reaches a route here is a form action, as no endpoint takes one (one that did would need
 * leaving out). SvelteKit has already refused a form posted from another site (403). An enhanced
 * form (`use:enhance`) gets the answer as a form action's error, so the page shows it as it would
 * any other.
 */
export const readableForms: Handle = async ({ event, resolve }) => {
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
