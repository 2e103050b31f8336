import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { OpenDatabase } from '$lib/server/platform/db';
import { verifyAuditChain } from '$lib/server/audit/log';
import {
	exportPeopleCsv,
	importPeople,
	previewPeopleImport,
	type ImportAnswer
} from '$lib/server/people/import';
import type { ImportPlan } from '$lib/server/people/import-rules';
import { fileFingerprint } from '$lib/server/people/people-csv';
import { addCommunities, addUser, countRows, freshDatabase } from '../helpers';

let database: OpenDatabase;
let admin: { id: number; ip: string };
const ids: Record<string, number> = {};

beforeAll(async () => {
	database = await freshDatabase();
	const { db } = database;
	const adminUser = await addUser(database, {
		administrator: true,
		email: 'admin@council.example'
	});
	admin = { id: adminUser.id, ip: '192.0.2.1' };
	for (const name of ['Youth Service', 'West Mercia Police']) {
		ids[name] = (
			await db
				.insertInto('agency')
				.values({ name, sector: 'Other' })
				.returning('id')
				.executeTakeFirstOrThrow()
		).id;
	}
	const communities = ['Bromyard', 'Ledbury', 'Ross on Wye'];
	const communityIds = await addCommunities(db, 'South', communities);
	communities.forEach((name, index) => (ids[name] = communityIds[index]!));
	const sam = await addUser(database, { email: 'sam@council.example', name: 'Sam Patel' });
	ids.sam = sam.id;
	await db
		.updateTable('user')
		.set({ job_title: 'Youth worker', agency_id: ids['Youth Service'] })
		.where('id', '=', sam.id)
		.execute();
	await db
		.insertInto('community_membership')
		.values([
			{ user_id: sam.id, community_id: ids.Bromyard!, role: 'member' },
			{ user_id: sam.id, community_id: ids['Ross on Wye']!, role: 'coordinator' }
		])
		.execute();
});
afterAll(() => database.close());

const HEADINGS = 'Name,Email,Job title,Agency,Communities';

/** Rows in every table the import writes, and the person it changes. */
async function snapshot() {
	const { db } = database;
	const count = (table: 'user' | 'invitation' | 'mail_outbox' | 'audit_log' | 'form_submission') =>
		countRows(db, table);
	return {
		users: await count('user'),
		invitations: await count('invitation'),
		mail: await count('mail_outbox'),
		audit: await count('audit_log'),
		keys: await count('form_submission'),
		memberships: await db
			.selectFrom('community_membership')
			.select(['user_id', 'community_id', 'role'])
			.orderBy('user_id')
			.orderBy('community_id')
			.execute(),
		sam: await db
			.selectFrom('user')
			.select(['name', 'job_title', 'agency_id'])
			.where('id', '=', ids.sam!)
			.executeTakeFirstOrThrow()
	};
}

async function preview(text: string): Promise<ImportPlan> {
	const result = await previewPeopleImport(database.db, text);
	if (!result.ok) throw new Error(result.problem);
	return result.plan;
}

function confirm(text: string, plan: ImportPlan, formKey: string | null = null, now = new Date()) {
	return importPeople(
		database.db,
		{ text, fileSha256: fileFingerprint(text), planSha256: plan.fingerprint, formKey },
		admin,
		72,
		now
	);
}

const FILE = [
	HEADINGS,
	'Jo Kay,Jo.Kay@council.example,Health visitor,Youth Service,Ledbury: chair; Bromyard: member',
	'"Lee, Ann",ann.lee@council.example,,West Mercia Police,',
	'Samuel Patel,sam@council.example,,,Bromyard: coordinator; Ledbury: member'
].join('\r\n');

