import type { DB } from '../platform/db';

/** A message for one person in the app ("your item has moved to the meeting on ..."). */
export interface Notice {
	userId: number;
	message: string;
	link: string | null;
}

/** Writes notices; call it inside the transaction of the change they tell people about. */
export async function sendNotices(db: DB, notices: Notice[], now = new Date()): Promise<void> {
	if (notices.length === 0) return;
	await db
		.insertInto('notice')
		.values(
			notices.map((notice) => ({
				user_id: notice.userId,
				message: notice.message,
				link: notice.link,
				created_at: now.toISOString(),
				read_at: null
			}))
		)
		.execute();
}

export async function unreadNotices(db: DB, userId: number) {
	return db
		.selectFrom('notice')
		.select(['id', 'message', 'link', 'created_at as createdAt'])
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.orderBy('id', 'desc')
		.execute();
}

export async function markNoticesRead(db: DB, userId: number, now = new Date()) {
	await db
		.updateTable('notice')
		.set({ read_at: now.toISOString() })
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.execute();
}
