/**
 * The families brought as new CAFs: the case, who is in the household, their needs and consent,
 * and what will become of the case (docs/domain.md: the four-part agenda, part 2).
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { CaseStatus, NeedDomain } from '../../src/lib/server/platform/schema';
import { initialsOf } from '../../src/lib/server/agenda/new-caf-rules';
import { RELATIONSHIPS } from '../../src/lib/domain/family';
import { caseReference, caseReferencePrefix } from '../seed/families';
import { Consents, type ConsentTerms } from './consent';
import { daysToIso, isoToDays, shift } from './days';
import { BOYS, GIRLS, MEN, OLDER, SURNAMES, WOMEN } from './names';
import { int, pick, weighted, type Random } from './random';
import { idOf, insertInto, type Added } from './rows';
import type { Person, Roster } from './rosters';

/** A family supported by the MAG, from its new CAF until it closes. */
export interface OpenCase {
	caseId: number;
	lead: Person;
	needIds: number[];
	consentId: number;
	consentSignedOn: string;
	consent: ConsentTerms;
	/** Index into levelsOfNeed(): the level now. */
	level: number;
	/** Reviews before it closes (or, for a case still open at the end, so far). */
	reviewsLeft: number;
	fate: Exclude<CaseStatus, 'open' | 'withdrawn'>;
}

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
/** Reviews a case has before it closes: most close within 2 to 4. */
const REVIEW_COUNTS = [1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 6];

export class Families {
	private readonly insertCase: Statement;
	private readonly insertMember: Statement;
	private readonly insertNeed: Statement;
	/** Next case number by reference prefix ("BRO-2023-"), as createNewCaf numbers them. */
	private readonly nextNumber = new Map<string, number>();

	constructor(
		sqlite: SQLiteDatabase,
		private readonly rng: Random,
		/** The levels of need, lowest first (levelsOfNeed()). */
		private readonly levels: readonly string[],
		private readonly consents: Consents,
		private readonly added: Added
	) {
		this.insertCase = insertInto(sqlite, 'family_case', [
			'reference',
			'community_id',
			'initials',
			'created_by',
			'created_at'
		]);
		this.insertMember = insertInto(sqlite, 'family_member', [
			'case_id',
			'name',
			'date_of_birth',
			'relationship',
			'setting',
			'is_child'
		]);
		this.insertNeed = insertInto(sqlite, 'need', [
			'case_id',
			'family_member_id',
			'description',
			'domain'
		]);
		// Cases already in the database (e.g. items on the demo's next meeting) keep their numbers.
		const references = sqlite.prepare('select reference from family_case').all() as {
			reference: string;
		}[];
		for (const { reference } of references) {
			const prefix = reference.slice(0, reference.lastIndexOf('-') + 1);
			const next = Number(reference.slice(prefix.length)) + 1;
			if (next > (this.nextNumber.get(prefix) ?? 1)) this.nextNumber.set(prefix, next);
		}
	}

	private reference(communityName: string, year: string): string {
		const prefix = caseReferencePrefix(communityName, year);
		const next = this.nextNumber.get(prefix) ?? 1;
		this.nextNumber.set(prefix, next + 1);
		return caseReference(prefix, next);
	}

	/** The rows createNewCaf writes before the submission: case, family, needs and consent. */
	write(community: Roster, submitter: Person, meeting: string, day: string, stamp: string) {
		const { rng } = this;
		const { children, adults } = household(rng, meeting);
		const reference = this.reference(community.name, meeting.slice(0, 4));
		const caseId = idOf(
			this.insertCase.run(
				reference,
				community.id,
				initialsOf(children[0]!.name),
				submitter.id,
				stamp
			)
		);
		this.added.cases += 1;
		const childIds: number[] = [];
		const adultIds: number[] = [];
		for (const person of [...children, ...adults]) {
			const id = idOf(
				this.insertMember.run(
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
			needIds.push(idOf(this.insertNeed.run(caseId, who, pick(rng, NEEDS[domain]), domain)));
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
		const consentId = this.consents.write(caseId, consent, signedOn, null, submitter.id, stamp);
		// The lead professional agreed at the meeting: usually the practitioner who brought it.
		const lead = rng() < 0.7 ? submitter : pick(rng, community.members);
		const familyCase: OpenCase = {
			caseId,
			lead,
			needIds,
			consentId,
			consentSignedOn: signedOn,
			consent,
			level: this.cafLevel(),
			...this.fate()
		};
		return { familyCase, cafDate };
	}

	/** A new case's level at its CAF: mostly level 2 or 3a, rarely the top level. */
	private cafLevel(): number {
		const top = this.levels.length - 1;
		if (top < 3) return int(this.rng, 0, top);
		return weighted(this.rng, [
			[0, 1],
			[1, 9],
			[2, 6],
			[3, 3]
		]);
	}

	/** What will become of a new case: how many reviews, and how it ends. */
	private fate(): Pick<OpenCase, 'reviewsLeft' | 'fate'> {
		const { rng } = this;
		const r = rng();
		if (r < 0.1) return { fate: 'stepped-up', reviewsLeft: int(rng, 1, 3) };
		if (r < 0.25) return { fate: 'stepped-down', reviewsLeft: int(rng, 2, 4) };
		return { fate: 'closed-needs-met', reviewsLeft: pick(rng, REVIEW_COUNTS) };
	}
}

type Relationship = (typeof RELATIONSHIPS)[number];

/** Someone in the household, as the CAF lists them. */
export interface HouseholdMember {
	name: string;
	dob: string;
	relationship: Relationship;
	setting: string | null;
	isChild: 0 | 1;
	/** Whole years at the meeting (children only; 0 for adults). */
	age: number;
}

/**
 * A household sharing a surname, as of the meeting: one to three children under 18, eldest first,
 * in the setting for their age; a mother (or another carer), often a father, sometimes a grandparent.
 */
export function household(
	rng: Random,
	meeting: string
): { children: HouseholdMember[]; adults: HouseholdMember[] } {
	const surname = pick(rng, SURNAMES);
	const meetingDay = isoToDays(meeting);
	const children = Array.from({ length: rng() < 0.5 ? 1 : int(rng, 2, 3) }, (): HouseholdMember => {
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
	const adult = (
		relationship: Relationship,
		names: string[],
		from: number,
		to: number
	): HouseholdMember => ({
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
	return { children, adults };
}
