import type { DB } from '../platform/db';
import { textField, type FieldErrors } from '../http/forms';
import { sharingWords } from '$lib/domain/family';

/**
 * Who the family agreed may know about them (docs/domain.md, "Consent that says who may know"),
 * asked with a new CAF and at each renewal: every agency at this MAG, or only the agencies named;
 * and whether partners may check their own records before the meeting. The policy
 * (`consentCovers`) reads it; nothing else decides who is covered.
 */
export interface ConsentSharing {
	/** 'all', or the ids of the agencies named. */
	agencies: 'all' | number[];
	partnerChecks: boolean;
}

/** What a consent on file says of who may know, with the agencies' names. */
export interface SharingOnFile {
	allAgencies: boolean;
	agencies: { id: number; name: string }[];
	partnerChecks: boolean;
	/** In words: "All agencies at this MAG", or the agencies' names. */
	words: string;
}

const chosenIds = (form: FormData) => [
	...new Set(
		form
			.getAll('agencies')
			.map(Number)
			.filter((id) => Number.isInteger(id) && id > 0)
	)
];

/** The sharing fields as typed, to show again: the ticked agencies' ids joined by commas. */
export function sharingValues(form: FormData): Record<string, string> {
	return {
		sharesWith: textField(form, 'sharesWith'),
		agencies: chosenIds(form).join(','),
		partnerChecks: textField(form, 'partnerChecks')
	};
}

/** Reads the sharing fields: a message by each field left unanswered. */
export function readSharing(form: FormData): {
	errors: FieldErrors;
	sharing: ConsentSharing | null;
} {
	const errors: FieldErrors = {};
	const choice = textField(form, 'sharesWith');
	const ids = chosenIds(form);
	if (choice !== 'all' && choice !== 'chosen')
		errors.sharesWith = 'Choose who the family agreed may know about them';
	else if (choice === 'chosen' && ids.length === 0)
		errors.agencies =
			'Choose the agencies the family agreed may know, or choose all agencies at this MAG';
	const partner = textField(form, 'partnerChecks');
	if (partner !== 'yes' && partner !== 'no')
		errors.partnerChecks =
			'Say whether the family agreed partners may check their own records before the meeting';
	if (Object.keys(errors).length > 0) return { errors, sharing: null };
	return {
		errors,
		sharing: { agencies: choice === 'all' ? 'all' : ids, partnerChecks: partner === 'yes' }
	};
}

/**
 * The consent row's own columns for who may know, written with the row. The words for named
 * agencies wait for `saveSharing`, which knows the agencies' names.
 */
export function sharingColumns(sharing: ConsentSharing) {
	return {
		shares_with_all: sharing.agencies === 'all' ? 1 : 0,
		partner_checks: sharing.partnerChecks ? 1 : 0,
		shared_with: sharing.agencies === 'all' ? sharingWords('all') : ''
	};
}

/**
 * Records who may know for a consent just written (in the caller's transaction): the agencies
 * named (only agencies the council has and has not retired: an id it does not know names no one),
 * and the words kept with the consent as it read when recorded.
 */
export async function saveSharing(
	db: DB,
	consentId: number,
	sharing: ConsentSharing
): Promise<void> {
	await db.deleteFrom('consent_agency').where('consent_id', '=', consentId).execute();
	const named =
		sharing.agencies === 'all' || sharing.agencies.length === 0
			? []
			: await db
					.selectFrom('agency')
					.select(['id', 'name'])
					.where('id', 'in', sharing.agencies)
					.where('retired_at', 'is', null)
					.orderBy('name')
					.execute();
	if (named.length > 0)
		await db
			.insertInto('consent_agency')
			.values(named.map((a) => ({ consent_id: consentId, agency_id: a.id })))
			.execute();
	await db
		.updateTable('consent')
		.set({
			...sharingColumns(sharing),
			shared_with: sharingWords(sharing.agencies === 'all' ? 'all' : named.map((a) => a.name))
		})
		.where('id', '=', consentId)
		.execute();
}

/** What each of these consents says of who may know. */
export async function sharingOf(db: DB, consentIds: number[]): Promise<Map<number, SharingOnFile>> {
	const found = new Map<number, SharingOnFile>();
	if (consentIds.length === 0) return found;
	const consents = await db
		.selectFrom('consent')
		.select(['id', 'shares_with_all', 'partner_checks', 'shared_with'])
		.where('id', 'in', consentIds)
		.execute();
	const named = await db
		.selectFrom('consent_agency')
		.innerJoin('agency', 'agency.id', 'consent_agency.agency_id')
		.select(['consent_agency.consent_id as consentId', 'agency.id', 'agency.name'])
		.where('consent_agency.consent_id', 'in', consentIds)
		.orderBy('agency.name')
		.execute();
	for (const consent of consents)
		found.set(consent.id, {
			allAgencies: consent.shares_with_all === 1,
			agencies: named
				.filter((a) => a.consentId === consent.id)
				.map(({ id, name }) => ({ id, name })),
			partnerChecks: consent.partner_checks === 1,
			words: consent.shared_with
		});
	return found;
}

/**
 * Whether a consent covers this person's agency: it covers all agencies at the MAG, or names
 * theirs. Someone with no agency is covered only by a consent for all. No consent covers no one.
 */
export async function consentCoversAgency(
	db: DB,
	consentId: number | null,
	userId: number
): Promise<boolean> {
	if (consentId === null) return false;
	const row = await db
		.selectFrom('consent')
		.innerJoin('user', (join) => join.on('user.id', '=', userId))
		.leftJoin('consent_agency', (join) =>
			join
				.onRef('consent_agency.consent_id', '=', 'consent.id')
				.onRef('consent_agency.agency_id', '=', 'user.agency_id')
		)
		.select(['consent.shares_with_all as all', 'consent_agency.agency_id as named'])
		.where('consent.id', '=', consentId)
		.executeTakeFirst();
	return row !== undefined && (row.all === 1 || row.named !== null);
}

/** Whether a consent covers every agency at the MAG (what a shared screen may show depends on it). */
export async function consentCoversAll(db: DB, consentId: number | null): Promise<boolean> {
	if (consentId === null) return false;
	const row = await db
		.selectFrom('consent')
		.select('shares_with_all')
		.where('id', '=', consentId)
		.executeTakeFirst();
	return row?.shares_with_all === 1;
}
