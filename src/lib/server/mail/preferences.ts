import type { DB } from '../platform/db';

/** The optional emails. Invitations, agendas and action lists are always sent. */
export interface EmailPreferences {
	/** 7 days before an action is due, and the day it becomes overdue. */
	reminders: boolean;
	/** A weekly list of the person's open actions. */
	digest: boolean;
}

export async function emailPreferences(db: DB, userId: number): Promise<EmailPreferences> {
	const row = await db
		.selectFrom('email_preference')
		.select(['reminders', 'digest'])
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return { reminders: row?.reminders !== 0, digest: row?.digest !== 0 };
}

export async function saveEmailPreferences(
	db: DB,
	userId: number,
	preferences: EmailPreferences,
	now = new Date()
): Promise<void> {
	const values = {
		reminders: preferences.reminders ? 1 : 0,
		digest: preferences.digest ? 1 : 0,
		updated_at: now.toISOString()
	};
	await db
		.insertInto('email_preference')
		.values({ user_id: userId, ...values })
		.onConflict((oc) => oc.column('user_id').doUpdateSet(values))
		.execute();
}

/** The people who have turned one kind of optional email off. */
export async function optedOut(db: DB, kind: keyof EmailPreferences): Promise<Set<number>> {
	const rows = await db
		.selectFrom('email_preference')
		.select('user_id')
		.where(kind, '=', 0)
		.execute();
	return new Set(rows.map((row) => row.user_id));
}
