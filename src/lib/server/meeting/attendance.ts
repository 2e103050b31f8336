import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import { mayAgreeOnOwnDevice, roomPresence } from '../policy/meeting';
import { writeAttendance } from './register';

/**
 * Being in the room (docs/domain.md, "Confidentiality"): agreeing the confidentiality statement,
 * asking the chair to be let in and being let in; and, outside the meeting, agreeing the statement
 * for one case.
 */

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
		const agreed = { status: 'present', confirmed_at: stamp, confirmed_via: 'self' } as const;
		await writeAttendance(
			trx,
			{ meetingId, userId: actor.id, existingId: existing?.id },
			{ ...agreed, substitute_name: null, recorded_by: actor.id, recorded_at: stamp },
			agreed
		);
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
 * asks the chair to let them in; false for someone who may agree on their own device, who need
 * not ask. Asking again changes nothing.
 */
export async function askToJoin(
	db: DB,
	meetingId: number,
	actor: Actor & { organiser?: boolean },
	now = new Date()
): Promise<boolean> {
	const presence = await roomPresence(db, meetingId, actor.id);
	if (mayAgreeOnOwnDevice(presence, actor.organiser ?? false)) return false;
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
	return true;
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
		await writeAttendance(trx, { meetingId, userId, existingId: existing?.id }, values);
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
