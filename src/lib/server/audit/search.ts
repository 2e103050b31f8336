import { TZDate } from '@date-fns/tz';
import { sql, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../platform/db';
import type { Database } from '../platform/schema';
import { PAGE_SIZE, pagedRows, pageWindow, type Paged } from '../http/paging';

/**
 * Searching the audit log, for administrators and the data protection officer. The log holds
 * references, reasons and staff, never a family's names: nothing here reads family data.
 */

export interface AuditFilters {
	/** Part of the name or email address of whoever did it (or tried to sign in as). */
	person?: string;
	/** A family case reference, as an entry's record or in its detail. */
	caseReference?: string;
	/** One action exactly, e.g. `family.viewed`, or every action of a kind: `family.*`. */
	action?: string;
	/** UTC instants: from (inclusive) and until (exclusive). See `ukDayBounds`. */
	from?: string;
	until?: string;
}

export interface AuditRow {
	id: number;
	at: string;
	actorName: string | null;
	actorEmail: string | null;
	action: string;
	recordType: string | null;
	recordId: string | null;
	ip: string | null;
	detail: string | null;
}

/** The UTC instant at which a UK calendar day (YYYY-MM-DD) begins, British Summer Time or not. */
export function startOfUkDay(date: string): string {
	const [year, month, day] = date.split('-').map(Number);
	const start = new TZDate(year!, month! - 1, day!, 'Europe/London');
	return new Date(start.getTime()).toISOString();
}

function nextDay(date: string): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** "From 29 March to 30 March" in UK days, as UTC bounds: the whole of the last day is included. */
export function ukDayBounds(fromDate?: string, toDate?: string): { from?: string; until?: string } {
	return {
		...(fromDate ? { from: startOfUkDay(fromDate) } : {}),
		...(toDate ? { until: startOfUkDay(nextDay(toDate)) } : {})
	};
}

export function normaliseReference(reference: string): string {
	return reference.trim().toUpperCase();
}

function likePattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type AuditQuery = ExpressionBuilder<Database, 'audit_log' | 'user'>;

/** An entry about the case: recorded against it, or naming it in its detail (a submission). */
function aboutCase(eb: AuditQuery, reference: string) {
	return eb.or([
		eb.and([
			eb('audit_log.record_type', '=', 'family_case'),
			eb('audit_log.record_id', '=', reference)
		]),
		eb(sql<number>`instr(audit_log.detail, ${JSON.stringify(reference)})`, '>', 0)
	]);
}

function baseQuery(db: DB) {
	return db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.actor_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'user.name as actorName',
			'user.email as actorEmail',
			'audit_log.action',
			'audit_log.record_type as recordType',
			'audit_log.record_id as recordId',
			'audit_log.ip',
			'audit_log.detail'
		]);
}

/**
 * Newest first, 50 entries a page, with how many match in all ("Showing 51–100 of 2,417"). An
 * older address's `before` (the keyset it used to page by) still narrows to the entries before it.
 */
export async function searchAudit(
	db: DB,
	filters: AuditFilters = {},
	page: { page?: number; beforeId?: number; limit?: number } = {}
): Promise<Paged<AuditRow>> {
	let query = baseQuery(db);
	if (page.beforeId !== undefined) query = query.where('audit_log.id', '<', page.beforeId);
	const person = filters.person?.trim();
	if (person) {
		const pattern = likePattern(person);
		const matches = (column: RawBuilder<unknown>) =>
			sql<SqlBool>`${column} like ${pattern} escape '\\'`;
		query = query.where((eb) =>
			eb.or([
				matches(sql.ref('user.name')),
				matches(sql.ref('user.email')),
				// A failed sign-in has no one behind it yet: it names the account tried, found by the
				// address typed or by the name of the person whose account it is.
				eb.and([
					eb('audit_log.actor_id', 'is', null),
					eb.or([
						matches(sql`json_extract(audit_log.detail, '$.email')`),
						sql<SqlBool>`json_extract(audit_log.detail, '$.email') in
							(select named.email from user as named where ${matches(sql.ref('named.name'))})`
					])
				])
			])
		);
	}
	const reference = filters.caseReference ? normaliseReference(filters.caseReference) : '';
	if (reference) query = query.where((eb) => aboutCase(eb, reference));
	const kind = filters.action?.endsWith('.*') ? filters.action.slice(0, -1) : null;
	if (kind)
		query = query.where(sql<SqlBool>`substr(audit_log.action, 1, ${kind.length}) = ${kind}`);
	else if (filters.action) query = query.where('audit_log.action', '=', filters.action);
	if (filters.from) query = query.where('audit_log.at', '>=', filters.from);
	if (filters.until) query = query.where('audit_log.at', '<', filters.until);
	const counted = await query
		.clearSelect()
		.select(sql<number>`count(*)`.as('total'))
		.executeTakeFirstOrThrow();
	const window = pageWindow(Number(counted.total), page.page ?? 1, page.limit ?? PAGE_SIZE);
	const rows: AuditRow[] = await query
		.orderBy('audit_log.id', 'desc')
		.limit(window.limit)
		.offset(window.offset)
		.execute();
	return pagedRows(window, rows);
}

