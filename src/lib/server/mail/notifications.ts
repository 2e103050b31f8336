import type { DB } from '../platform/db';
import { todayInEngland } from '../../dates';
import { actionFacts, type ActionFact } from './action-facts';
import { mailSettings } from './config';
import { actionListMail, agendaPublishedMail, invitationMail, reminderMail } from './messages';
import { enqueueMail } from './outbox';
import { membersWithAccount } from '../people/queries';

/**
 * The emails that follow from a change, queued with the transaction making it. None of these is
 * optional: an invitation is how someone joins, and the agenda and the action list are the meeting's
 * own business (docs/domain.md: agenda out before the meeting, action list within 24 hours).
 */

export async function queueInvitationMail(
	trx: DB,
	invitation: { userId: number; token: string; expiresAt: string; reissued: boolean },
	now = new Date()
): Promise<void> {
	const person = await trx
		.selectFrom('user')
		.select(['name', 'email'])
		.where('id', '=', invitation.userId)
		.executeTakeFirstOrThrow();
	const { origin } = mailSettings();
	await enqueueMail(
		trx,
		{
			kind: 'invitation',
			to: person.email,
			userId: invitation.userId,
			...invitationMail({
				name: person.name,
				link: `${origin}/invitation/${invitation.token}`,
				expiresAt: invitation.expiresAt,
				reissued: invitation.reissued
			})
		},
		now
	);
}

/** To every member of the meeting's MAG (chair, coordinators, members) with an enabled account. */
export async function queueAgendaPublishedMail(
	trx: DB,
	meetingId: number,
	now = new Date()
): Promise<void> {
	const meeting = await trx
		.selectFrom('meeting')
		.innerJoin('community', 'community.id', 'meeting.community_id')
		.select([
			'meeting.id',
			'meeting.community_id as communityId',
			'community.name as communityName',
			'meeting.date',
			'meeting.start_time as startTime',
			'meeting.venue',
			'meeting.online_link as onlineLink'
		])
		.where('meeting.id', '=', meetingId)
		.executeTakeFirstOrThrow();
	const members = await membersWithAccount(trx, meeting.communityId)
		.select(['user.id', 'user.name', 'user.email'])
		.orderBy('user.id')
		.execute();
	const { origin } = mailSettings();
	for (const member of members) {
		await enqueueMail(
			trx,
			{
				kind: 'agenda-published',
				to: member.email,
				userId: member.id,
				dedupeKey: `agenda-published:${meetingId}:${member.id}`,
				...agendaPublishedMail({
					origin,
					name: member.name,
					meetingId,
					communityName: meeting.communityName,
					date: meeting.date,
					startTime: meeting.startTime,
					venue: meeting.venue,
					onlineLink: meeting.onlineLink
				})
			},
			now
		);
	}
}

/** To each owner who has an account: their own actions from the meeting, and no one else's. */
export async function queueActionListMail(
	trx: DB,
	meetingId: number,
	now = new Date()
): Promise<void> {
	const actions = await actionFacts(trx, { meetingId });
	const byOwner = new Map<number, ActionFact[]>();
	for (const action of actions) {
		if (action.owner)
			byOwner.set(action.owner.id, [...(byOwner.get(action.owner.id) ?? []), action]);
	}
	const { origin } = mailSettings();
	for (const [ownerId, own] of byOwner) {
		const owner = own[0]!.owner!;
		await enqueueMail(
			trx,
			{
				kind: 'action-list',
				to: owner.email,
				userId: ownerId,
				dedupeKey: `action-list:${meetingId}:${ownerId}`,
				...actionListMail({
					origin,
					name: owner.name,
					meetingId,
					communityName: own[0]!.communityName,
					meetingDate: own[0]!.meetingDate,
					actions: own
				})
			},
			now
		);
	}
}

export type ChairReminderResult =
	{ ok: true } | { ok: false; reason: 'not-found' | 'no-account' | 'not-open' };

/**
 * The chair's reminder about one action (bulk-reminders.ts): queued every time it is asked for (no dedupe),
 * and sent even to someone who has turned reminders off, as the chair's own request.
 */
export async function remindOwnerByEmail(
	db: DB,
	actionId: number,
	now = new Date()
): Promise<ChairReminderResult> {
	const [action] = await actionFacts(db, { actionIds: [actionId] });
	if (!action) return { ok: false, reason: 'not-found' };
	if (action.status !== 'open' && action.status !== 'in-progress') {
		return { ok: false, reason: 'not-open' };
	}
	if (!action.owner) return { ok: false, reason: 'no-account' };
	await enqueueMail(
		db,
		{
			kind: 'reminder-from-chair',
			to: action.owner.email,
			userId: action.owner.id,
			...reminderMail({
				origin: mailSettings().origin,
				name: action.owner.name,
				kind: 'from-chair',
				action,
				today: todayInEngland(now)
			})
		},
		now
	);
	return { ok: true };
}
