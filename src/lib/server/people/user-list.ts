import { sql, type ExpressionBuilder } from 'kysely';
import { ACCOUNT_STATUS_NAMES, USER_ROLE_FILTERS, type UserRoleFilter } from '$lib/domain/roles';
import { USER_COLUMNS, type ColumnKey } from '$lib/domain/list-columns';
import { sortOf } from '$lib/list-sort';
import type { DB } from '../platform/db';
import type { Database } from '../platform/schema';
import { anyColumnContains, PAGE_SIZE, pagedRows, pageWindow, requestedPage } from '../http/paging';
import type { AccountStatus } from './user-rules';
import type { UserListRow } from './users';

/**
 * The administrators' list of everyone with an account, paged by the database (a county has
 * hundreds of practitioners): searched by name or email address, filtered by role, agency and
 * whether the account is active, invited or disabled, sorted by a column.
 */

export type UserSort = ColumnKey<typeof USER_COLUMNS>;

export interface UserListQuery {
	page: number;
	text: string;
	role: UserRoleFilter | null;
	agencyId: number | null;
	status: AccountStatus | null;
	sort: UserSort;
	descending: boolean;
}

/** What the address asks of the list; anything not a real option is read as "all". */
export function userListQuery(url: URL): UserListQuery {
	const params = url.searchParams;
	const role = params.get('role') ?? '';
	const status = params.get('status') ?? '';
	const agency = params.get('agency') ?? '';
	return {
		page: requestedPage(url),
		text: (params.get('text') ?? '').trim().slice(0, 100),
		role: Object.hasOwn(USER_ROLE_FILTERS, role) ? (role as UserRoleFilter) : null,
		agencyId: /^[1-9][0-9]{0,9}$/.test(agency) ? Number(agency) : null,
		status: Object.hasOwn(ACCOUNT_STATUS_NAMES, status) ? (status as AccountStatus) : null,
		...sortOf(params, USER_COLUMNS)
	};
}

type UserQuery = ExpressionBuilder<Database, 'user' | 'agency'>;

function signsInBySingleSignOn(eb: UserQuery) {
	return eb.exists(
		eb
			.selectFrom('single_sign_on_identity')
			.select('single_sign_on_identity.id')
			.whereRef('single_sign_on_identity.user_id', '=', 'user.id')
	);
}

/** The account's status as accountStatus (user-rules.ts) decides it, in SQL to filter and sort. */
function statusOf(eb: UserQuery) {
	return eb
		.case()
		.when('user.disabled_at', 'is not', null)
		.then('disabled')
		.when(eb.or([eb('user.password_hash', 'is not', null), signsInBySingleSignOn(eb)]))
		.then('active')
		.else('invited')
		.end();
}

function withRole(eb: UserQuery, role: UserRoleFilter) {
	if (role === 'administrator') return eb('user.is_administrator', '=', 1);
	if (role === 'dpo') return eb('user.is_dpo', '=', 1);
	if (role === 'manager') return eb('user.is_manager', '=', 1);
	if (role === 'front-door') return eb('user.is_front_door', '=', 1);
	return eb.exists(
		eb
			.selectFrom('community_membership')
			.select('community_membership.user_id')
			.whereRef('community_membership.user_id', '=', 'user.id')
			.where('community_membership.role', '=', role)
	);
}

/** One page of the people with accounts, and how many match in all. */
export async function userListPage(db: DB, query: UserListQuery, size = PAGE_SIZE) {
	let base = db
		.selectFrom('user')
		.leftJoin('agency', 'agency.id', 'user.agency_id')
		.select((eb) => [
			'user.id',
			'user.name',
			'user.email',
			'agency.name as agencyName',
			'user.is_administrator',
			statusOf(eb).as('status'),
			eb
				.selectFrom('community_membership')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('community_membership.user_id', '=', 'user.id')
				.as('communityCount')
		]);
	if (query.text) base = base.where(anyColumnContains(['user.name', 'user.email'], query.text));
	const { role, status } = query;
	if (role) base = base.where((eb) => withRole(eb, role));
	if (query.agencyId) base = base.where('user.agency_id', '=', query.agencyId);
	if (status) base = base.where((eb) => eb(statusOf(eb), '=', status));
	const counted = await base
		.clearSelect()
		.select(sql<number>`count(*)`.as('total'))
		.executeTakeFirstOrThrow();
	const window = pageWindow(Number(counted.total), query.page, size);
	const direction = query.descending ? 'desc' : 'asc';
	const sorted = {
		name: base.orderBy('user.name', direction),
		email: base.orderBy('user.email', direction),
		// People with no agency come last either way.
		agency: base.orderBy(sql`agency.name is null`).orderBy('agency.name', direction),
		status: base.orderBy('status', direction)
	}[query.sort];
	const rows = await sorted
		.orderBy('user.name')
		.orderBy('user.id')
		.limit(window.limit)
		.offset(window.offset)
		.execute();
	return pagedRows(
		window,
		rows.map((row): UserListRow => ({
			id: row.id,
			name: row.name,
			email: row.email,
			agencyName: row.agencyName,
			isAdministrator: row.is_administrator === 1,
			status: row.status as AccountStatus,
			communityCount: Number(row.communityCount ?? 0)
		}))
	);
}

/** Every agency anyone may be in, retired ones too (someone may still be in one), for the filter. */
export async function agenciesToFilterBy(db: DB) {
	return db.selectFrom('agency').select(['id', 'name']).orderBy('name').execute();
}
