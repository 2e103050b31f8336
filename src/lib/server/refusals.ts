import type { RequestEvent } from '@sveltejs/kit';
import { recordAudit } from './audit';
import type { DB } from './db';

/**
 * Did the app refuse this request (403)? A page, endpoint or form action answers with the status
 * itself. A client-side navigation fetches the page's data as JSON that answers 200 whatever the
 * load did, so there the refusal is an error node inside it. (Streamed data, only sent when a load
 * returns promises, is left unread: reading it here would hold the page up until it finished.)
 */
async function wasRefused(event: RequestEvent, response: Response): Promise<boolean> {
	if (response.status === 403) return true;
	if (!event.isDataRequest || response.status !== 200) return false;
	if (!response.headers.get('content-type')?.startsWith('application/json')) return false;
	try {
		const data = (await response.clone().json()) as { nodes?: unknown[] };
		return (data.nodes ?? []).some(
			(node) =>
				typeof node === 'object' &&
				node !== null &&
				(node as { type?: unknown }).type === 'error' &&
				(node as { status?: unknown }).status === 403
		);
	} catch {
		return false;
	}
}

/**
 * Every failed authorisation goes in the audit log: who (if signed in), which page or action, how,
 * and from where. Checked once, after the app has answered, so that no page's own check can forget.
 * A failure to write is reported, not turned into a different answer: the request was refused.
 */
export async function auditRefusal(db: DB, event: RequestEvent, response: Response): Promise<void> {
	if (!(await wasRefused(event, response))) return;
	const search = event.url.search;
	try {
		await recordAudit(db, {
			actorId: event.locals.user?.id ?? null,
			action: 'access.refused',
			recordType: 'path',
			recordId: event.url.pathname,
			ip: event.getClientAddress(),
			detail: {
				method: event.request.method,
				// A form action's name (`?/save`); other query strings are left out of the log.
				...(search.startsWith('?/') ? { formAction: search.slice(2).split('&')[0] } : {}),
				...(event.isDataRequest ? { navigation: true } : {})
			}
		});
	} catch (failure) {
		console.error('Could not record a refused request in the audit log', failure);
	}
}
