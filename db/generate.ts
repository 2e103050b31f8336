import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { addDays, format, nextTuesday } from 'date-fns';
import type { OpenDatabase } from '../src/lib/server/platform/db';
import type { AgendaPart, NeedDomain } from '../src/lib/server/platform/schema';
import { hashPassword } from '../src/lib/server/auth/password';
import { communityCode, initialsOf, levelsOfNeed } from '../src/lib/server/agenda/new-caf-rules';
import { meetingSeries, oneYearAfter, subtractWorkingDays } from '../src/lib/calendar/working-days';
import { DEMO_PASSWORD, seedDemo } from './seed';
import {
	AfterMeeting,
	prepareHistory,
	type CommunityHistory,
	type Item,
	type OpenCase,
	type Person,
	type Roster
} from './generate-history';
import {
	daysToIso,
	int,
	isoToDays,
	mulberry32,
	pick,
	shift,
	stampOn,
	words,
	type Random
} from './generate-util';
import { AGE_BANDS, WAYS_IN } from '../src/lib/domain/family';

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
 *   that happened in and after the meeting (generate-history.ts): times, register, consent gate,
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
	added: { communities: number; users: number; meetings: number; items: number; cases: number };
}

export const NATIONAL_COUNCILS = 150;
const COMMUNITIES_PER_COUNCIL = 8;
const MEMBERS_PER_COMMUNITY = 3;
const WEEKS_APART = 6;
const MEETING_MINUTES = 120;

export { mulberry32 };

// Common, generic names: combined at random they describe nobody in particular.
const GIRLS = words(
	`Amelia Olivia Isla Ava Mia Ivy Lily Freya Grace Ella Evie Poppy Ruby Sophie Chloe Holly Millie Daisy Erin Katie`
);
const BOYS = words(
	`Oliver George Noah Leo Harry Jack Charlie Alfie Oscar Archie Henry Theo Jacob Finley Logan Riley Mason Kai Tyler Ethan`
);
const WOMEN = words(
	`Sarah Emma Laura Rachel Kelly Gemma Nicola Claire Joanne Hannah Amy Stacey Leanne Natalie Vicky Zoe`
);
const MEN = words(
	`Daniel James Craig Lee Darren Paul Mark Jamie Ryan Wayne Stuart Dean Carl Adam Scott Gary`
);
const OLDER = words(`Susan Linda Carol Pauline Brian Keith Graham Trevor`);
const SURNAMES = words(
	`Smith Jones Taylor Brown Walker Wood Wright Green Hall Turner Harris Clarke Cooper Hill Ward Morris Baker Parker Bennett Cook Kelly Mason Shaw Bailey Holmes Marshall Fox Hughes Carter Webb`
);

// Invented places: 40 × 30 = 1,200 distinct two-word community names.
const PLACE_FIRST = words(
	`Ashwenby Barnley Caldrow Dunmere Elsworth Farrowby Galby Hartwell Ivyholt Kelby Langmere Mardlecot Netherwold Oakhurst Pennock Quenlow Radwell Stanmere Tamsworth Upwold Vennick Wrexley Yarrow Ambleford Brackwold Corrimere Draylow Eastwold Fenby Glenholm Hollisby Inglebury Kirkwell Lowmoor Middlecot Norwenham Orlebeck Pellowby Ridlowe Sedgewold`
);
const PLACE_SECOND = words(
	`Heath Marsh Vale Green Cross Dene Bridge Moor Wood Field Hill Ford Lea Park Rise Bank Common End Gate Hollow Lane Mill Nook Pike Sands Town Water Wick Yard Edge`
);

