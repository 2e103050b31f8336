import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { REMOVE_ROLE } from '../../domain/people-import';
import type { CommunityRole } from '../platform/schema';
import { emailProblem, freeTextProblem, tooLongProblem } from '../http/forms';
import { parseCommunitiesCell, type PersonRow } from './people-csv';

/**
 * What a people file would change (README, "Adding people in bulk"), worked out from the file and
 * the people, agencies and communities as they are. Pure: the same file and the same state give
 * the same plan, and the same fingerprint, which is how the confirm step knows that what it is
 * about to do is what the preview showed.
 *
 * The rules:
 * - A person is matched on their email address (any case). Someone new is invited.
 * - Name, job title and agency are the file's; an empty job title or agency leaves the person's
 *   own as it is (a new person needs an agency). The import never makes anyone an administrator.
 * - Roles are only added or changed: a community not named in a person's row is left as it is.
 *   `Community: remove` takes them out of that MAG.
 * - Any problem in any row and nothing is imported: the file is fixed and uploaded again.
 */

export interface ImportState {
	people: {
		id: number;
		email: string;
		name: string;
		jobTitle: string | null;
		agencyId: number | null;
		disabled: boolean;
	}[];
	agencies: { id: number; name: string }[];
	/** `retired`: takes no new members or roles (Council → the community). */
	communities: { id: number; name: string; retired?: boolean }[];
	memberships: { userId: number; communityId: number; role: CommunityRole }[];
}

export interface RoleChange {
	communityId: number;
	community: string;
	/** null: not in this MAG before. */
	from: CommunityRole | null;
	/** null: taken out of this MAG. */
	to: CommunityRole | null;
}

export interface DetailChange {
	field: 'name' | 'jobTitle' | 'agency';
	from: string | null;
	to: string;
}

interface RowBase {
	row: number;
	name: string;
	email: string;
}

export type RowPlan =
	| (RowBase & { kind: 'problem'; problems: string[] })
	| (RowBase & {
			kind: 'new';
			jobTitle: string | null;
			agencyId: number;
			agency: string;
			roles: RoleChange[];
	  })
	| (RowBase & {
			kind: 'changed';
			userId: number;
			disabled: boolean;
			details: DetailChange[];
			/** The person's details once changed. */
			after: { name: string; jobTitle: string | null; agencyId: number | null };
			roles: RoleChange[];
	  })
	| (RowBase & { kind: 'unchanged'; userId: number; disabled: boolean });

export interface ImportPlan {
	rows: RowPlan[];
	ignoredColumns: string[];
	counts: { new: number; changed: number; unchanged: number; problems: number };
	/** SHA-256 of every row's outcome, and the state each change starts from. */
	fingerprint: string;
}

/** Names as people type them: any case, any spacing, either apostrophe. */
function nameKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').replace(/[’‘]/g, "'").toLowerCase();
}

/** Finds an agency or community by name; an exact match wins over one that differs in case. */
function byName<T extends { name: string }>(items: T[]) {
	const exact = new Map(items.map((item) => [item.name, item]));
	const loose = new Map<string, T | 'ambiguous'>();
	for (const item of items) {
		const key = nameKey(item.name);
		loose.set(key, loose.has(key) ? 'ambiguous' : item);
	}
	return (name: string): T | 'ambiguous' | undefined => exact.get(name) ?? loose.get(nameKey(name));
}

