/**
 * The council's structure, kept by its administrators: localities, the communities in them (each
 * with its MAG's settings) and the agencies that take part. Nothing with history is deleted: a
 * community or agency is retired (no new meetings or members) and stays in every report. Each
 * change is one transaction with its audit entry.
 */
import { sql } from 'kysely';
import type { DB } from '../platform/db';
import { recordAudit, type Actor } from '../audit/log';
import type { AgencyDetails, CommunitySettings } from './structure-form';

type Refused = { ok: false; errors: Record<string, string> };
type Saved = { ok: true; id: number } | Refused;

/** Meetings not yet held or cancelled: a community with any of these cannot be retired. */
export const UNFINISHED_MEETINGS = [
	'scheduled',
	'agenda-open',
	'agenda-published',
	'in-progress'
] as const;

async function nameTaken(
	db: DB,
	table: 'locality' | 'community' | 'agency',
	name: string,
	exceptId?: number
): Promise<boolean> {
	let query = db
		.selectFrom(table)
		.select('id')
		.where(sql<string>`lower(name)`, '=', name.toLowerCase());
	if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
	return (await query.executeTakeFirst()) !== undefined;
}

const duplicate = (what: string, name: string): Refused => ({
	ok: false,
	errors: { name: `There is already ${what} called ${name}: choose another name` }
});

function audit(
	db: DB,
	actor: Actor,
	action: string,
	recordType: string,
	id: number,
	detail: object
) {
	return recordAudit(db, {
		actorId: actor.id,
		action,
		recordType,
		recordId: id,
		ip: actor.ip,
		detail: detail as Record<string, unknown>
	});
}

export async function addLocality(db: DB, name: string, actor: Actor): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		if (await nameTaken(trx, 'locality', name)) return duplicate('a locality', name);
		const { id } = await trx
			.insertInto('locality')
			.values({ name })
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, actor, 'locality.added', 'locality', id, { name });
		return { ok: true, id };
	});
}

export async function renameLocality(
	db: DB,
	id: number,
	name: string,
	actor: Actor
): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('locality')
			.select('name')
			.where('id', '=', id)
			.executeTakeFirst();
		if (!before) return { ok: false, errors: { name: 'That locality no longer exists' } };
		if (await nameTaken(trx, 'locality', name, id)) return duplicate('a locality', name);
		if (before.name === name) return { ok: true, id };
		await trx.updateTable('locality').set({ name }).where('id', '=', id).execute();
		await audit(trx, actor, 'locality.renamed', 'locality', id, { from: before.name, to: name });
		return { ok: true, id };
	});
}

const communityColumns = (s: CommunitySettings) => ({
	name: s.name,
	locality_id: s.localityId,
	meeting_length_minutes: s.meetingLengthMinutes,
	every_weeks: s.everyWeeks,
	family_item_limit: s.familyItemLimit,
	deadline_working_days: s.deadlineWorkingDays,
	venue: s.venue,
	online_link: s.onlineLink,
	confidentiality_statement: s.confidentialityStatement
});

export async function addCommunity(
	db: DB,
	settings: CommunitySettings,
	actor: Actor
): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		if (await nameTaken(trx, 'community', settings.name))
			return duplicate('a community', settings.name);
		const { id } = await trx
			.insertInto('community')
			.values(communityColumns(settings))
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, actor, 'community.added', 'community', id, communityColumns(settings));
		return { ok: true, id };
	});
}

/** Saves a community's name, locality and settings; the audit entry lists what changed. */
export async function updateCommunity(
	db: DB,
	id: number,
	settings: CommunitySettings,
	actor: Actor
): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('community')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!before) return { ok: false, errors: { name: 'That community no longer exists' } };
		if (await nameTaken(trx, 'community', settings.name, id))
			return duplicate('a community', settings.name);
		const after = communityColumns(settings);
		const changed = Object.fromEntries(
			Object.entries(after)
				.filter(([column, value]) => before[column as keyof typeof before] !== value)
				.map(([column, value]) => [
					column,
					{ from: before[column as keyof typeof before], to: value }
				])
		);
		if (Object.keys(changed).length === 0) return { ok: true, id };
		await trx.updateTable('community').set(after).where('id', '=', id).execute();
		const moved = 'locality_id' in changed;
		await audit(
			trx,
			actor,
			moved ? 'community.moved' : 'community.updated',
			'community',
			id,
			changed
		);
		return { ok: true, id };
	});
}