const SETTINGS = ['Nursery', 'Primary school', 'Secondary school', 'College', 'Health visiting'];
const ADVICE_WORRIES = [
	'Attendance has dropped this term and the child seems withdrawn in class.',
	'A parent has asked for help with sleep and behaviour at bedtime.',
	'Several minor injuries this half term; explanations are plausible but the pattern worries staff.',
	'The child talks about arguments at home and is anxious at home time.',
	'The family has moved three times in a year and the child has fallen behind.',
	'The young person has been seen with older peers late in the evening.',
	'Speech and language seem behind at the two-year review.',
	'A parent appears low in mood and has missed several appointments.',
	'The child often arrives hungry and without a coat in cold weather.',
	'The young person is isolating themselves at school and has spoken about low mood.'
];
const ADVICE_ASKS = [
	'Which service is best placed to offer support?',
	'Does this meet the level of need for a CAF?',
	'How best to raise the concern with the parent.',
	'Whether a referral to family support is the right next step.',
	'What local groups could help the family.'
];
const ISSUES: [title: string, place: string, happening: string, wanted: string][] = [
	[
		'Anti-social behaviour at the play park',
		'The play park by the community centre',
		'Groups of young people gather after dark; residents report litter and damage.',
		'A joined-up response from police, youth service and housing.'
	],
	[
		'Food poverty in the school holidays',
		'Across the community',
		'Schools see more children arriving hungry after holidays; food bank use is up.',
		'Holiday activities and food provision mapped and promoted.'
	],
	[
		'Vaping among year 8 pupils',
		'The secondary school and nearby shops',
		'Staff confiscate vapes daily; some shops may be selling to under-18s.',
		'Trading standards and school nursing to plan a joint approach.'
	],
	[
		'Families in temporary accommodation',
		'Bed and breakfast placements in the town centre',
		'Families with young children placed far from school and support.',
		'Housing to share numbers so schools and health visitors can follow up.'
	],
	[
		'Bus route withdrawn',
		'The outlying villages',
		'Families without cars cannot reach the children’s centre or appointments.',
		'Outreach sessions in village halls until transport is sorted.'
	],
	[
		'More domestic abuse notifications',
		'Across the community',
		'Police notifications to schools have risen this quarter.',
		'Awareness sessions for staff and a clear route to specialist support.'
	],
	[
		'Long waits for speech and language therapy',
		'Early years settings',
		'Children are waiting over six months for assessment.',
		'Interim advice for settings and parents while children wait.'
	]
];
const NEEDS: Record<NeedDomain, string[]> = {
	development: [
		'Speech and language delay',
		'Poor school attendance',
		'Low mood and anxiety',
		'Behaviour that challenges at home and school',
		'Toileting difficulties',
		'Possible additional learning needs, not yet assessed',
		'Emotional wellbeing after a bereavement'
	],
	parenting: [
		'Support with routines and boundaries',
		'Struggling to manage the child’s behaviour',
		'Parent’s own mental health affecting care',
		'Inconsistent supervision',
		'Isolated, with little support'
	],
	'family-environment': [
		'Rent arrears and risk of eviction',
		'Overcrowded housing',
		'Debt and low income',
		'Conflict between the parents',
		'New to the area with no support network',
		'Young carer responsibilities'
	]
};
const DOMAINS = Object.keys(NEEDS) as NeedDomain[];
const SHARED_WITH = [
	'School',
	'Health visiting',
	'GP',
	'School nursing',
	'Youth service',
	'Housing',
	'Family support',
	'Police',
	'CAMHS'
];
const FORM_LOCATIONS = [
	'Scanned to the early help case file',
	'Paper copy held by the lead practitioner',
	'Uploaded to the case management system'
];
/** Demo agencies with no place in their name: national councils' practitioners work for these. */
const GENERIC_AGENCIES = [
	'Health Visiting Service',
	'School Nursing Service',
	'Education Welfare Service',
	'Educational Psychology Service',
	'Youth Service',
	'Connexions',
	'Parenting and Family Support',
	"Children's Centres",
	'Housing Solutions',
	'Adult Services',
	'Child and Adolescent Mental Health Service'
];
const MINUTES: Record<AgendaPart, number[]> = { 1: [5], 2: [8, 10, 12], 3: [8], 4: [5, 10] };

