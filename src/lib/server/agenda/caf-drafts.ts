import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import type { CafDraftInput } from './caf-draft-form';

/**
 * New CAFs saved as drafts, to be finished later. A draft holds the family's details as typed, so
 * it is its author's alone: every query here is by author, and nothing else reads the table.
 * Submitting the CAF deletes its draft (in the same transaction); retention removes a draft left
 * untouched (records/retention.ts). The audit log says a draft was saved or removed, never what
 * it holds.
 */

/** The audit entry for a draft: which, by whom, never what it holds. */
function auditDraft(db: DB, author: Actor, action: string, draftId: number, now: Date) {
	return recordAudit(
		db,
		{ actorId: author.id, action, recordType: 'caf_draft', recordId: draftId, ip: author.ip },
		now
	);
}

/** Saves the draft, a new one or (by `draftId`, if it is the author's) over the one before. */
export async function saveCafDraft(
	db: DB,
	author: Actor,
	draftId: number | null,
	input: CafDraftInput,
	now = new Date()
): Promise<number> {
	const stamp = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const fields = JSON.stringify(input.fields);
		const updated =
			draftId === null
				? undefined
				: await trx
						.updateTable('caf_draft')
						.set({ label: input.label, fields, updated_at: stamp })
						.where('id', '=', draftId)
						.where('author_id', '=', author.id)
						.returning('id')
						.executeTakeFirst();
		const id =
			updated?.id ??
			(
				await trx
					.insertInto('caf_draft')
					.values({
						author_id: author.id,
						label: input.label,
						fields,
						created_at: stamp,
						updated_at: stamp
					})
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		await auditDraft(trx, author, 'caf-draft.saved', id, now);
		return id;
	});
}

/** The author's drafts, the latest first: what the author sees where they start a new item. */
export async function listCafDrafts(db: DB, authorId: number) {
	return db
		.selectFrom('caf_draft')
		.select(['id', 'label', 'updated_at as updatedAt'])
		.where('author_id', '=', authorId)
		.orderBy('updated_at', 'desc')
		.execute();
}

/** The draft's fields as typed, if it is this author's; undefined otherwise. */
export async function openCafDraft(db: DB, authorId: number, draftId: number) {
	const draft = await db
		.selectFrom('caf_draft')
		.select(['id', 'fields'])
		.where('id', '=', draftId)
		.where('author_id', '=', authorId)
		.executeTakeFirst();
	return draft && { id: draft.id, fields: JSON.parse(draft.fields) as Record<string, string> };
}

/** Deletes the author's draft (the CAF submitted): inside the caller's transaction. */
export async function deleteCafDraft(db: DB, author: Actor, draftId: number, now = new Date()) {
	const deleted = await db
		.deleteFrom('caf_draft')
		.where('id', '=', draftId)
		.where('author_id', '=', author.id)
		.executeTakeFirst();
	if (Number(deleted.numDeletedRows) > 0)
		await auditDraft(db, author, 'caf-draft.submitted', draftId, now);
}

/** Removes every draft untouched since `before` (retention); answers how many. */
export async function removeStaleCafDrafts(db: DB, before: string, now = new Date()) {
	return db.transaction().execute(async (trx) => {
		const removed = await trx
			.deleteFrom('caf_draft')
			.where('updated_at', '<', before)
			.executeTakeFirst();
		const count = Number(removed.numDeletedRows);
		if (count > 0)
			await recordAudit(
				trx,
				{ actorId: null, action: 'caf-draft.removed', detail: { before, draftsRemoved: count } },
				now
			);
		return count;
	});
}
