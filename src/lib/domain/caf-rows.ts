/**
 * The rows of a new CAF's form that grow with the family ("Add another family member", "Add
 * another need", "Remove"), as field values: the same rules on the server (a page without
 * JavaScript posts to `?/addOrRemove`) and in the browser (the row added or removed in place).
 */
import { CAF_MEMBER_LIMIT, CAF_NEED_LIMIT } from './family';

export type CafRowKind = 'member' | 'need';

export const CAF_ROW_FIELDS: Record<CafRowKind, readonly string[]> = {
	member: ['name', 'dob-day', 'dob-month', 'dob-year', 'relationship', 'setting'],
	need: ['member', 'description', 'domain']
};

const LIMITS: Record<CafRowKind, number> = { member: CAF_MEMBER_LIMIT, need: CAF_NEED_LIMIT };
/** A fresh CAF offers a child and a parent or carer, and one need. */
const FIRST_ROWS: Record<CafRowKind, number> = { member: 2, need: 1 };

export function cafRowLimit(kind: CafRowKind): number {
	return LIMITS[kind];
}

const countField = (kind: CafRowKind) => `${kind}Rows`;

/** Whether anything is typed in this row. */
export function rowIsFilled(
	values: Record<string, string>,
	kind: CafRowKind,
	row: number
): boolean {
	return CAF_ROW_FIELDS[kind].some((field) => (values[`${kind}-${row}-${field}`] ?? '').trim());
}

/**
 * How many rows of this kind the form shows: as many as it last showed (its hidden count), and
 * never fewer than the last row typed in, nor fewer than a fresh form's; at most the limit.
 */
export function cafRowCount(values: Record<string, string> | undefined, kind: CafRowKind): number {
	const shown = values ?? {};
	const asked = Number.parseInt(shown[countField(kind)] ?? '', 10);
	let count = Number.isInteger(asked) && asked > 0 ? asked : FIRST_ROWS[kind];
	for (let row = count + 1; row <= LIMITS[kind]; row++)
		if (rowIsFilled(shown, kind, row)) count = row;
	return Math.min(count, LIMITS[kind]);
}

/** The values with one more empty row of this kind, unless the form already holds the limit. */
export function withRowAdded(
	values: Record<string, string>,
	kind: CafRowKind
): Record<string, string> {
	const count = cafRowCount(values, kind);
	return { ...values, [countField(kind)]: String(Math.min(count + 1, LIMITS[kind])) };
}

/**
 * The values without this row: the rows below move up one, and a need for a family member who
 * moved up follows them (a need for the member removed is left for its writer to choose again).
 */
export function withRowRemoved(
	values: Record<string, string>,
	kind: CafRowKind,
	removed: number
): Record<string, string> {
	const count = cafRowCount(values, kind);
	if (!Number.isInteger(removed) || removed < 1 || removed > count) return values;
	const next = { ...values };
	for (let row = removed; row <= count; row++)
		for (const field of CAF_ROW_FIELDS[kind]) {
			const below = values[`${kind}-${row + 1}-${field}`];
			if (row < count && below !== undefined) next[`${kind}-${row}-${field}`] = below;
			else delete next[`${kind}-${row}-${field}`];
		}
	next[countField(kind)] = String(Math.max(count - 1, 1));
	if (kind === 'member')
		for (let need = 1; need <= cafRowCount(values, 'need'); need++) {
			const key = `need-${need}-member`;
			const member = Number(values[key]);
			if (member === removed) next[key] = '';
			else if (member > removed) next[key] = String(member - 1);
		}
	return next;
}

/** Which button of the form was pressed: "add-member", "remove-need-3"… */
export function readRowChange(
	change: string
): { add: true; kind: CafRowKind } | { add: false; kind: CafRowKind; row: number } | null {
	const match = /^(add|remove)-(member|need)(?:-(\d{1,2}))?$/.exec(change);
	if (!match) return null;
	const kind = match[2] as CafRowKind;
	if (match[1] === 'add') return { add: true, kind };
	return match[3] ? { add: false, kind, row: Number(match[3]) } : null;
}

/** The values after the button pressed ("add-member", "remove-need-3"), or unchanged. */
export function withRowChange(
	values: Record<string, string>,
	change: string
): Record<string, string> {
	const asked = readRowChange(change);
	if (!asked) return values;
	return asked.add
		? withRowAdded(values, asked.kind)
		: withRowRemoved(values, asked.kind, asked.row);
}