type Statements = Record<
	| 'meeting'
	| 'submission'
	| 'advice'
	| 'issue'
	| 'familyCase'
	| 'member'
	| 'need'
	| 'consent'
	| 'newCaf'
	| 'existingReferences'
	| 'locality'
	| 'community'
	| 'user'
	| 'membership',
	Statement
>;

function prepare(sqlite: SQLiteDatabase): Statements {
	const insert = (table: string, columns: string[]) =>
		sqlite.prepare(
			`insert into "${table}" (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`
		);
	return {
		meeting: insert('meeting', [
			'community_id',
			'date',
			'start_time',
			'length_minutes',
			'venue',
			'online_link',
			'submission_deadline',
			'status',
			'created_by',
			'created_at',
			'started_at',
			'concluded_at'
		]),
		submission: insert('submission', [
			'meeting_id',
			'part',
			'submitted_by',
			'agency_id',
			'status',
			'late',
			'position',
			'minutes',
			'decline_reason',
			'created_at',
			'updated_at'
		]),
		advice: insert('advice_request', [
			'submission_id',
			'age_band',
			'setting',
			'worry',
			'asked_for'
		]),
		issue: insert('community_issue', ['submission_id', 'title', 'place', 'happening', 'wanted']),
		familyCase: insert('family_case', [
			'reference',
			'community_id',
			'initials',
			'created_by',
			'created_at'
		]),
		member: insert('family_member', [
			'case_id',
			'name',
			'date_of_birth',
			'relationship',
			'setting',
			'is_child'
		]),
		need: insert('need', ['case_id', 'family_member_id', 'description', 'domain']),
		consent: insert('consent', [
			'case_id',
			'given_by',
			'young_person',
			'signed_on',
			'covers_mag',
			'shared_with',
			'form_location',
			'withdrawn_on',
			'recorded_by',
			'recorded_at'
		]),
		newCaf: insert('new_caf', [
			'submission_id',
			'case_id',
			'consent_id',
			'caf_date',
			'way_in',
			'level_of_need'
		]),
		existingReferences: sqlite.prepare('select reference from family_case'),
		locality: insert('locality', ['name']),
		community: insert('community', ['locality_id', 'name']),
		user: insert('user', [
			'email',
			'name',
			'job_title',
			'agency_id',
			'is_administrator',
			'password_hash',
			'created_at'
		]),
		membership: insert('community_membership', ['user_id', 'community_id', 'role'])
	};
}

const idOf = (result: { lastInsertRowid: number | bigint }) => Number(result.lastInsertRowid);

/** Everything one run shares: statements, the PRNG, case numbering and caches. */
class Writer {
	private readonly deadlines = new Map<string, string>();
	/** Next case number by reference prefix ("BRO-2023-"), as createNewCaf numbers them. */
	private readonly nextNumber = new Map<string, number>();
	private readonly levels = levelsOfNeed();
	readonly after: AfterMeeting;
	readonly added = { communities: 0, users: 0, meetings: 0, items: 0, cases: 0 };

	constructor(
		readonly s: Statements,
		readonly rng: Random,
		readonly createdAt: string,
		sqlite: SQLiteDatabase,
		today: string
	) {
		this.after = new AfterMeeting(prepareHistory(sqlite), rng, today, this.levels);
		// Cases already in the database (e.g. items on the demo's next meeting) keep their numbers.
		const references = s.existingReferences.all() as { reference: string }[];
		for (const { reference } of references) {
			const prefix = reference.slice(0, reference.lastIndexOf('-') + 1);
			const next = Number(reference.slice(prefix.length)) + 1;
			if (next > (this.nextNumber.get(prefix) ?? 1)) this.nextNumber.set(prefix, next);
		}
	}

	deadline(date: string): string {
		let deadline = this.deadlines.get(date);
		if (!deadline) {
			deadline = subtractWorkingDays(date, 5);
			this.deadlines.set(date, deadline);
		}
		return deadline;
	}