export function planImport(
	file: { rows: PersonRow[]; ignoredColumns: string[] },
	state: ImportState
): ImportPlan {
	const findAgency = byName(state.agencies);
	const findCommunity = byName(state.communities);
	const agencyNames = new Map(state.agencies.map((a) => [a.id, a.name]));
	const personByEmail = new Map(state.people.map((p) => [p.email.toLowerCase(), p]));
	const rolesOf = new Map<number, Map<number, CommunityRole>>();
	for (const m of state.memberships) {
		const roles = rolesOf.get(m.userId) ?? new Map<number, CommunityRole>();
		roles.set(m.communityId, m.role);
		rolesOf.set(m.userId, roles);
	}
	const rowsByEmail = new Map<string, number[]>();
	for (const row of file.rows) {
		const key = row.email.toLowerCase();
		if (key === '') continue;
		rowsByEmail.set(key, [...(rowsByEmail.get(key) ?? []), row.row]);
	}

	const rows = file.rows.map((row): RowPlan => {
		const email = row.email.toLowerCase();
		const base = { row: row.row, name: row.name, email };
		const problems: string[] = [];
		const nameProblem = freeTextProblem(row.name, {
			missing: 'Enter the person’s full name',
			limit: TEXT_LIMITS.name,
			label: 'Name'
		});
		if (nameProblem) problems.push(nameProblem);
		const emailError = emailProblem(email);
		if (emailError) problems.push(emailError);
		const others = (rowsByEmail.get(email) ?? []).filter((r) => r !== row.row);
		if (!emailError && others.length > 0) {
			problems.push(
				`The same email address is also on ${others.length === 1 ? 'row' : 'rows'} ${others.join(', ')}: put each person on one row only`
			);
		}
		const jobTitleProblem = tooLongProblem(row.jobTitle, TEXT_LIMITS.jobTitle, 'Job title');
		if (jobTitleProblem) problems.push(jobTitleProblem);
		const existing = emailError ? undefined : personByEmail.get(email);

		let agency: { id: number; name: string } | undefined;
		if (row.agency !== '') {
			const found = findAgency(row.agency);
			if (found === 'ambiguous')
				problems.push(`More than one agency is called ‘${row.agency}’: use its exact name`);
			else if (!found) problems.push(`There is no agency called ‘${row.agency}’`);
			else agency = found;
		} else if (!existing) {
			problems.push('Enter the agency the person works for');
		}

		const cell = parseCommunitiesCell(row.communities);
		problems.push(...cell.problems);
		const wanted = new Map<
			number,
			{ community: string; role: CommunityRole | null; retired: boolean }
		>();
		for (const entry of cell.entries) {
			const community = findCommunity(entry.community);
			if (community === 'ambiguous') {
				problems.push(`More than one community is called ‘${entry.community}’: use its exact name`);
			} else if (!community) {
				problems.push(`There is no community called ‘${entry.community}’`);
			} else if (wanted.has(community.id)) {
				problems.push(`${community.name} is in the Communities column more than once`);
			} else {
				wanted.set(community.id, {
					community: community.name,
					role: entry.role === REMOVE_ROLE ? null : entry.role,
					retired: community.retired ?? false
				});
			}
		}
		if (row.extraCells) problems.push('The row has more cells than the first row has headings');
		if (problems.length > 0) return { ...base, kind: 'problem', problems };

		const current = existing ? (rolesOf.get(existing.id) ?? new Map()) : new Map();
		const closed = [...wanted].filter(
			([id, w]) => w.retired && w.role !== null && current.get(id) !== w.role
		);
		if (closed.length > 0)
			return {
				...base,
				kind: 'problem',
				problems: closed.map(([, w]) => `${w.community} is retired: it takes no new members`)
			};
		const roles: RoleChange[] = [...wanted]
			.map(([communityId, { community, role }]) => ({
				communityId,
				community,
				from: current.get(communityId) ?? null,
				to: role
			}))
			.filter((change) => change.from !== change.to);

		if (!existing) {
			return {
				...base,
				kind: 'new',
				jobTitle: row.jobTitle || null,
				agencyId: agency!.id,
				agency: agency!.name,
				roles
			};
		}
		const details: DetailChange[] = [];
		const after = {
			name: row.name,
			jobTitle: row.jobTitle || existing.jobTitle,
			agencyId: agency?.id ?? existing.agencyId
		};
		if (row.name !== existing.name.trim()) {
			details.push({ field: 'name', from: existing.name, to: row.name });
		} else {
			after.name = existing.name;
		}
		if (row.jobTitle !== '' && row.jobTitle !== existing.jobTitle?.trim()) {
			details.push({ field: 'jobTitle', from: existing.jobTitle, to: row.jobTitle });
		} else {
			after.jobTitle = existing.jobTitle;
		}
		if (agency && agency.id !== existing.agencyId) {
			details.push({
				field: 'agency',
				from: existing.agencyId === null ? null : (agencyNames.get(existing.agencyId) ?? null),
				to: agency.name
			});
		}
		const person = { ...base, name: existing.name, userId: existing.id };
		if (details.length === 0 && roles.length === 0) {
			return { ...person, kind: 'unchanged', disabled: existing.disabled };
		}
		return { ...person, kind: 'changed', disabled: existing.disabled, details, after, roles };
	});

	const count = (kind: RowPlan['kind']) => rows.filter((row) => row.kind === kind).length;
	return {
		rows,
		ignoredColumns: file.ignoredColumns,
		counts: {
			new: count('new'),
			changed: count('changed'),
			unchanged: count('unchanged'),
			problems: count('problem')
		},
		fingerprint: encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(rows))))
	};
}

/** Whether confirming the plan would change anything. */
export function planChangesSomething(plan: ImportPlan): boolean {
	return plan.counts.problems === 0 && plan.counts.new + plan.counts.changed > 0;
}
