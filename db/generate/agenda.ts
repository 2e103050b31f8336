/**
 * The accepted items on each history meeting's agenda, in the four parts (docs/domain.md: the
 * four-part agenda): advice requests, new CAFs with their family, the reviews due and community issues.
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { AgendaPart } from '../../src/lib/server/platform/schema';
import { AGE_BANDS, WAYS_IN } from '../../src/lib/domain/family';
import { MEETING_DEFAULTS } from '../../src/lib/domain/meeting';
import { isoToDays, shift, stampOn } from './days';
import type { Families, OpenCase } from './families';
import { dueAt, type CommunityHistory } from './history/community';
import type { Meetings } from './meetings';
import { int, pick, type Random } from './random';
import { idOf, insertInto, type Added } from './rows';
import type { Person, Roster } from './rosters';

/** An accepted item on a history meeting's agenda, in agenda order. */
export interface Item {
	submissionId: number;
	part: AgendaPart;
	submitter: Person;
	familyCase: OpenCase | null;
	/** Submitted for the community's previous meeting and deferred to this one. */
	deferred: boolean;
}

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
/** Minutes each part's items are given. */
const MINUTES: Record<AgendaPart, number[]> = { 1: [5], 2: [8, 10, 12], 3: [8], 4: [5, 10] };

export class Agenda {
	private readonly insertSubmission: Statement;
	private readonly insertAdvice: Statement;
	private readonly insertIssue: Statement;
	private readonly insertNewCaf: Statement;

	constructor(
		sqlite: SQLiteDatabase,
		private readonly rng: Random,
		private readonly meetings: Meetings,
		private readonly families: Families,
		/** The levels of need, lowest first (levelsOfNeed()). */
		private readonly levels: readonly string[],
		private readonly added: Added
	) {
		this.insertSubmission = insertInto(sqlite, 'submission', [
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
		]);
		this.insertAdvice = insertInto(sqlite, 'advice_request', [
			'submission_id',
			'age_band',
			'setting',
			'worry',
			'asked_for'
		]);
		this.insertIssue = insertInto(sqlite, 'community_issue', [
			'submission_id',
			'title',
			'place',
			'happening',
			'wanted'
		]);
		this.insertNewCaf = insertInto(sqlite, 'new_caf', [
			'submission_id',
			'case_id',
			'consent_id',
			'caf_date',
			'way_in',
			'level_of_need'
		]);
	}

	/**
	 * The accepted items: ≈2 advice requests, new CAFs (≈3–4, ≈7 in the busy community), the reviews
	 * due (each brought by the case's lead professional) and ≈2 community issues. Family items come
	 * to about 12–17 a meeting once reviews are running.
	 */
	write(
		community: Roster,
		history: CommunityHistory,
		index: number,
		meetingId: number,
		date: string
	): Item[] {
		const { rng } = this;
		const deadline = this.meetings.deadline(date);
		const accepted = `${shift(deadline, 1)}T10:00:00.000Z`;
		const reviews = dueAt(history, index);
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
					? shift(deadline, -7 * MEETING_DEFAULTS.everyWeeks - int(rng, 0, 20))
					: late
						? shift(deadline, int(rng, 1, Math.max(1, isoToDays(date) - isoToDays(deadline) - 1)))
						: shift(deadline, -int(rng, 0, 20));
				const stamp = stampOn(day, rng);
				const caf = part === 2 ? this.families.write(community, submitter, date, day, stamp) : null;
				const submissionId = idOf(
					this.insertSubmission.run(
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
					this.insertAdvice.run(
						submissionId,
						pick(rng, AGE_BANDS),
						pick(rng, SETTINGS),
						pick(rng, ADVICE_WORRIES),
						pick(rng, ADVICE_ASKS)
					);
				else if (part === 4) this.insertIssue.run(submissionId, ...pick(rng, ISSUES));
				else if (caf)
					this.insertNewCaf.run(
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
}
