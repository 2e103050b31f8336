import { openDatabase, type DB, type OpenDatabase } from '$lib/server/platform/db';
import { migrate } from '$lib/server/platform/migrator';
import type { CommunityRole, Database } from '$lib/server/platform/schema';
import type { SessionUser } from '$lib/server/auth/session';

/** A fresh, migrated in-memory database: every test file starts from nothing. */
export async function freshDatabase(): Promise<OpenDatabase> {
	const database = openDatabase(':memory:');
	await migrate(database.db);
	return database;
}

/** Inserts a community in a locality of its own; returns the community's id. */
export async function addCommunity(db: DB, name: string, locality: string): Promise<number> {
	const [id] = await addCommunities(db, locality, [name]);
	return id!;
}

/** Inserts communities in one locality; their ids, in the order named. */
export async function addCommunities(db: DB, locality: string, names: string[]): Promise<number[]> {
	const { id: localityId } = await db
		.insertInto('locality')
		.values({ name: locality })
		.returning('id')
		.executeTakeFirstOrThrow();
	const rows = await db
		.insertInto('community')
		.values(names.map((name) => ({ name, locality_id: localityId })))
		.returning('id')
		.execute();
	// Ids rise in the order the rows were inserted, whatever order RETURNING gives them in.
	return rows.map((row) => row.id).sort((a, b) => a - b);
}

/** Inserts a person's row with no job title, password, two-factor key or disabling; returns their id. */
export async function insertUser(
	db: DB,
	person: {
		email: string;
		name: string;
		agencyId: number | null;
		administrator?: boolean;
		passwordHash?: string | null;
	}
): Promise<number> {
	const user = await db
		.insertInto('user')
		.values({
			email: person.email,
			name: person.name,
			job_title: null,
			agency_id: person.agencyId,
			is_administrator: person.administrator ? 1 : 0,
			password_hash: person.passwordHash ?? null,
			totp_key: null,
			totp_last_step: null,
			disabled_at: null,
			created_at: new Date().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return user.id;
}

let counter = 0;

/** Inserts a person directly (no invitation), for tests that need someone to exist. */
export async function addUser(
	database: OpenDatabase,
	options: {
		email?: string;
		name?: string;
		passwordHash?: string | null;
		administrator?: boolean;
		roles?: CommunityRole[];
	} = {}
): Promise<{ id: number; email: string }> {
	counter += 1;
	const email = options.email ?? `person${counter}@council.example`;
	const { db } = database;
	const agency = await db
		.insertInto('agency')
		.values({ name: `Agency ${counter}`, sector: 'Health' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const id = await insertUser(db, {
		email,
		name: options.name ?? `Person ${counter}`,
		agencyId: agency.id,
		administrator: options.administrator,
		passwordHash: options.passwordHash
	});
	for (const role of options.roles ?? []) {
		const communityId = await addCommunity(
			db,
			`Community ${counter}-${role}`,
			`Locality ${counter}-${role}`
		);
		await db
			.insertInto('community_membership')
			.values({ user_id: id, community_id: communityId, role })
			.execute();
	}
	return { id, email };
}

/** The case a new CAF item opened. */
export async function caseOfItem(db: DB, submissionId: number): Promise<number> {
	const row = await db
		.selectFrom('new_caf')
		.select('case_id')
		.where('submission_id', '=', submissionId)
		.executeTakeFirstOrThrow();
	return row.case_id;
}

/** How many rows a table holds. */
export async function countRows(db: DB, table: keyof Database): Promise<number> {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export function minutesAfter(date: Date, minutes: number): Date {
	return new Date(date.getTime() + minutes * 60_000);
}

/** A form as a browser would post it, from its fields' names and values. */
export function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

/** A signed-in person as the session gives them to pages: no roles unless given. */
export function sessionUser(overrides: Partial<SessionUser> = {}): SessionUser {
	return {
		id: 1,
		name: 'Test',
		email: 't@x.example',
		agencyName: null,
		isAdministrator: false,
		isDataProtectionOfficer: false,
		isManager: false,
		isFrontDoor: false,
		hasTwoFactor: false,
		communityRoles: [],
		...overrides
	};
}