/** The kinds of entry ("family", "sign-in"): the part of an action before its first full stop. */
export function auditKinds(actions: readonly string[]): string[] {
	const kinds = actions.map((action) => action.split('.')[0]!);
	return [...new Set(kinds)].filter(
		(kind) => actions.filter((a) => a.startsWith(`${kind}.`)).length > 1
	);
}

/** Every kind of entry the log holds, for the search form's list. */
export async function auditActions(db: DB): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('action')
		.distinct()
		.orderBy('action')
		.execute();
	return rows.map((row) => row.action);
}

export interface CaseHistoryRow {
	id: number;
	at: string;
	actorName: string | null;
	actorEmail: string | null;
	actorAgency: string | null;
	action: string;
	/** The action in words. */
	what: string;
	/** Why the record was read or what the check found, from the entry's detail. */
	why: string | null;
	ip: string | null;
}

const actionWords: Record<string, string> = {
	'family.viewed': 'Read the family’s details',
	'consent-gate.opened': 'Checked consent: the gate opened',
	'consent-gate.refused': 'Checked consent: the gate stayed shut',
	'submission.created': 'Brought the case to a meeting',
	'submission.updated': 'Changed the case’s item',
	'submission.withdrawn': 'Withdrew the case’s item',
	'case.exported': 'Exported everything held (subject access request)',
	'case.anonymised': 'Removed the family’s identities (retention)',
	'caf-draft.saved': 'Saved a draft CAF for a new case',
	'caf-draft.submitted': 'Brought a draft CAF to a meeting',
	'caf-draft.removed': 'Removed old draft CAFs (retention)',
	'minutes.corrected': 'Corrected the minutes of a meeting that discussed the case',
	'minutes.approved': 'Marked a meeting’s minutes approved at the next meeting'
};

/** An audit action in words, or its name when it has none. */
export function actionInWords(action: string): string {
	return actionWords[action] ?? action;
}

function whyOf(detail: string | null): string | null {
	if (!detail) return null;
	try {
		const facts = JSON.parse(detail) as { why?: unknown; reason?: unknown };
		if (typeof facts.why === 'string') return facts.why;
		if (typeof facts.reason === 'string') return facts.reason;
	} catch {
		// An entry's detail is always JSON; a damaged one is for audit:verify to report.
	}
	return null;
}

/**
 * "Who has looked at this family's record?": every read of the family's details, every consent
 * check and every change or export that names the case, newest first, on one page.
 */
export async function caseHistory(db: DB, reference: string): Promise<CaseHistoryRow[]> {
	const rows = await db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.actor_id')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'user.name as actorName',
			'user.email as actorEmail',
			'agency.name as actorAgency',
			'audit_log.action',
			'audit_log.detail',
			'audit_log.ip'
		])
		.where((eb) => aboutCase(eb, normaliseReference(reference)))
		.orderBy('audit_log.id', 'desc')
		.execute();
	return rows.map(({ detail, ...row }) => ({
		...row,
		what: actionInWords(row.action),
		why: whyOf(detail)
	}));
}