	meeting(
		community: Roster,
		date: string,
		status: string,
		createdAt: string,
		times: { startedAt: number; concludedAt: number } | null = null
	): number {
		this.added.meetings += 1;
		return idOf(
			this.s.meeting.run(
				community.id,
				date,
				'09:30',
				MEETING_MINUTES,
				`${community.name} Children's Centre`,
				null,
				this.deadline(date),
				status,
				community.chair.id,
				createdAt,
				times && new Date(times.startedAt).toISOString(),
				times && new Date(times.concludedAt).toISOString()
			)
		);
	}

	/**
	 * Six-weekly concluded meetings from `from` up to the one six weeks before the anchor, with what
	 * happened in and after each. All the meetings are written first: an outcome names the meeting
	 * of the next review.
	 */
	history(community: Roster, from: string) {
		const dates: string[] = [];
		let date = shift(community.anchor, -7 * WEEKS_APART);
		while (date >= from) {
			dates.push(date);
			date = shift(date, -7 * WEEKS_APART);
		}
		const history = this.after.start(community);
		for (const date of dates.reverse()) {
			const times = this.after.times(date, MEETING_MINUTES);
			const id = this.meeting(
				community,
				date,
				'concluded',
				`${shift(date, -90)}T09:00:00.000Z`,
				times
			);
			history.meetings.push({ id, date, ...times });
		}
		for (const [index, meeting] of history.meetings.entries()) {
			const items = this.items(community, history, index, meeting.id, meeting.date);
			this.after.meeting(community, history, index, items);
		}
		this.after.finish(history);
	}

	private reference(communityName: string, year: string): string {
		const prefix = `${communityCode(communityName)}-${year}-`;
		const next = this.nextNumber.get(prefix) ?? 1;
		this.nextNumber.set(prefix, next + 1);
		return `${prefix}${String(next).padStart(3, '0')}`;
	}

	/**
	 * The accepted items: ≈2 advice requests, new CAFs (≈3–4, ≈7 in the busy community), the reviews
	 * due (each brought by the case's lead professional) and ≈2 community issues. Family items come
	 * to about 12–17 a meeting once reviews are running.
	 */
	private items(
		community: Roster,
		history: CommunityHistory,
		index: number,
		meetingId: number,
		date: string
	): Item[] {
		const { rng, s } = this;
		const deadline = this.deadline(date);
		const accepted = `${shift(deadline, 1)}T10:00:00.000Z`;
		const reviews = this.after.dueAt(history, index);
		const counts: [AgendaPart, number][] = [
			[1, int(rng, 1, 4)],
			[2, community.busy ? int(rng, 6, 8) : int(rng, 2, 5)],
			[3, reviews.length],
			[4, int(rng, 1, 3)]
		];
		const items: Item[] = [];
		for (const [part, count] of counts) {
			for (let position = 1; position <= count; position++) {
				const review = part === 3 ? reviews[position - 1]! : null;
				const submitter = review ? review.lead : pick(rng, community.members);
				// About 1 item in 25 was submitted for the meeting before and deferred to this one.
				const deferred = index > 0 && rng() < 0.04;
				const late = !deferred && rng() < 0.05;
				const day = deferred
					? shift(deadline, -7 * WEEKS_APART - int(rng, 0, 20))
					: late
						? shift(deadline, int(rng, 1, Math.max(1, isoToDays(date) - isoToDays(deadline) - 1)))
						: shift(deadline, -int(rng, 0, 20));
				const stamp = stampOn(day, rng);
				const caf = part === 2 ? this.family(community, submitter, date, day, stamp) : null;
				const submissionId = idOf(
					s.submission.run(
						meetingId,
						part,
						submitter.id,
						submitter.agencyId,
						'accepted',
						late ? 1 : 0,
						position,
						pick(rng, MINUTES[part]),
						null,
						stamp,
						accepted < stamp ? stamp : accepted
					)
				);
				this.added.items += 1;
				if (part === 1)
					s.advice.run(
						submissionId,
						pick(rng, AGE_BANDS),
						pick(rng, SETTINGS),
						pick(rng, ADVICE_WORRIES),
						pick(rng, ADVICE_ASKS)
					);
				else if (part === 4) s.issue.run(submissionId, ...pick(rng, ISSUES));
				else if (caf)
					s.newCaf.run(
						submissionId,
						caf.familyCase.caseId,
						caf.familyCase.consentId,
						caf.cafDate,
						rng() < 0.6 ? WAYS_IN[0] : pick(rng, WAYS_IN),
						this.levels[caf.familyCase.level]
					);
				items.push({
					submissionId,
					part,
					submitter,
					familyCase: caf?.familyCase ?? review,
					deferred
				});
			}
		}
		return items;
	}

