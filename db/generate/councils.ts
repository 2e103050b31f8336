/**
 * The national scale: fictional councils of two localities and eight communities each, with their
 * own chairs, coordinators and members, a year of meetings to come and the history before it.
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { hashPassword } from '../../src/lib/server/auth/password';
import { MEETING_DEFAULTS } from '../../src/lib/domain/meeting';
import { yearOfMeetings } from '../seed/meetings';
import { DEMO_PASSWORD } from '../seed/people';
import { shift } from './days';
import { MEN, SURNAMES, WOMEN, words } from './names';
import { int, pick } from './random';
import { idOf, insertInto } from './rows';
import type { Person, Roster } from './rosters';
import type { Writer } from './writer';

export const NATIONAL_COUNCILS = 150;
const COMMUNITIES_PER_COUNCIL = 8;
const MEMBERS_PER_COMMUNITY = 3;

// Invented places: 40 × 30 = 1,200 distinct two-word community names.
const PLACE_FIRST = words(
	`Ashwenby Barnley Caldrow Dunmere Elsworth Farrowby Galby Hartwell Ivyholt Kelby Langmere Mardlecot Netherwold Oakhurst Pennock Quenlow Radwell Stanmere Tamsworth Upwold Vennick Wrexley Yarrow Ambleford Brackwold Corrimere Draylow Eastwold Fenby Glenholm Hollisby Inglebury Kirkwell Lowmoor Middlecot Norwenham Orlebeck Pellowby Ridlowe Sedgewold`
);
const PLACE_SECOND = words(
	`Heath Marsh Vale Green Cross Dene Bridge Moor Wood Field Hill Ford Lea Park Rise Bank Common End Gate Hollow Lane Mill Nook Pike Sands Town Water Wick Yard Edge`
);

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

interface Agency {
	id: number | null;
	name: string;
}

interface CouncilContext {
	statements: Record<'locality' | 'community' | 'user' | 'membership', Statement>;
	passwordHash: string;
	cafTeam: Agency;
	generic: Agency[];
	firstFuture: string;
	from: string;
}

/** `councils` councils, each in its own transaction; told of progress every 10. */
export async function writeCouncils(
	sqlite: SQLiteDatabase,
	writer: Writer,
	{
		councils,
		firstFuture,
		from,
		onProgress
	}: { councils: number; firstFuture: string; from: string; onProgress?: (message: string) => void }
) {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const agencyIds = new Map(
		(sqlite.prepare('select id, name from agency').all() as { id: number; name: string }[]).map(
			(a) => [a.name, a.id]
		)
	);
	const cafTeam = { id: agencyIds.get('CAF Team') ?? null, name: 'CAF Team' };
	const generic = GENERIC_AGENCIES.map((name) => ({ id: agencyIds.get(name) ?? null, name }));
	const statements = {
		locality: insertInto(sqlite, 'locality', ['name']),
		community: insertInto(sqlite, 'community', ['locality_id', 'name']),
		user: insertInto(sqlite, 'user', [
			'email',
			'name',
			'job_title',
			'agency_id',
			'is_administrator',
			'password_hash',
			'created_at'
		]),
		membership: insertInto(sqlite, 'community_membership', ['user_id', 'community_id', 'role'])
	};
	const context = { statements, passwordHash, cafTeam, generic, firstFuture, from };
	// A bigger page cache while writing keeps the growing indexes in memory (default: 2 MB).
	const cacheSize = sqlite.pragma('cache_size', { simple: true });
	sqlite.pragma('cache_size = -262144');
	try {
		for (let council = 1; council <= councils; council++) {
			sqlite.transaction(() => nationalCouncil(writer, council, context))();
			if (council % 10 === 0) onProgress?.(`${council} of ${councils} councils written`);
		}
	} finally {
		sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
	}
}

/** One fictional council: two localities of four communities, its people, a year of future meetings and the history. */
function nationalCouncil(writer: Writer, council: number, context: CouncilContext) {
	const { rng, createdAt } = writer;
	const s = context.statements;
	const tag = `c${String(council).padStart(3, '0')}`;
	const councilName = `Council ${String(council).padStart(3, '0')}`;
	// One agency in each council rarely comes to its meetings and delivers worse.
	const poorAgency = pick(rng, context.generic).name;
	const person = (email: string, jobTitle: string, agency: Agency): Person => {
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
			const anchor = shift(
				context.firstFuture,
				7 * int(rng, 0, MEETING_DEFAULTS.everyWeeks - 1) + int(rng, 0, 2)
			);
			const roster: Roster = {
				id: communityId,
				name,
				chair,
				coordinator,
				members,
				anchor,
				busy: false
			};
			for (const [n, date] of yearOfMeetings(anchor).entries())
				writer.meetings.write(roster, date, n === 0 ? 'agenda-open' : 'scheduled', createdAt);
			writer.history(roster, context.from);
		}
	}
}
