import type { Transaction } from 'kysely';
import type { DB } from '../platform/db';
import type { Database } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { inviteUser } from './invitations';
import {
	planChangesSomething,
	planImport,
	type ImportPlan,
	type ImportState,
	type RoleChange
} from './import-rules';
import { fileFingerprint, readPeopleCsv, writePeopleCsv, type PersonForExport } from './people-csv';

/**
 * Adding people in bulk (README, "Adding people in bulk"): the preview, which writes nothing, and
 * the import, which writes everything the preview showed in one transaction or nothing at all.
 */

/** Everyone, every agency and community, and every role, as the plan needs them. */
export async function loadImportState(db: DB): Promise<ImportState> {
	const [people, agencies, communities, memberships] = await Promise.all([
		db
			.selectFrom('user')
			.select(['id', 'email', 'name', 'job_title', 'agency_id', 'disabled_at'])
			.orderBy('id')
			.execute(),
		db.selectFrom('agency').select(['id', 'name']).orderBy('id').execute(),
		db.selectFrom('community').select(['id', 'name', 'retired_at']).orderBy('id').execute(),
		db
			.selectFrom('community_membership')
			.select(['user_id', 'community_id', 'role'])
			.orderBy('user_id')
			.orderBy('community_id')
			.execute()
	]);
	return {
		people: people.map((p) => ({
			id: p.id,
			email: p.email,
			name: p.name,
			jobTitle: p.job_title,
			agencyId: p.agency_id,
			disabled: p.disabled_at !== null
		})),
		agencies,
		communities: communities.map((c) => ({
			id: c.id,
			name: c.name,
			retired: c.retired_at !== null
		})),
		memberships: memberships.map((m) => ({
			userId: m.user_id,
			communityId: m.community_id,
			role: m.role
		}))
	};
}

export type PreviewResult = { ok: true; plan: ImportPlan } | { ok: false; problem: string };

/** What the file would change. Reads only. */
export async function previewPeopleImport(db: DB, text: string): Promise<PreviewResult> {
	const file = readPeopleCsv(text);
	if (!file.ok) return file;
	return { ok: true, plan: planImport(file, await loadImportState(db)) };
}

export interface ConfirmedImport {
	/** The file's text, as carried back from the preview. */
	text: string;
	/** What the preview said the file's SHA-256 was. */
	fileSha256: string;
	/** What the preview said the plan's fingerprint was. */
	planSha256: string;
	/** The preview's form key (src/lib/server/http/form-keys.ts), or null. */
	formKey: string | null;
}

export interface ImportCounts {
	invited: number;
	changed: number;
	unchanged: number;
}

export type ImportAnswer =
	| ({ outcome: 'imported' } & ImportCounts)
	/** The carried file is not the one previewed. */
	| { outcome: 'file-changed' }
	/** Someone changed people, agencies or communities since the preview: here is the new plan. */
	| { outcome: 'changed-since-preview'; plan: ImportPlan }
	| { outcome: 'no-changes'; plan: ImportPlan }
	| { outcome: 'unreadable'; problem: string };

/**
 * Lets a save that opens a transaction of its own (inviteUser) run inside this one, so the whole
 * import commits or rolls back together. Kysely refuses to nest transactions; with SQLite's single
 * writer, joining the open one is what nesting would mean anyway.
 */
