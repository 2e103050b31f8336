import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import type { MemberAttendance } from '../../domain/meeting';

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
			const user = await attendeeNamed(trx, entry.userId);
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
 * Someone agrees the confidentiality statement on their own device. The register is the chair's
 * (docs/domain.md, "Confidentiality"), so agreeing never changes anyone's attendance: it is recorded
 * only for someone the register has present. The chair and coordinators keep the register, so one
 * of them agreeing is recorded present by it. Anyone else is told to ask the chair.
 */
export async function confirmConfidentiality(
	db: DB,
	meetingId: number,
	actor: Actor & { organiser?: boolean },
	now = new Date()
): Promise<'agreed' | 'not-admitted'> {
	const stamp = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('attendance')
			.select(['id', 'status', 'confirmed_at'])
			.where('meeting_id', '=', meetingId)
			.where('user_id', '=', actor.id)
			.executeTakeFirst();
		if (existing?.status === 'present' && existing.confirmed_at) return 'agreed';
		if (existing?.status !== 'present' && !actor.organiser) return 'not-admitted';
		if (existing) {
			await trx
				.updateTable('attendance')
				.set({ status: 'present', confirmed_at: stamp, confirmed_via: 'self' })
				.where('id', '=', existing.id)
				.execute();
		} else {
			const user = await attendeeNamed(trx, actor.id);
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
		return 'agreed';
	});
}

/**
 * Someone the register does not have present (absent, apologies, a substitute sent, or not on it)
 * asks the chair to let them in. Asking again changes nothing.
 */
export async function askToJoin(
	db: DB,
	meetingId: number,
	actor: Actor,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const asked = await trx
			.insertInto('join_request')
			.values({ meeting_id: meetingId, user_id: actor.id, asked_at: now.toISOString() })
			.onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!asked) return;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'meeting.join-asked',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip
			},
			now
		);
	});
}

/** Who is asking to join and has not been let in yet, oldest first. */
export async function listJoinRequests(db: DB, meetingId: number) {
	return db
		.selectFrom('join_request')
		.innerJoin('user', 'user.id', 'join_request.user_id')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select([
			'user.id as userId',
			'user.name',
			'agency.name as agency',
			'join_request.asked_at as askedAt'
		])
		.where('join_request.meeting_id', '=', meetingId)
		.where('join_request.admitted_at', 'is', null)
		.orderBy('join_request.id')
		.execute();
}

/**
 * The chair or a coordinator lets in someone who asked: in one transaction they are recorded
 * present on the register (by the organiser) and the request answered, and it is audited. They
 * still agree the statement themselves before any family is shown to them.
 */
export async function admitToMeeting(
	db: DB,
	meetingId: number,
	userId: number,
	actor: Actor,
	now = new Date()
): Promise<boolean> {
	const stamp = now.toISOString();
	return db.transaction().execute(async (trx) => {
		const answered = await trx
			.updateTable('join_request')
			.set({ admitted_at: stamp, admitted_by: actor.id })
			.where('meeting_id', '=', meetingId)
			.where('user_id', '=', userId)
			.where('admitted_at', 'is', null)
			.returning('id')
			.executeTakeFirst();
		if (!answered) return false;
		const values = {
			status: 'present' as const,
			substitute_name: null,
			confirmed_at: null,
			confirmed_via: null,
			recorded_by: actor.id,
			recorded_at: stamp
		};
		const existing = await trx
			.selectFrom('attendance')
			.select('id')
			.where('meeting_id', '=', meetingId)
			.where('user_id', '=', userId)
			.executeTakeFirst();
		if (existing)
			await trx.updateTable('attendance').set(values).where('id', '=', existing.id).execute();
		else {
			const user = await attendeeNamed(trx, userId);
			await trx
				.insertInto('attendance')
				.values({
					meeting_id: meetingId,
					user_id: userId,
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
				action: 'meeting.join-admitted',
				recordType: 'meeting',
				recordId: meetingId,
				ip: actor.ip,
				detail: { userId }
			},
			now
		);
		return true;
	});
}

/**
 * Reading a family's details outside the meeting without having agreed the statement at the
 * meeting where its gate opened: the reader agrees it now, for this case. Recorded once, audited.
 */
export async function agreeForCase(
	db: DB,
	caseCtx: { caseId: number; reference: string },
	actor: Actor,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const agreed = await trx
			.insertInto('case_confidentiality')
			.values({ case_id: caseCtx.caseId, user_id: actor.id, agreed_at: now.toISOString() })
			.onConflict((oc) => oc.columns(['case_id', 'user_id']).doNothing())
			.returning('id')
			.executeTakeFirst();
		if (!agreed) return;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'case.confidentiality-agreed',
				recordType: 'family_case',
				recordId: caseCtx.reference,
				ip: actor.ip
			},
			now
		);
	});
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

/** A member's name and agency as the register records them (kept as they were that day). */
function attendeeNamed(db: DB, userId: number) {
	return db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select(['user.name', 'agency.name as agency'])
		.where('user.id', '=', userId)
		.executeTakeFirstOrThrow();
}