describe('importing people', () => {
	it('previews without writing anything', async () => {
		const before = await snapshot();
		const plan = await preview(FILE);
		expect(plan.counts).toEqual({ new: 2, changed: 1, unchanged: 0, problems: 0 });
		expect(await snapshot()).toEqual(before);
	});

	it('refuses a confirm whose file is not the one previewed, writing nothing', async () => {
		const before = await snapshot();
		const plan = await preview(FILE);
		const answer = await importPeople(
			database.db,
			{
				text: `${FILE}\r\nEve,eve@council.example,,Youth Service,`,
				fileSha256: fileFingerprint(FILE),
				planSha256: plan.fingerprint,
				formKey: null
			},
			admin,
			72
		);
		expect(answer).toEqual({ outcome: 'file-changed' });
		expect(await snapshot()).toEqual(before);
	});

	it('refuses a confirm when people changed since the preview, and gives the new plan', async () => {
		const plan = await preview(FILE);
		await database.db
			.updateTable('user')
			.set({ job_title: 'Youth work lead' })
			.where('id', '=', ids.sam!)
			.execute();
		const before = await snapshot();
		const answer = await confirm(FILE, plan);
		expect(answer.outcome).toBe('changed-since-preview');
		expect(await snapshot()).toEqual(before);
		await database.db
			.updateTable('user')
			.set({ job_title: 'Youth worker' })
			.where('id', '=', ids.sam!)
			.execute();
	});

	it('changes nothing at all when it fails part-way', async () => {
		const plan = await preview(FILE);
		const before = await snapshot();
		// The last write of the import (the summary entry) fails: everything before it is undone.
		await sql`create temp trigger fail_import before insert on audit_log
			when new.action = 'people.imported'
			begin select raise(abort, 'disk full'); end`.execute(database.db);
		try {
			await expect(confirm(FILE, plan, 'AAAAAAAAAAAAAAAAAAAAAA')).rejects.toThrow('disk full');
		} finally {
			await sql`drop trigger fail_import`.execute(database.db);
		}
		expect(await snapshot()).toEqual(before);
		expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
	});

	it('invites the new people, changes the others, and audits every change once', async () => {
		const plan = await preview(FILE);
		const before = await snapshot();
		const now = new Date('2026-12-01T10:00:00Z');
		const answer = await confirm(FILE, plan, 'BBBBBBBBBBBBBBBBBBBBBB', now);
		expect(answer).toEqual({ outcome: 'imported', invited: 2, changed: 1, unchanged: 0 });

		const { db } = database;
		const jo = await db
			.selectFrom('user')
			.select(['id', 'name', 'job_title', 'agency_id', 'password_hash', 'is_administrator'])
			.where('email', '=', 'jo.kay@council.example')
			.executeTakeFirstOrThrow();
		expect(jo).toMatchObject({
			name: 'Jo Kay',
			job_title: 'Health visitor',
			agency_id: ids['Youth Service'],
			password_hash: null,
			is_administrator: 0
		});
		const ann = await db
			.selectFrom('user')
			.select(['id', 'name', 'job_title'])
			.where('email', '=', 'ann.lee@council.example')
			.executeTakeFirstOrThrow();
		expect(ann).toMatchObject({ name: 'Lee, Ann', job_title: null });
		// Sam: name changed, job title and agency left as they were (empty in the file).
		const after = await snapshot();
		expect(after.sam).toEqual({
			name: 'Samuel Patel',
			job_title: 'Youth worker',
			agency_id: ids['Youth Service']
		});
		expect(after.users).toBe(before.users + 2);
		expect(after.invitations).toBe(before.invitations + 2);
		// One invitation email each, through the outbox.
		const mail = await db
			.selectFrom('mail_outbox')
			.select(['kind', 'recipient'])
			.orderBy('recipient')
			.execute();
		expect(mail).toEqual([
			{ kind: 'invitation', recipient: 'ann.lee@council.example' },
			{ kind: 'invitation', recipient: 'jo.kay@council.example' }
		]);
		// Ross on Wye is not in Sam's row: left as it was.
		expect(after.memberships.filter((m) => m.user_id === ids.sam)).toEqual([
			{ user_id: ids.sam, community_id: ids.Bromyard, role: 'coordinator' },
			{ user_id: ids.sam, community_id: ids.Ledbury, role: 'member' },
			{ user_id: ids.sam, community_id: ids['Ross on Wye'], role: 'coordinator' }
		]);
		expect(after.memberships.filter((m) => m.user_id === jo.id)).toEqual([
			{ user_id: jo.id, community_id: ids.Bromyard, role: 'member' },
			{ user_id: jo.id, community_id: ids.Ledbury, role: 'chair' }
		]);

		const entries = await db
			.selectFrom('audit_log')
			.select(['actor_id', 'action', 'record_id', 'detail', 'ip'])
			.where('at', '=', now.toISOString())
			.orderBy('id')
			.execute();
		const fileSha256 = fileFingerprint(FILE);
		expect(entries.map((e) => ({ ...e, detail: JSON.parse(e.detail ?? 'null') }))).toEqual([
			{
				actor_id: admin.id,
				action: 'user.invited',
				record_id: String(jo.id),
				ip: admin.ip,
				detail: { email: 'jo.kay@council.example', isAdministrator: false }
			},
			{
				actor_id: admin.id,
				action: 'user.roles-changed',
				record_id: String(jo.id),
				ip: admin.ip,
				detail: {
					communities: [
						{ communityId: ids.Ledbury, from: null, to: 'chair' },
						{ communityId: ids.Bromyard, from: null, to: 'member' }
					],
					via: 'import',
					fileSha256
				}
			},
			{
				actor_id: admin.id,
				action: 'user.invited',
				record_id: String(ann.id),
				ip: admin.ip,
				detail: { email: 'ann.lee@council.example', isAdministrator: false }
			},
			{
				actor_id: admin.id,
				action: 'user.roles-changed',
				record_id: String(ids.sam),
				ip: admin.ip,
				detail: {
					changed: ['name'],
					communities: [
						{ communityId: ids.Bromyard, from: 'member', to: 'coordinator' },
						{ communityId: ids.Ledbury, from: null, to: 'member' }
					],
					via: 'import',
					fileSha256
				}
			},
			{
				actor_id: admin.id,
				action: 'people.imported',
				record_id: null,
				ip: admin.ip,
				detail: { fileSha256, rows: 3, invited: 2, changed: 1, unchanged: 0 }
			}
		]);
		expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
	});

	it('answers the same confirm sent twice as the first, importing once', async () => {
		const before = await snapshot();
		// The preview's plan from before the import, and the same form key.
		const answer: ImportAnswer = await importPeople(
			database.db,
			{
				text: FILE,
				fileSha256: fileFingerprint(FILE),
				planSha256: 'the first preview',
				formKey: 'BBBBBBBBBBBBBBBBBBBBBB'
			},
			admin,
			72
		);
		expect(answer).toEqual({ outcome: 'imported', invited: 2, changed: 1, unchanged: 0 });
		expect(await snapshot()).toEqual(before);
	});

	it('finds nothing to change in the same file again, and a confirm writes nothing', async () => {
		const plan = await preview(FILE);
		expect(plan.counts).toEqual({ new: 0, changed: 0, unchanged: 3, problems: 0 });
		const before = await snapshot();
		const answer = await confirm(FILE, plan, 'CCCCCCCCCCCCCCCCCCCCCC');
		expect(answer.outcome).toBe('no-changes');
		expect(await snapshot()).toEqual(before);
	});

	it('removes a role only where the file says so', async () => {
		const text = `${HEADINGS}\nSamuel Patel,sam@council.example,,,Ross on Wye: remove`;
		const plan = await preview(text);
		expect(await confirm(text, plan)).toMatchObject({ outcome: 'imported', changed: 1 });
		const roles = await database.db
			.selectFrom('community_membership')
			.select(['community_id', 'role'])
			.where('user_id', '=', ids.sam!)
			.orderBy('community_id')
			.execute();
		expect(roles).toEqual([
			{ community_id: ids.Bromyard, role: 'coordinator' },
			{ community_id: ids.Ledbury, role: 'member' }
		]);
	});
});

