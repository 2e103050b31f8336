import type { Insertable } from 'kysely';
import type { DB } from '../platform/db';
import type { AttendanceTable } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { membersWithAccount } from '../people/queries';
import type { MemberAttendance } from '../../domain/meeting';

/**
 * The register: every member of the community's MAG, by agency, with their attendance if recorded,
 * then guests. Members not yet marked show as not recorded.
 */
export async function listRegister(db: DB, meetingId: number, communityId: number) {
	const members = await membersWithAccount(db, communityId)
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
			await writeAttendance(
				trx,
				{ meetingId, userId: entry.userId, existingId: existing?.id },
				values
			);
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

/** A member's line on the register, but for who they are (the meeting, the person, their name). */
export type AttendanceLine = Omit<
	Insertable<AttendanceTable>,
	'id' | 'meeting_id' | 'user_id' | 'name' | 'agency'
>;

/**
 * Writes a member's line on the register: the line already there takes `change`; a new one is
 * `line` with their name and agency as the register records them (kept as they were that day).
 */
export async function writeAttendance(
	db: DB,
	member: { meetingId: number; userId: number; existingId: number | undefined },
	line: AttendanceLine,
	change: Partial<AttendanceLine> = line
): Promise<void> {
	if (member.existingId !== undefined) {
		await db.updateTable('attendance').set(change).where('id', '=', member.existingId).execute();
		return;
	}
	const named = await db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select(['user.name', 'agency.name as agency'])
		.where('user.id', '=', member.userId)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('attendance')
		.values({
			meeting_id: member.meetingId,
			user_id: member.userId,
			name: named.name,
			agency: named.agency,
			...line
		})
		.execute();
}
