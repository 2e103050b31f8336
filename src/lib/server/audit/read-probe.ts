import fs from 'node:fs';
import type { RequestEvent } from '@sveltejs/kit';
import type { DB } from '../platform/db';

/**
 * A check for the browser tests, off unless AUDIT_READ_PROBE names a file: every page or download
 * that shows a family member's name, or what was said about a family at a meeting (the note of a
 * family item's discussion, the support agreed or progress on a need), must have written an audit
 * entry for that read during the request (the information-governance rule "every read of
 * identifiable family data is logged").
 * A response that shows a name with no such entry is written to the file, and the last browser
 * test fails if the file has anything in it. Only GETs are read: a form that echoes back what its
 * user has just typed is not a read of what the system holds.
 */
const READ_ACTIONS = ['family.viewed', 'case.exported'];
const TEXT_TYPES = /^(text\/html|application\/json|text\/csv|text\/calendar|text\/plain)/;

export async function probeUnauditedRead(
	db: DB,
	event: RequestEvent,
	response: Response,
	startedAt: string
): Promise<void> {
	const file = process.env.AUDIT_READ_PROBE;
	if (!file || event.request.method !== 'GET') return;
	if (!TEXT_TYPES.test(response.headers.get('content-type') ?? '')) return;
	const body = await response.clone().text();
	const shown = (await familyTexts(db)).filter((text) => body.includes(text));
	if (shown.length === 0) return;
	const audited = await db
		.selectFrom('audit_log')
		.select('id')
		.where('actor_id', '=', event.locals.user?.id ?? -1)
		.where('action', 'in', READ_ACTIONS)
		.where('at', '>=', startedAt)
		.executeTakeFirst();
	if (!audited)
		fs.appendFileSync(
			file,
			`${JSON.stringify({ path: event.url.pathname, user: event.locals.user?.email ?? null, texts: shown.length })}\n`
		);
}

/**
 * What identifies a family or was said about one: members' names, and the notes, support and
 * progress recorded for family items not taken as advice. Short texts are left out: "Yes" or a
 * first name alone would be found on every page.
 */
async function familyTexts(db: DB): Promise<string[]> {
	const names = await db.selectFrom('family_member').select('name as text').distinct().execute();
	const notes = await db
		.selectFrom('outcome')
		.innerJoin('submission', 'submission.id', 'outcome.submission_id')
		.select('outcome.note as text')
		.where('submission.part', 'in', [2, 3])
		.where('outcome.taken_as_advice', '=', 0)
		.execute();
	const needs = await db.selectFrom('need_update').select(['support', 'progress']).execute();
	return [
		...names.filter(({ text }) => text.length > 3).map(({ text }) => text),
		...[...notes.map(({ text }) => text), ...needs.flatMap((n) => [n.support, n.progress])].filter(
			(text): text is string => text !== null && text.length >= 12
		)
	];
}