function joining(trx: Transaction<Database>): DB {
	return new Proxy(trx, {
		get(target, property) {
			if (property === 'transaction') {
				return () => ({ execute: <T>(work: (inner: DB) => Promise<T>) => work(target) });
			}
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

/**
 * Imports the file, in one transaction: the plan is worked out again inside it and must be the
 * one the preview showed (the same fingerprint), else nothing is written and the new plan comes
 * back to be checked. Each new person is invited (the account, the emailed link and `user.invited`,
 * as the Invite page does) and given their roles; each changed person is updated with one
 * `user.updated` or `user.roles-changed` entry; then one `people.imported` entry sums it up. A file
 * that changes nothing writes nothing. The same confirm sent twice imports once.
 */
export async function importPeople(
	db: DB,
	confirmed: ConfirmedImport,
	actor: Actor,
	invitationHours: number,
	now = new Date()
): Promise<ImportAnswer> {
	const fileSha256 = fileFingerprint(confirmed.text);
	if (fileSha256 !== confirmed.fileSha256) return { outcome: 'file-changed' };
	const file = readPeopleCsv(confirmed.text);
	if (!file.ok) return { outcome: 'unreadable', problem: file.problem };
	const key = { token: confirmed.formKey, userId: actor.id, form: `people-import:${fileSha256}` };
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<ImportAnswer>(trx, key);
		if (earlier) return earlier;
		const plan = planImport(file, await loadImportState(trx));
		if (plan.fingerprint !== confirmed.planSha256) {
			return { outcome: 'changed-since-preview', plan } as const;
		}
		if (!planChangesSomething(plan)) return { outcome: 'no-changes', plan } as const;

		const via = { via: 'import', fileSha256 };
		for (const row of plan.rows) {
			if (row.kind === 'new') {
				const invited = await inviteUser(
					joining(trx),
					{
						name: row.name,
						email: row.email,
						jobTitle: row.jobTitle,
						agencyId: row.agencyId,
						isAdministrator: false
					},
					actor,
					invitationHours,
					now
				);
				// The plan was made in this transaction: nobody can have taken the address since.
				if (!invited.ok) throw new Error(`Row ${row.row}: the email address is already taken`);
				if (row.roles.length > 0) {
					await setRoles(trx, invited.userId, row.roles);
					await recordAudit(
						trx,
						{
							actorId: actor.id,
							action: 'user.roles-changed',
							recordType: 'user',
							recordId: invited.userId,
							ip: actor.ip,
							detail: { communities: auditedRoles(row.roles), ...via }
						},
						now
					);
				}
			} else if (row.kind === 'changed') {
				if (row.details.length > 0) {
					await trx
						.updateTable('user')
						.set({
							name: row.after.name,
							job_title: row.after.jobTitle,
							agency_id: row.after.agencyId
						})
						.where('id', '=', row.userId)
						.execute();
				}
				await setRoles(trx, row.userId, row.roles);
				const agencyChanged = row.details.some((d) => d.field === 'agency');
				await recordAudit(
					trx,
					{
						actorId: actor.id,
						action: row.roles.length > 0 ? 'user.roles-changed' : 'user.updated',
						recordType: 'user',
						recordId: row.userId,
						ip: actor.ip,
						detail: {
							...(row.details.length > 0 ? { changed: row.details.map((d) => d.field) } : {}),
							...(agencyChanged ? { agencyId: row.after.agencyId } : {}),
							...(row.roles.length > 0 ? { communities: auditedRoles(row.roles) } : {}),
							...via
						}
					},
					now
				);
			}
		}
		const answer = {
			outcome: 'imported',
			invited: plan.counts.new,
			changed: plan.counts.changed,
			unchanged: plan.counts.unchanged
		} as const;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'people.imported',
				ip: actor.ip,
				detail: {
					fileSha256,
					rows: plan.rows.length,
					invited: answer.invited,
					changed: answer.changed,
					unchanged: answer.unchanged
				}
			},
			now
		);
		await rememberAnswer(trx, key, answer, now);
		return answer;
	});
}

/** As the person's page records a role change: which community, from what, to what. */
function auditedRoles(roles: RoleChange[]) {
	return roles.map(({ communityId, from, to }) => ({ communityId, from, to }));
}

async function setRoles(trx: DB, userId: number, roles: RoleChange[]) {
	for (const change of roles) {
		if (change.to === null) {
			await trx
				.deleteFrom('community_membership')
				.where('user_id', '=', userId)
				.where('community_id', '=', change.communityId)
				.execute();
		} else {
			await trx
				.insertInto('community_membership')
				.values({ user_id: userId, community_id: change.communityId, role: change.to })
				.onConflict((oc) =>
					oc.columns(['user_id', 'community_id']).doUpdateSet({ role: change.to! })
				)
				.execute();
		}
	}
}

/** Everyone who can use the service (disabled accounts left out), with their roles. */
export async function listPeopleForExport(db: DB): Promise<PersonForExport[]> {
	const people = await db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select(['user.id', 'user.name', 'user.email', 'user.job_title', 'agency.name as agency'])
		.where('user.disabled_at', 'is', null)
		.orderBy('user.name')
		.orderBy('user.email')
		.execute();
	const memberships = await db
		.selectFrom('community_membership')
		.innerJoin('community', 'community.id', 'community_membership.community_id')
		.select(['community_membership.user_id', 'community.name', 'community_membership.role'])
		.orderBy('community.name')
		.execute();
	const rolesOf = new Map<number, PersonForExport['roles']>();
	for (const m of memberships) {
		rolesOf.set(m.user_id, [
			...(rolesOf.get(m.user_id) ?? []),
			{ community: m.name, role: m.role }
		]);
	}
	return people.map((p) => ({
		name: p.name,
		email: p.email,
		jobTitle: p.job_title,
		agency: p.agency,
		roles: rolesOf.get(p.id) ?? []
	}));
}

/** The export as CSV, audited (`people.exported`): it lists staff's names and email addresses. */
export async function exportPeopleCsv(db: DB, actor: Actor, now = new Date()): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const people = await listPeopleForExport(trx);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'people.exported',
				ip: actor.ip,
				detail: { people: people.length }
			},
			now
		);
		return writePeopleCsv(people);
	});
}
