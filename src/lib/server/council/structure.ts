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

type Place = 'locality' | 'community' | 'agency';
const A_PLACE: Record<Place, string> = {
	locality: 'a locality',
	community: 'a community',
	agency: 'an agency'
};

/** Adds a locality, community or agency whose name is not taken, audited as `<place>.added`. */
async function addPlace(
	db: DB,
	place: Place,
	columns: { name: string } & Record<string, unknown>,
	actor: Actor
): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		if (await nameTaken(trx, place, columns.name)) return duplicate(A_PLACE[place], columns.name);
		const { id } = await trx
			.insertInto(place)
			.values(columns as never)
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(trx, actor, `${place}.added`, place, id, columns);
		return { ok: true, id };
	});
}

/**
 * Saves a locality, community or agency; the audit entry lists each column that changed, from
 * what to what (`action` names it from what changed). Nothing changed: nothing written.
 */
async function updatePlace(
	db: DB,
	place: Place,
	id: number,
	columns: { name: string } & Record<string, unknown>,
	actor: Actor,
	action: (changed: Record<string, unknown>) => string
): Promise<Saved> {
	return db.transaction().execute(async (trx) => {
		const before = (await trx
			.selectFrom(place)
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst()) as Record<string, unknown> | undefined;
		if (!before) return { ok: false, errors: { name: `That ${place} no longer exists` } };
		if (await nameTaken(trx, place, columns.name, id))
			return duplicate(A_PLACE[place], columns.name);
		const changed = Object.fromEntries(
			Object.entries(columns)
				.filter(([column, value]) => before[column] !== value)
				.map(([column, value]) => [column, { from: before[column], to: value }])
		);
		if (Object.keys(changed).length === 0) return { ok: true, id };
		await trx
			.updateTable(place)
			.set(columns as never)
			.where('id', '=', id)
			.execute();
		await audit(trx, actor, action(changed), place, id, changed);
		return { ok: true, id };
	});
}

export function addLocality(db: DB, name: string, actor: Actor): Promise<Saved> {
	return addPlace(db, 'locality', { name }, actor);
}

export function renameLocality(db: DB, id: number, name: string, actor: Actor): Promise<Saved> {
	return updatePlace(db, 'locality', id, { name }, actor, () => 'locality.renamed');
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

export function addCommunity(db: DB, settings: CommunitySettings, actor: Actor): Promise<Saved> {
	return addPlace(db, 'community', communityColumns(settings), actor);
}

/** Saves a community's name, locality and settings: `community.moved` when its locality changed. */
export function updateCommunity(
	db: DB,
	id: number,
	settings: CommunitySettings,
	actor: Actor
): Promise<Saved> {
	return updatePlace(db, 'community', id, communityColumns(settings), actor, (changed) =>
		'locality_id' in changed ? 'community.moved' : 'community.updated'
	);
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

export function addAgency(db: DB, details: AgencyDetails, actor: Actor): Promise<Saved> {
	return addPlace(db, 'agency', agencyColumns(details), actor);
}

export function updateAgency(
	db: DB,
	id: number,
	details: AgencyDetails,
	actor: Actor
): Promise<Saved> {
	return updatePlace(db, 'agency', id, agencyColumns(details), actor, () => 'agency.updated');
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
