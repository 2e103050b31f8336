/** What the council's structure pages read: the whole structure at a glance, one record to edit. */
import type { DB } from '../platform/db';
import { agreementState } from './agreement';
import { UNFINISHED_MEETINGS } from './structure';
import { MEETING_DEFAULTS } from '../../domain/meeting';
import { config } from '../platform/config';

export async function listLocalities(db: DB) {
	return db.selectFrom('locality').select(['id', 'name']).orderBy('name').execute();
}

/** Every locality with its communities, and every agency, with what shows on the overview. */
export async function councilOverview(db: DB, today: string) {
	const localities = await listLocalities(db);
	const communities = await db
		.selectFrom('community')
		.select((eb) => [
			'community.id',
			'community.name',
			'community.locality_id as localityId',
			'community.retired_at as retiredAt',
			eb
				.selectFrom('community_membership')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('community_membership.community_id', '=', 'community.id')
				.as('members'),
			eb
				.selectFrom('community_membership')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('community_membership.community_id', '=', 'community.id')
				.where('community_membership.role', '=', 'chair')
				.as('chairs'),
			eb
				.selectFrom('meeting')
				.select((inner) => inner.fn.min('meeting.date').as('d'))
				.whereRef('meeting.community_id', '=', 'community.id')
				.where('meeting.status', 'in', UNFINISHED_MEETINGS)
				.where('meeting.date', '>=', today)
				.as('nextMeeting')
		])
		.orderBy('community.name')
		.execute();
	const agencies = await db
		.selectFrom('agency')
		.select((eb) => [
			'agency.id',
			'agency.name',
			'agency.sector',
			'agency.agreement_signed_on as agreementSignedOn',
			'agency.agreement_review_due as agreementReviewDue',
			'agency.retired_at as retiredAt',
			eb
				.selectFrom('user')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('user.agency_id', '=', 'agency.id')
				.where('user.disabled_at', 'is', null)
				.as('people')
		])
		.orderBy('agency.name')
		.execute();
	return {
		localities: localities.map((locality) => ({
			...locality,
			communities: communities
				.filter((c) => c.localityId === locality.id)
				.map((c) => ({
					id: c.id,
					name: c.name,
					retired: c.retiredAt !== null,
					members: Number(c.members ?? 0),
					chairs: Number(c.chairs ?? 0),
					nextMeeting: (c.nextMeeting as string | null) ?? null
				}))
		})),
		agencies: agencies.map((a) => ({
			id: a.id,
			name: a.name,
			sector: a.sector,
			retired: a.retiredAt !== null,
			people: Number(a.people ?? 0),
			agreement: agreementState(a, today),
			agreementReviewDue: a.agreementReviewDue
		}))
	};
}

export async function findCommunitySettings(db: DB, id: number) {
	return db
		.selectFrom('community')
		.select([
			'id',
			'name',
			'locality_id as localityId',
			'meeting_length_minutes as meetingLengthMinutes',
			'every_weeks as everyWeeks',
			'family_item_limit as familyItemLimit',
			'deadline_working_days as deadlineWorkingDays',
			'venue',
			'online_link as onlineLink',
			'confidentiality_statement as confidentialityStatement',
			'retired_at as retiredAt'
		])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function findAgency(db: DB, id: number) {
	return db
		.selectFrom('agency')
		.select([
			'id',
			'name',
			'sector',
			'agreement_signed_on as agreementSignedOn',
			'agreement_review_due as agreementReviewDue',
			'agreement_location as agreementLocation',
			'retired_at as retiredAt'
		])
		.where('id', '=', id)
		.executeTakeFirst();
}

/** What scheduling a community's meetings starts from: its MAG's settings (the form can differ). */
export async function meetingSettingsOf(db: DB, communityId: number) {
	const row = await findCommunitySettings(db, communityId);
	return {
		startTime: MEETING_DEFAULTS.startTime,
		lengthMinutes: row?.meetingLengthMinutes ?? MEETING_DEFAULTS.lengthMinutes,
		everyWeeks: row?.everyWeeks ?? MEETING_DEFAULTS.everyWeeks,
		deadlineWorkingDays: row?.deadlineWorkingDays ?? MEETING_DEFAULTS.deadlineWorkingDays,
		venue: row?.venue ?? '',
		onlineLink: row?.onlineLink ?? '',
		retired: Boolean(row?.retiredAt)
	};
}

/**
 * The confidentiality statement read at a community's meetings: its own, or the council's
 * (CONFIDENTIALITY_STATEMENT). Agreeing it outside a meeting, for a case, is agreeing the one read
 * where the case's gate opened.
 */
export async function confidentialityStatementOf(
	db: DB,
	where: { communityId: number } | { meetingId: number }
): Promise<string> {
	const row =
		'communityId' in where
			? await db
					.selectFrom('community')
					.select('confidentiality_statement as statement')
					.where('id', '=', where.communityId)
					.executeTakeFirst()
			: await db
					.selectFrom('meeting')
					.innerJoin('community', 'community.id', 'meeting.community_id')
					.select('community.confidentiality_statement as statement')
					.where('meeting.id', '=', where.meetingId)
					.executeTakeFirst();
	return row?.statement ?? config.confidentialityStatement;
}
