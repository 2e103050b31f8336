import { randomBytes } from 'node:crypto';
import { subDays } from 'date-fns';
import type { DB } from '../platform/db';
import { textField } from './forms';

/**
 * Form keys make a post that adds or records something count once. A browser that lost the
 * connection sends the same post again, and a double click sends it twice: without a key each
 * would add a second action, a second update in the action's history, a second reminder.
 *
 * The page puts a random key in each such form (a hidden `formKey` field) when it loads; the save
 * writes the key to `form_submission` in its own transaction, and a post bringing a key already
 * there changes nothing and answers as the first did. A table of keys rather than a unique column
 * on each row: one post writes several rows in different tables (a reminder is a notice, an email
 * and a line of history), and answering as the first post did needs that first answer kept.
 */

/** A fresh key for the forms of a page: 128 random bits. */
export function newFormKey(): string {
	return randomBytes(16).toString('base64url');
}

/**
 * The key a post brought, or null when it brought none of ours (a page from before keys, or a
 * hand-made post): such a post is recorded as before, just not recognised when repeated.
 */
export function formKeyField(form: FormData): string | null {
	const key = textField(form, 'formKey');
	return /^[\w-]{22}$/.test(key) ? key : null;
}

export interface FormKey {
	token: string | null;
	userId: number;
	/** The form and what it was about, e.g. `room-action:12`: one page's key serves all its forms. */
	form: string;
}

/** A repeat comes within minutes; a week later the key is forgotten. */
const KEPT_DAYS = 7;

/** What the first post with this key answered, if one was recorded. In the save's transaction. */
export async function earlierAnswer<T>(db: DB, key: FormKey): Promise<T | undefined> {
	if (key.token === null) return undefined;
	const row = await db
		.selectFrom('form_submission')
		.select('answer')
		.where('token', '=', key.token)
		.where('user_id', '=', key.userId)
		.where('form', '=', key.form)
		.executeTakeFirst();
	return row ? (JSON.parse(row.answer) as T) : undefined;
}

/**
 * Records that the post with this key was saved and what it answered (ids and flags, never what
 * was typed), in the save's own transaction: a save rolled back leaves no key behind.
 */
export async function rememberAnswer(db: DB, key: FormKey, answer: unknown, now: Date) {
	if (key.token === null) return;
	await db
		.deleteFrom('form_submission')
		.where('created_at', '<', subDays(now, KEPT_DAYS).toISOString())
		.execute();
	await db
		.insertInto('form_submission')
		.values({
			token: key.token,
			user_id: key.userId,
			form: key.form,
			answer: JSON.stringify(answer),
			created_at: now.toISOString()
		})
		.execute();
}
