import type { Database as SQLiteDatabase } from 'better-sqlite3';

/** Someone in a community's MAG, as the history names them. */
export interface Person {
	id: number;
	name: string;
	/** The agency's name, as the register and actions store it. */
	agency: string | null;
	agencyId: number | null;
	/** Works for the agency that attends and delivers poorly in this council. */
	poor: boolean;
}

/** A community whose history is generated: who chairs, coordinates and brings its items. */
export interface Roster {
	id: number;
	name: string;
	chair: Person;
	coordinator: Person | null;
	members: Person[];
	/** The first meeting the demo seed (or the national generator) scheduled: history ends 6 weeks before. */
	anchor: string;
	/** The overloaded community: more new CAFs, so more reviews due. */
	busy: boolean;
}

/** The demo agency that attends and delivers poorly, so the reports have something to show. */
const DEMO_POOR_AGENCY = 'Housing Solutions';
/** The demo community with more families than it can comfortably discuss (docs/domain.md's worry). */
const DEMO_BUSY_COMMUNITY = 'Hereford South City';

/** The demo communities, their chair, coordinator, members (who submit items) and first seeded meeting. */
export function demoRosters(sqlite: SQLiteDatabase, fallbackAnchor: string): Roster[] {
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
