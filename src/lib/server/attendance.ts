import type { DB } from './db';
import type { AttendanceStatus } from './schema';
import { recordAudit, type Actor } from './audit';

export type MemberAttendance = Exclude<AttendanceStatus, 'guest'>;
export const MEMBER_STATUSES: Record<MemberAttendance, string> = {
	present: 'Present',
	apologies: 'Apologies',
	absent: 'Absent',
	substitute: 'Sent a substitute'
};

/**
 * The register: every member of the community's MAG, by agency, with their attendance if recorded,
 * then guests. Members not yet marked show as not recorded.
 */
export async function listRegister(db: DB, meetingId: number, communityId: number) {
	const members = await db
		.selectFrom('community_membership')
		.innerJoin('user', 'user.id', 'community_membership.user_id')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.leftJoin('attendance', (join) =>
			join.onRef('attendance.user_id', '=', 'user.id').on('attendance.meeting_id', '=', meetingId)
		)
		.select([
			'user.id as userId',
			'user.name',
			'agency.name as agency',
			'community_membership.role',
			'attendance.status',
			'attendance.substitute_name as substituteName',
			'attendance.confirmed_at as confirmedAt',
			'attendance.confirmed_via as confirmedVia'
		])
		.where('community_membership.community_id', '=', communityId)
		.where('user.disabled_at', 'is', null)
		.orderBy('agency.name')
		.orderBy('user.name')
		.execute();
	const guests = await db
		.selectFrom('attendance')
		.select([
			'id',
			'name',
			'agency',
			'confirmed_at as confirmedAt',
			'confirmed_via as confirmedVia'
		])
		.where('meeting_id', '=', meetingId)
		.where('status', '=', 'guest')
		.orderBy('id')
		.execute();
	return { members, guests };
}

export interface RegisterEntry {
	userId: number;
	status: MemberAttendance;
	substituteName: string | null;
	/** The chair read the statement aloud and this person (or their substitute) agreed. */
	agreedAloud: boolean;
}

/** Saves the register in one go; an entry agreed aloud is confirmed "via the chair". */
export async function saveRegister(
	db: DB,
	meetingId: number,
	entries: RegisterEntry[],
	actor: Actor,
	now = new Date()
): Promise<void> {
	const stamp = now.toISOString();
	await db.transaction().execute(async (trx) => {
		for (const entry of entries) {
			const user = await trx
				.selectFrom('user')
				.leftJoin('agency', 'agency.id', 'user.agency_id')
				.select(['user.name', 'agency.name as agency'])
				.where('user.id', '=', entry.userId)
				.executeTakeFirstOrThrow();
			const existing = await trx
				.selectFrom('attendance')
				.select(['id', 'confirmed_at', 'confirmed_via'])
				.where('meeting_id', '=', meetingId)
				.where('user_id', '=', entry.userId)
				.executeTakeFirst();
			const inTheRoom = entry.status === 'present' || entry.status === 'substitute';
			// Someone who confirmed on their own device stays confirmed; leaving the room clears it.
			const confirmation = !inTheRoom
				? { confirmed_at: null, confirmed_via: null }
				: existing?.confirmed_at
					? { confirmed_at: existing.confirmed_at, confirmed_via: existing.confirmed_via }
					: entry.agreedAloud
						? { confirmed_at: stamp, confirmed_via: 'chair' as const }
						: { confirmed_at: null, confirmed_via: null };
			const values = {
				status: entry.status,
				substitute_name: entry.status === 'substitute' ? entry.substituteName : null,
				...confirmation,
				recorded_by: actor.id,
				recorded_at: stamp
			};
			if (existing)
				await trx.updateTable('attendance').set(values).where('id', '=', existing.id).execute();
			else
				await trx
					.insertInto('attendance')
					.values({
						meeting_id: meetingId,
						user_id: entry.userId,
						name: user.name,
						agency: user.agency,
						...values
					})
					.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.register-saved',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip,
				detail: { entries: entries.length }
			},
			now
		);
	});
}

export async function addGuest(
	db: DB,
	meetingId: number,
	guest: { name: string; agency: string; agreedAloud: boolean },
	actor: Actor,
	now = new Date()
): Promise<void> {
	const stamp = now.toISOString();
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('attendance')
			.values({
				meeting_id: meetingId,
				user_id: null,
				name: guest.name,
				agency: guest.agency,
				status: 'guest',
				substitute_name: null,
				confirmed_at: guest.agreedAloud ? stamp : null,
				confirmed_via: guest.agreedAloud ? 'chair' : null,
				recorded_by: actor.id,
				recorded_at: stamp
			})
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.guest-added',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip
			},
			now
		);
	});
}

/**
 * A member confirms the confidentiality statement on their own device. Joining the meeting this
 * way also marks them present.
 */
export async function confirmConfidentiality(
	db: DB,
	meetingId: number,
	actor: Actor,
	now = new Date()
): Promise<void> {
	const stamp = now.toISOString();
	await db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('attendance')
			.select(['id', 'confirmed_at'])
			.where('meeting_id', '=', meetingId)
			.where('user_id', '=', actor.id)
			.executeTakeFirst();
		if (existing?.confirmed_at) return;
		if (existing) {
			await trx
				.updateTable('attendance')
				.set({ status: 'present', confirmed_at: stamp, confirmed_via: 'self' })
				.where('id', '=', existing.id)
				.execute();
		} else {
			const user = await trx
				.selectFrom('user')
				.leftJoin('agency', 'agency.id', 'user.agency_id')
				.select(['user.name', 'agency.name as agency'])
				.where('user.id', '=', actor.id)
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('attendance')
				.values({
					meeting_id: meetingId,
					user_id: actor.id,
					name: user.name,
					agency: user.agency,
					status: 'present',
					substitute_name: null,
					confirmed_at: stamp,
					confirmed_via: 'self',
					recorded_by: actor.id,
					recorded_at: stamp
				})
				.execute();
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.confidentiality-confirmed',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip
			},
			now
		);
	});
}

/** Whether this person is in the meeting and has agreed the confidentiality statement. */
export async function hasConfirmed(db: DB, meetingId: number, userId: number): Promise<boolean> {
	const row = await db
		.selectFrom('attendance')
		.select('id')
		.where('meeting_id', '=', meetingId)
		.where('user_id', '=', userId)
		.where('status', '=', 'present')
		.where('confirmed_at', 'is not', null)
		.executeTakeFirst();
	return Boolean(row);
}

/** The people in the room, for choosing action owners and the lead professional. */
export async function peoplePresent(db: DB, meetingId: number) {
	return db
		.selectFrom('attendance')
		.select(['user_id as userId', 'name', 'agency', 'status', 'substitute_name as substituteName'])
		.where('meeting_id', '=', meetingId)
		.where('status', 'in', ['present', 'substitute', 'guest'])
		.orderBy('agency')
		.orderBy('name')
		.execute();
}