	/** The rows createNewCaf writes before the submission: case, family, needs and consent. */
	private family(
		community: Roster,
		submitter: Person,
		meeting: string,
		day: string,
		stamp: string
	) {
		const { rng, s } = this;
		const surname = pick(rng, SURNAMES);
		const meetingDay = isoToDays(meeting);
		const children = Array.from({ length: rng() < 0.5 ? 1 : int(rng, 2, 3) }, () => {
			const ageDays = int(rng, 30, 17 * 365 + 300);
			const girl = rng() < 0.5;
			const age = Math.floor(ageDays / 365.25);
			return {
				name: `${pick(rng, girl ? GIRLS : BOYS)} ${surname}`,
				dob: daysToIso(meetingDay - ageDays),
				relationship: age >= 13 ? 'Young person' : 'Child',
				setting:
					age < 3
						? 'At home'
						: age < 5
							? 'Nursery'
							: age < 11
								? 'Primary school'
								: age < 16
									? 'Secondary school'
									: 'College',
				isChild: 1,
				age
			};
		}).sort((a, b) => b.age - a.age);
		const eldest = isoToDays(children[0]!.dob);
		const adult = (relationship: string, names: string[], from: number, to: number) => ({
			name: `${pick(rng, names)} ${rng() < 0.8 ? surname : pick(rng, SURNAMES)}`,
			dob: daysToIso(eldest - int(rng, from * 365, to * 365)),
			relationship,
			setting: null,
			isChild: 0,
			age: 0
		});
		const adults = [
			...(rng() < 0.9 ? [adult('Mother', WOMEN, 17, 38)] : [adult('Carer', WOMEN, 17, 45)]),
			...(rng() < 0.45 ? [adult('Father', MEN, 18, 42)] : []),
			...(rng() < 0.1 ? [adult('Grandparent', OLDER, 38, 55)] : [])
		];
		const reference = this.reference(community.name, meeting.slice(0, 4));
		const caseId = idOf(
			s.familyCase.run(reference, community.id, initialsOf(children[0]!.name), submitter.id, stamp)
		);
		this.added.cases += 1;
		const childIds: number[] = [];
		const adultIds: number[] = [];
		for (const person of [...children, ...adults]) {
			const id = idOf(
				s.member.run(
					caseId,
					person.name,
					person.dob,
					person.relationship,
					person.setting,
					person.isChild
				)
			);
			(person.isChild ? childIds : adultIds).push(id);
		}
		const needIds: number[] = [];
		for (let n = int(rng, 1, 3); n > 0; n--) {
			const domain = pick(rng, DOMAINS);
			const who =
				domain === 'development' || adultIds.length === 0
					? pick(rng, childIds)
					: pick(rng, adultIds);
			needIds.push(idOf(s.need.run(caseId, who, pick(rng, NEEDS[domain]), domain)));
		}
		const signedOn = shift(day, -int(rng, 0, 300));
		const cafDate = shift(
			signedOn,
			Math.min(int(rng, 0, 14), isoToDays(day) - isoToDays(signedOn))
		);
		const shared = SHARED_WITH.filter(() => rng() < 0.35);
		const consent = {
			givenBy: adults.map((a) => a.name).join(' and '),
			youngPerson: children[0]!.age >= 12 ? 'yes' : 'not-of-age',
			sharedWith: (shared.length ? shared : ['School', 'Health visiting']).join(', '),
			formLocation: pick(rng, FORM_LOCATIONS)
		};
		const consentId = idOf(
			s.consent.run(
				caseId,
				consent.givenBy,
				consent.youngPerson,
				signedOn,
				1,
				consent.sharedWith,
				consent.formLocation,
				null,
				submitter.id,
				stamp
			)
		);
		// The lead professional agreed at the meeting: usually the practitioner who brought it.
		const lead = rng() < 0.7 ? submitter : pick(rng, community.members);
		const familyCase: OpenCase = {
			caseId,
			lead,
			needIds,
			consentId,
			consentSignedOn: signedOn,
			consent,
			level: this.after.cafLevel(),
			...this.after.fate()
		};
		return { familyCase, cafDate };
	}
}

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