export type RetireResult =
	{ ok: true } | { ok: false; reason: 'unfinished-meetings'; meetings: number; next: string };

/**
 * Retires a community: no new meetings or members from now on; its meetings, cases and actions
 * stay, and reports still count them. Refused while meetings are still to be held: those are
 * cancelled (or held) first, so no meeting is left without a community that runs it.
 */
export async function retireCommunity(
	db: DB,
	id: number,
	actor: Actor,
	now = new Date()
): Promise<RetireResult> {
	return db.transaction().execute(async (trx) => {
		const unfinished = await trx
			.selectFrom('meeting')
			.select([
				(eb) => eb.fn.countAll<number>().as('meetings'),
				(eb) => eb.fn.min('date').as('next')
			])
			.where('community_id', '=', id)
			.where('status', 'in', UNFINISHED_MEETINGS)
			.executeTakeFirstOrThrow();
		if (Number(unfinished.meetings) > 0)
			return {
				ok: false,
				reason: 'unfinished-meetings',
				meetings: Number(unfinished.meetings),
				next: String(unfinished.next)
			} as const;
		const result = await trx
			.updateTable('community')
			.set({ retired_at: now.toISOString() })
			.where('id', '=', id)
			.where('retired_at', 'is', null)
			.executeTakeFirst();
		if (result.numUpdatedRows > 0n)
			await audit(trx, actor, 'community.retired', 'community', id, {});
		return { ok: true } as const;
	});
}

export async function reinstateCommunity(db: DB, id: number, actor: Actor): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('community')
			.set({ retired_at: null })
			.where('id', '=', id)
			.where('retired_at', 'is not', null)
			.executeTakeFirst();
		if (result.numUpdatedRows > 0n)
			await audit(trx, actor, 'community.reinstated', 'community', id, {});
	});
}

const agencyColumns = (a: AgencyDetails) => ({
	name: a.name,
	sector: a.sector,
	agreement_signed_on: a.agreementSignedOn,
	agreement_review_due: a.agreementReviewDue,
	agreement_location: a.agreementLocation
});

export async function addAgency(db: DB, details: AgencyDetails, actor: Actor): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		if (await nameTaken(trx, 'agency', details.name)) return duplicate('an agency', details.name);
		const { id } = await trx
			.insertInto('agency')
			.values(agencyColumns(details))
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, actor, 'agency.added', 'agency', id, agencyColumns(details));
		return { ok: true, id };
	});
}

export async function updateAgency(
	db: DB,
	id: number,
	details: AgencyDetails,
	actor: Actor
): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('agency')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst();
		if (!before) return { ok: false, errors: { name: 'That agency no longer exists' } };
		if (await nameTaken(trx, 'agency', details.name, id))
			return duplicate('an agency', details.name);
		const after = agencyColumns(details);
		const changed = Object.fromEntries(
			Object.entries(after)
				.filter(([column, value]) => before[column as keyof typeof before] !== value)
				.map(([column, value]) => [
					column,
					{ from: before[column as keyof typeof before], to: value }
				])
		);
		if (Object.keys(changed).length === 0) return { ok: true, id };
		await trx.updateTable('agency').set(after).where('id', '=', id).execute();
		await audit(trx, actor, 'agency.updated', 'agency', id, changed);
		return { ok: true, id };
	});
}

/** Retires an agency: not offered for new people; its people, actions and history stay. */
export async function setAgencyRetired(
	db: DB,
	id: number,
	retired: boolean,
	actor: Actor,
	now = new Date()
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('agency')
			.set({ retired_at: retired ? now.toISOString() : null })
			.where('id', '=', id)
			.where('retired_at', retired ? 'is' : 'is not', null)
			.executeTakeFirst();
		if (result.numUpdatedRows > 0n)
			await audit(trx, actor, retired ? 'agency.retired' : 'agency.reinstated', 'agency', id, {});
	});
}
