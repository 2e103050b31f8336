import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import {
	FILE_TOO_LARGE,
	NOT_CSV,
	PEOPLE_COLUMNS,
	PEOPLE_FILE_MAX_BYTES,
	PEOPLE_FILE_MAX_ROWS,
	REMOVE_ROLE,
	ROLES_IN_FILE,
	rows as rowCount,
	type PeopleColumn,
	type RoleInFile
} from '../../domain/people-import';
import type { CommunityRole } from '../platform/schema';
import { toCsv } from '../http/csv';

/**
 * The people file (README, "Adding people in bulk"): reading it as a spreadsheet program writes
 * CSV, and writing it back out. Pure: no database here.
 */

export interface CsvRecord {
	/** The row as a spreadsheet numbers it: the heading row is 1. */
	row: number;
	cells: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; problem: string };

/**
 * RFC 4180 as spreadsheets write it, forgiving what people type by hand: fields separated by
 * commas, a field in double quotes may hold commas, line breaks and doubled quotes (`""`), and
 * records end with CRLF, LF or CR. Spaces before an opening quote or after a closing one are
 * dropped (`a, "b, c"` is two fields). A quote opened and never closed is a problem, not a guess.
 */
export function parseCsv(text: string): CsvParse {
	const records: CsvRecord[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let afterQuote = false;
	let quoteRow = 0;
	let i = 0;
	const endCell = () => {
		cells.push(cell);
		cell = '';
		afterQuote = false;
	};
	const endRecord = () => {
		endCell();
		records.push({ row: records.length + 1, cells });
		cells = [];
	};
	while (i < text.length) {
		const char = text[i]!;
		if (quoted) {
			if (char === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i += 2;
					continue;
				}
				quoted = false;
				afterQuote = true;
			} else {
				cell += char;
			}
			i += 1;
			continue;
		}
		if (char === ',') {
			endCell();
		} else if (char === '\r' || char === '\n') {
			endRecord();
			if (char === '\r' && text[i + 1] === '\n') i += 1;
		} else if (char === '"' && !afterQuote && cell.trim() === '') {
			cell = '';
			quoted = true;
			quoteRow = records.length + 1;
		} else if (afterQuote && (char === ' ' || char === '\t')) {
			// Spaces between a closing quote and the next comma.
		} else {
			cell += char;
		}
		i += 1;
	}
	if (quoted) {
		return {
			ok: false,
			problem: `The file could not be read: a quote (") opened on row ${quoteRow} is never closed`
		};
	}
	// A last line with nothing on it is the file's final line break, not an empty row.
	if (cell !== '' || cells.length > 0 || afterQuote) endRecord();
	return { ok: true, records };
}

/** The single quote the export puts before a cell a spreadsheet would run as a formula. */
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

/** A cell as typed: trimmed, and without the export's formula guard (so an export reads back). */
function cellValue(raw: string | undefined): string {
	return (raw ?? '').replace(FORMULA_GUARD, '').trim();
}

/** A heading as people write it: any case, spaces, hyphens or underscores between words. */
function headingKey(heading: string): string {
	return heading
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[\s_-]+/g, ' ');
}

const HEADINGS: Record<string, PeopleColumn> = {
	name: 'name',
	'full name': 'name',
	email: 'email',
	'email address': 'email',
	'job title': 'jobTitle',
	agency: 'agency',
	communities: 'communities'
};

const COLUMN_TITLES: Record<PeopleColumn, string> = {
	name: 'Name',
	email: 'Email',
	jobTitle: 'Job title',
	agency: 'Agency',
	communities: 'Communities'
};

/** One person's row as the file has it: each cell trimmed, nothing looked up yet. */
export interface PersonRow {
	row: number;
	name: string;
	email: string;
	jobTitle: string;
	agency: string;
	communities: string;
	/** Cells past the last heading with something in them. */
	extraCells: boolean;
}

export type PeopleFile =
	{ ok: true; rows: PersonRow[]; ignoredColumns: string[] } | { ok: false; problem: string };

/**
 * Reads the file's text: a heading row naming the five columns (in any order, any case; other
 * columns are left out and listed), then a row per person. Empty rows are skipped but still
 * counted, so row numbers match the spreadsheet's.
 */