/** The demo agency that attends and delivers poorly, so the reports have something to show. */
const DEMO_POOR_AGENCY = 'Housing Solutions';
/** The demo community with more families than it can comfortably discuss (docs/domain.md's worry). */
const DEMO_BUSY_COMMUNITY = 'Hereford South City';

/** The demo communities, their chair, coordinator, members (who submit items) and first seeded meeting. */
function demoRosters(sqlite: SQLiteDatabase, fallbackAnchor: string): Roster[] {
	const communities = sqlite
		.prepare(
			`select c.id, c.name, min(m.date) as anchor from community c
			left join meeting m on m.community_id = c.id group by c.id order by c.id`
		)
		.all() as { id: number; name: string; anchor: string | null }[];
	const roles = sqlite
		.prepare(
			`select cm.community_id, cm.user_id, cm.role, u.name, u.agency_id, a.name as agency
			from community_membership cm join user u on u.id = cm.user_id
			left join agency a on a.id = u.agency_id order by cm.community_id, cm.user_id`
		)
		.all() as {
		community_id: number;
		user_id: number;
		role: string;
		name: string;
		agency_id: number | null;
		agency: string | null;
	}[];
	const person = (r: (typeof roles)[number]): Person => ({
		id: r.user_id,
		name: r.name,
		agency: r.agency,
		agencyId: r.agency_id,
		poor: r.agency === DEMO_POOR_AGENCY
	});
	return communities.flatMap((c) => {
		const mine = roles.filter((r) => r.community_id === c.id);
		const chair = mine.find((r) => r.role === 'chair');
		if (!chair) return [];
		const coordinator = mine.find((r) => r.role === 'coordinator');
		const members = mine.filter((r) => r.role === 'member');
		return [
			{
				id: c.id,
				name: c.name,
				chair: person(chair),
				coordinator: coordinator ? person(coordinator) : null,
				members: (members.length ? members : [chair]).map(person),
				anchor: c.anchor ?? fallbackAnchor,
				busy: c.name === DEMO_BUSY_COMMUNITY
			}
		];
	});
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
	const firstFuture = format(nextTuesday(addDays(now, 14)), 'yyyy-MM-dd');
	const writer = new Writer(prepare(sqlite), mulberry32(seed), now.toISOString(), sqlite, today);
	sqlite.transaction(() => {
		for (const community of demoRosters(sqlite, firstFuture)) writer.history(community, from);
	})();

	if (scale === 'national') {
		const passwordHash = await hashPassword(DEMO_PASSWORD);
		const agencyIds = new Map(
			(sqlite.prepare('select id, name from agency').all() as { id: number; name: string }[]).map(
				(a) => [a.name, a.id]
			)
		);
		const cafTeam = { id: agencyIds.get('CAF Team') ?? null, name: 'CAF Team' };
		// A bigger page cache while writing keeps the growing indexes in memory (default: 2 MB).
		const cacheSize = sqlite.pragma('cache_size', { simple: true });
		sqlite.pragma('cache_size = -262144');
		const generic = GENERIC_AGENCIES.map((name) => ({ id: agencyIds.get(name) ?? null, name }));
		const councils = options.councils ?? NATIONAL_COUNCILS;
		try {
			for (let council = 1; council <= councils; council++) {
				sqlite.transaction(() =>
					nationalCouncil(writer, council, { passwordHash, cafTeam, generic, firstFuture, from })
				)();
				if (council % 10 === 0) onProgress?.(`${council} of ${councils} councils written`);
			}
		} finally {
			sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
		}
	}
	result.added = writer.added;
	return result;
}

