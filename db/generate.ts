import type { Database as SQLiteDatabase } from 'better-sqlite3';
import { format } from 'date-fns';
import type { OpenDatabase } from '../src/lib/server/platform/db';
import { seedDemo } from './seed';
import { firstMeetingAfter } from './seed/meetings';
import { NATIONAL_COUNCILS, writeCouncils } from './generate/councils';
import { mulberry32 } from './generate/random';
import type { Added } from './generate/rows';
import { demoRosters } from './generate/rosters';
import { Writer } from './generate/writer';

/**
 * Realistic volume for demos and benchmarks, on top of the demo seed. Everything is fictional:
 * people's names come from short lists of common first names and surnames combined at random,
 * places are invented, and there are no addresses or NHS numbers. The same seed and the same
 * `today` give the same rows (apart from password hashes, which are salted).
 *
 * - demo: the demo seed, nothing more.
 * - county: the demo seed, plus five years of six-weekly meetings for its 8 communities, each with
 *   its accepted items (≈2 advice requests, ≈3–4 new CAFs with their family and consent, the reviews
 *   due, ≈2 community issues; Hereford South City has about twice the families) and everything
 *   that happened in and after the meeting (generate/history/): times, register, consent gate,
 *   outcomes, reviews every two meetings until a case closes, actions and their follow-up.
 * - national: the demo seed, plus 150 fictional councils of 8 communities each (1,200), each with
 *   its own chairs, coordinators and members, and ten years of meetings for every community.
 *
 * Volume is written with prepared better-sqlite3 statements in large transactions (one per
 * council): Kysely's one-await-per-row inserts would take hours at national scale.
 */
export type Scale = 'demo' | 'county' | 'national';
export const SCALES: readonly Scale[] = ['demo', 'county', 'national'];

export interface GenerateOptions {
	scale: Scale;
	/** PRNG seed; default 1. */
	seed?: number;
	/** YYYY-MM-DD; default the local date. Meetings before it are history, concluded. */
	today?: string;
	/** Years of history; default 5 for county, 10 for national. */
	years?: number;
	/** Councils at national scale; default 150. */
	councils?: number;
	/** Told of progress at national scale (one line per 10 councils). */
	onProgress?: (message: string) => void;
}

export interface GenerateResult {
	scale: Scale;
	seed: number;
	today: string;
	/** What this run added on top of the demo seed. */
	added: Added;
}

/** The tables a run fills with people, meetings and what happened at them (agencies aside). */
export const GENERATED_TABLES = [
	'locality',
	'community',
	'user',
	'community_membership',
	'meeting',
	'submission',
	'advice_request',
	'community_issue',
	'family_case',
	'family_member',
	'need',
	'consent',
	'new_caf',
	'review',
	'need_update',
	'attendance',
	'gate_check',
	'outcome',
	'case_status_change',
	'action',
	'action_update',
	'item_deferral'
] as const;

/** The date `years` before `today`, as text for comparing (29 February is harmless here). */
const yearsBefore = (today: string, years: number) =>
	`${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

function refuseIfGenerated(sqlite: SQLiteDatabase, today: string) {
	const { n } = sqlite.prepare('select count(*) as n from meeting where date < ?').get(today) as {
		n: number;
	};
	if (n > 0)
		throw new Error(
			`This database already has ${n} meeting${n === 1 ? '' : 's'} before ${today}: generated history ` +
				'goes only into a database without any. Point DATABASE_PATH at a new file and run it again.'
		);
}

export async function generate(
	database: Pick<OpenDatabase, 'db' | 'sqlite'>,
	options: GenerateOptions
): Promise<GenerateResult> {
	const { scale, seed = 1, onProgress } = options;
	if (!SCALES.includes(scale))
		throw new Error(`Unknown scale "${scale}": use ${SCALES.join(', ')}`);
	const today = options.today ?? format(new Date(), 'yyyy-MM-dd');
	const now = new Date(`${today}T12:00:00`);
	const { sqlite } = database;
	const result: GenerateResult = {
		scale,
		seed,
		today,
		added: { communities: 0, users: 0, meetings: 0, items: 0, cases: 0 }
	};
	if (scale !== 'demo') refuseIfGenerated(sqlite, today);
	// Hashing is slow: once for the demo seed, once (below) for every generated person.
	await seedDemo(database.db, now);
	if (scale === 'demo') return result;

	const years = options.years ?? (scale === 'county' ? 5 : 10);
	const from = yearsBefore(today, years);
	const firstFuture = firstMeetingAfter(now);
	const writer = new Writer(sqlite, mulberry32(seed), now.toISOString(), today);
	sqlite.transaction(() => {
		for (const community of demoRosters(sqlite, firstFuture)) writer.history(community, from);
	})();

	if (scale === 'national')
		await writeCouncils(sqlite, writer, {
			councils: options.councils ?? NATIONAL_COUNCILS,
			firstFuture,
			from,
			onProgress
		});
	result.added = writer.added;
	return result;
}