export function readPeopleCsv(text: string): PeopleFile {
	const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
	if (!parsed.ok) return parsed;
	const isBlank = (record: CsvRecord) => record.cells.every((cell) => cell.trim() === '');
	const records = parsed.records;
	const headingAt = records.findIndex((record) => !isBlank(record));
	if (headingAt === -1) return { ok: false, problem: 'The selected file is empty' };
	const headingRecord = records[headingAt]!;
	const columns = new Map<PeopleColumn, number>();
	const ignoredColumns: string[] = [];
	for (const [index, heading] of headingRecord.cells.entries()) {
		const column = HEADINGS[headingKey(heading)];
		if (!column) {
			if (heading.trim() !== '') ignoredColumns.push(heading.trim());
			continue;
		}
		if (columns.has(column)) {
			return { ok: false, problem: `The file has more than one ${COLUMN_TITLES[column]} column` };
		}
		columns.set(column, index);
	}
	const missing = (Object.keys(COLUMN_TITLES) as PeopleColumn[]).filter((c) => !columns.has(c));
	if (missing.length > 0) {
		return {
			ok: false,
			problem: `The first row must name the columns ${listOf([...PEOPLE_COLUMNS])}: ${listOf(missing.map((c) => COLUMN_TITLES[c]))} ${missing.length === 1 ? 'is' : 'are'} missing`
		};
	}
	const width = headingRecord.cells.length;
	const people = records.slice(headingAt + 1).filter((record) => !isBlank(record));
	if (people.length === 0) {
		return { ok: false, problem: 'The file has no people in it: add a row for each person' };
	}
	if (people.length > PEOPLE_FILE_MAX_ROWS) {
		return {
			ok: false,
			problem: `The file must have ${rowCount(PEOPLE_FILE_MAX_ROWS)} of people or fewer: it has ${people.length.toLocaleString('en-GB')}. Split it into smaller files`
		};
	}
	const cell = (record: CsvRecord, column: PeopleColumn) =>
		cellValue(record.cells[columns.get(column)!]);
	return {
		ok: true,
		ignoredColumns,
		rows: people.map((record) => ({
			row: record.row,
			name: cell(record, 'name'),
			email: cell(record, 'email'),
			jobTitle: cell(record, 'jobTitle'),
			agency: cell(record, 'agency'),
			communities: cell(record, 'communities'),
			extraCells: record.cells.slice(width).some((extra) => extra.trim() !== '')
		}))
	};
}

function listOf(words: string[]): string {
	return words.length <= 1
		? (words[0] ?? '')
		: `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export interface RoleEntry {
	community: string;
	role: RoleInFile;
}

/**
 * A Communities cell: `Hereford South City: chair; Leominster: member`. Entries are separated by
 * semicolons, each a community's name, a colon and the role (chair, coordinator, member, or
 * remove), in any case. The role follows the last colon, so a name may hold one.
 */
export function parseCommunitiesCell(cell: string): { entries: RoleEntry[]; problems: string[] } {
	const entries: RoleEntry[] = [];
	const problems: string[] = [];
	for (const part of cell.split(';')) {
		const entry = part.trim();
		if (entry === '') continue;
		const colon = entry.lastIndexOf(':');
		const community = (colon === -1 ? entry : entry.slice(0, colon)).trim();
		const role =
			colon === -1
				? ''
				: entry
						.slice(colon + 1)
						.trim()
						.toLowerCase();
		if (community === '') {
			problems.push(`Put a community’s name before the colon in ‘${entry}’`);
		} else if (role === '') {
			problems.push(`Give ${community} a role after a colon, like ‘${community}: member’`);
		} else if (!(ROLES_IN_FILE as string[]).includes(role)) {
			problems.push(
				`The role in ${community} must be chair, coordinator, member or ${REMOVE_ROLE}, not ‘${role}’`
			);
		} else {
			entries.push({ community, role: role as RoleInFile });
		}
	}
	return { entries, problems };
}

/** The other way: `Bromyard: member; Ledbury: chair`, communities in the order given. */
export function formatCommunitiesCell(roles: { community: string; role: CommunityRole }[]): string {
	return roles.map(({ community, role }) => `${community}: ${role}`).join('; ');
}

export interface PersonForExport {
	name: string;
	email: string;
	jobTitle: string | null;
	agency: string | null;
	roles: { community: string; role: CommunityRole }[];
}

/**
 * The export: the same columns the import reads, so it reads back as "no changes". UTF-8 with a
 * byte-order mark (spreadsheets then read it as UTF-8), and any cell a spreadsheet would run as a
 * formula guarded with a leading single quote, which the import drops again.
 */
export function writePeopleCsv(people: PersonForExport[]): string {
	return `\uFEFF${toCsv([
		[...PEOPLE_COLUMNS],
		...people.map((person) => [
			person.name,
			person.email,
			person.jobTitle ?? '',
			person.agency ?? '',
			formatCommunitiesCell(person.roles)
		])
	])}`;
}

export type DecodedFile = { ok: true; text: string } | { ok: false; problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The uploaded bytes as text: within the size limit, UTF-8, and not a spreadsheet's own format. */
export function decodePeopleFile(bytes: Uint8Array): DecodedFile {
	if (bytes.length === 0) return { ok: false, problem: 'The selected file is empty' };
	if (bytes.length > PEOPLE_FILE_MAX_BYTES) {
		return { ok: false, problem: FILE_TOO_LARGE };
	}
	let text: string;
	try {
		text = utf8.decode(bytes);
	} catch {
		return { ok: false, problem: NOT_CSV };
	}
	// A workbook (.xlsx is a zip, .xls a compound file) or anything else binary.
	if (text.includes('\u0000')) return { ok: false, problem: NOT_CSV };
	return { ok: true, text: text.replace(/^\uFEFF/, '') };
}

/** The SHA-256 of the file's text, as the preview shows it and the confirm step checks it. */
export function fileFingerprint(text: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/**
 * The file, carried from the preview to the confirm step in a hidden field: base64, because a
 * browser rewrites the line breaks of a form field's text (CR and LF alone become CRLF) and the
 * file must come back byte for byte.
 */
export function carryFile(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

export function readCarriedFile(carried: string): string | null {
	if (carried === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(carried)) return null;
	try {
		return utf8.decode(Buffer.from(carried, 'base64'));
	} catch {
		return null;
	}
}