/** One fictional council: two localities of four communities, its people, a year of future meetings and the history. */
function nationalCouncil(
	writer: Writer,
	council: number,
	context: {
		passwordHash: string;
		cafTeam: { id: number | null; name: string };
		generic: { id: number | null; name: string }[];
		firstFuture: string;
		from: string;
	}
) {
	const { s, rng, createdAt } = writer;
	const tag = `c${String(council).padStart(3, '0')}`;
	const councilName = `Council ${String(council).padStart(3, '0')}`;
	// One agency in each council rarely comes to its meetings and delivers worse.
	const poorAgency = pick(rng, context.generic).name;
	const person = (
		email: string,
		jobTitle: string,
		agency: { id: number | null; name: string }
	): Person => {
		const name = `${pick(rng, rng() < 0.5 ? WOMEN : MEN)} ${pick(rng, SURNAMES)}`;
		writer.added.users += 1;
		const id = idOf(
			s.user.run(email, name, jobTitle, agency.id, 0, context.passwordHash, createdAt)
		);
		return {
			id,
			name,
			agency: agency.id === null ? null : agency.name,
			agencyId: agency.id,
			poor: agency.name === poorAgency
		};
	};
	for (const [half, locality] of ['North', 'South'].entries()) {
		const localityId = idOf(s.locality.run(`${councilName} ${locality}`));
		const lower = locality.toLowerCase();
		const chair = person(
			`${tag}.chair.${lower}@mag.example`,
			`Head of Locality (${locality})`,
			context.cafTeam
		);
		const coordinator = person(
			`${tag}.coordinator.${lower}@mag.example`,
			'MAG coordinator',
			context.cafTeam
		);
		for (let k = 0; k < COMMUNITIES_PER_COUNCIL / 2; k++) {
			const index =
				(council - 1) * COMMUNITIES_PER_COUNCIL + half * (COMMUNITIES_PER_COUNCIL / 2) + k;
			const name = `${PLACE_FIRST[index % PLACE_FIRST.length]} ${PLACE_SECOND[Math.floor(index / PLACE_FIRST.length) % PLACE_SECOND.length]}`;
			const communityId = idOf(s.community.run(localityId, name));
			writer.added.communities += 1;
			s.membership.run(chair.id, communityId, 'chair');
			s.membership.run(coordinator.id, communityId, 'coordinator');
			const members = Array.from({ length: MEMBERS_PER_COMMUNITY }, (_, m) => {
				const member = person(
					`${tag}.${lower}${k + 1}.member${m + 1}@mag.example`,
					'Practitioner',
					pick(rng, context.generic)
				);
				s.membership.run(member.id, communityId, 'member');
				return member;
			});
			// Communities meet on different weeks of the cycle and different weekdays (Tue to Thu).
			const anchor = shift(context.firstFuture, 7 * int(rng, 0, WEEKS_APART - 1) + int(rng, 0, 2));
			const roster: Roster = {
				id: communityId,
				name,
				chair,
				coordinator,
				members,
				anchor,
				busy: false
			};
			const until = oneYearAfter(anchor);
			const future = meetingSeries(anchor, WEEKS_APART, until).filter((d) => d < until);
			for (const [n, date] of future.entries())
				writer.meeting(roster, date, n === 0 ? 'agenda-open' : 'scheduled', createdAt);
			writer.history(roster, context.from);
		}
	}
}