describe('exporting people', () => {
	it('reads back through the import as no changes, and is audited', async () => {
		const { db } = database;
		// Awkward values: a name a spreadsheet would run, a comma, a quote, no agency.
		const odd = await addUser(database, { email: 'odd@council.example', name: '=Odd "Q", Person' });
		await db
			.updateTable('user')
			.set({ agency_id: null, job_title: '-' })
			.where('id', '=', odd.id)
			.execute();
		const gone = await addUser(database, { email: 'gone@council.example', name: 'Gone Person' });
		await db
			.updateTable('user')
			.set({ disabled_at: new Date().toISOString() })
			.where('id', '=', gone.id)
			.execute();

		const csv = await exportPeopleCsv(db, admin);
		expect(csv.startsWith('\uFEFFName,Email,Job title,Agency,Communities\r\n')).toBe(true);
		expect(csv).toContain(`"'=Odd ""Q"", Person",odd@council.example,'-,,\r\n`);
		expect(csv).toContain(
			'Jo Kay,jo.kay@council.example,Health visitor,Youth Service,Bromyard: member; Ledbury: chair\r\n'
		);
		expect(csv).not.toContain('gone@council.example');
		const exported = await db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		const active = await db
			.selectFrom('user')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('disabled_at', 'is', null)
			.executeTakeFirstOrThrow();
		expect(exported).toEqual({
			action: 'people.exported',
			detail: JSON.stringify({ people: Number(active.n) })
		});

		const plan = await preview(csv.replace(/^\uFEFF/, ''));
		expect(plan.counts).toEqual({ new: 0, changed: 0, unchanged: Number(active.n), problems: 0 });
	});
});
