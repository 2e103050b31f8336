import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import type { SaveResult } from '../meeting/outcomes';

/**
 * An item's version: two people saving the same thing must not overwrite each other silently
 * (docs/domain.md, "Nothing is lost"). Each change form sends back the version it was loaded
 * with; a save from an older one changes nothing.
 */

/**
 * Takes the item's next version for a save of its content, in the save's own transaction, but
 * only if the form was loaded from the version stored now: two browsers changing one item would
 * otherwise each overwrite the other without a word. Returns the new version, or null (and
 * changes nothing) when someone saved in between or the form sent no version.
 */
export async function claimVersion(
	db: DB,
	submissionId: number,
	version: number | null,
	now: Date
): Promise<number | null> {
	if (version === null) return null;
	const row = await db
		.updateTable('submission')
		.set((eb) => ({ version: eb('version', '+', 1), updated_at: now.toISOString() }))
		.where('id', '=', submissionId)
		.where('version', '=', version)
		.returning('version')
		.executeTakeFirst();
	return row?.version ?? null;
}

/**
 * The submitter's change to an item, inside the save's transaction: the next version is claimed,
 * `write` stores the change and `submission.updated` is logged (with `detail`, which never holds
 * what was typed). When someone saved since the form was loaded with `version`, nothing is
 * written and the caller keeps the user's text.
 */
export async function saveItemVersion(
	trx: DB,
	change: {
		submissionId: number;
		version: number | null;
		actor: Actor;
		detail?: Record<string, unknown>;
	},
	write: () => Promise<void>,
	now: Date
): Promise<SaveResult> {
	const next = await claimVersion(trx, change.submissionId, change.version, now);
	if (next === null) return { saved: false, conflict: true };
	await write();
	await recordAudit(
		trx,
		{
			actorId: change.actor.id,
			action: 'submission.updated',
			recordType: 'submission',
			recordId: change.submissionId,
			ip: change.actor.ip,
			detail: change.detail
		},
		now
	);
	return { saved: true, version: next };
}

/**
 * The refusal of a save from a page loaded before the item's last save (only the submitter
 * changes an item, so that save came from their other window or device).
 */
export function staleSaveMessage(what: 'item' | 'review'): string {
	return `This ${what} was saved from another window or device while you were editing it. Your text is kept here: check the version saved there (reload the page) and save again`;
}
