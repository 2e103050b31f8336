import type { RequestEvent } from '@sveltejs/kit';
import { recordAudit } from './log';
import type { DB } from '../platform/db';

/**
 * A refusal is a 403, and also a 404 from one of the app's own pages or endpoints: asking for
 * another community's record by a guessed id must show in the audit log whatever the answer, so
 * that enumeration is seen. (A 404 for an address the app has no page for is not a record asked
 * for, and is left out: browsers ask for icons and the like.)
 */
const REFUSED = new Set([403, 404]);

/**
 * Did the app refuse this request, and with which status? A page, endpoint or form action answers
 * with the status itself. A client-side navigation fetches the page's data as JSON that answers 200
 * whatever the load did, so there the refusal is an error node inside it. (Streamed data, only sent
 * when a load returns promises, is left unread: reading it here would hold the page up until it
 * finished.)
 */
async function refusedStatus(event: RequestEvent, response: Response): Promise<number | null> {
	if (event.route.id === null) return null;
	if (REFUSED.has(response.status)) return response.status;
	if (!event.isDataRequest || response.status !== 200) return null;
	if (!response.headers.get('content-type')?.startsWith('application/json')) return null;
	try {
		const data = (await response.clone().json()) as { nodes?: unknown[] };
		for (const node of data.nodes ?? []) {
			if (typeof node !== 'object' || node === null) continue;
			const { type, status } = node as { type?: unknown; status?: unknown };
			if (type === 'error' && typeof status === 'number' && REFUSED.has(status)) return status;
		}
		return null;
	} catch {
		return null;
	}
}

/**
 * Every failed authorisation goes in the audit log: who (if signed in), which page or action, how,
 * and from where. Checked once, after the app has answered, so that no page's own check can forget.
 * A failure to write is reported, not turned into a different answer: the request was refused.
 */
export async function auditRefusal(db: DB, event: RequestEvent, response: Response): Promise<void> {
	const status = await refusedStatus(event, response);
	if (status === null) return;
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
				status,
				// A form action's name (`?/save`); other query strings are left out of the log.
				...(search.startsWith('?/') ? { formAction: search.slice(2).split('&')[0] } : {}),
				...(event.isDataRequest ? { navigation: true } : {})
			}
		});
	} catch (failure) {
		console.error('Could not record a refused request in the audit log', failure);
	}
}
