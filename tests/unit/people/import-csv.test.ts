import { describe, expect, it } from 'vitest';
import {
	carryFile,
	decodePeopleFile,
	fileFingerprint,
	formatCommunitiesCell,
	parseCommunitiesCell,
	parseCsv,
	readCarriedFile,
	readPeopleCsv,
	writePeopleCsv
} from '$lib/server/people/people-csv';
import {
	FILE_TOO_LARGE,
	NOT_CSV,
	PEOPLE_FILE_MAX_BYTES,
	PEOPLE_FILE_MAX_ROWS,
	detailChangeWords,
	roleChangeWords
} from '$lib/domain/people-import';

const HEADINGS = 'Name,Email,Job title,Agency,Communities';

function cells(text: string) {
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(parsed.problem);
	return parsed.records.map((r) => r.cells);
}

describe('reading CSV as spreadsheets write it', () => {
	it('splits on commas and keeps commas, quotes and line breaks inside quotes', () => {
		expect(cells('a,"b, c","say ""hi""","two\r\nlines"\r\nd,e,f,g\r\n')).toEqual([
			['a', 'b, c', 'say "hi"', 'two\r\nlines'],
			['d', 'e', 'f', 'g']
		]);
	});

	it('ends rows at CRLF, LF or CR alike, and a last line break adds no row', () => {
		expect(cells('a,b\r\nc,d\ne,f\rg,h')).toEqual([
			['a', 'b'],
			['c', 'd'],
			['e', 'f'],
			['g', 'h']
		]);
		expect(cells('a,b\n')).toEqual([['a', 'b']]);
	});

	it('keeps empty cells, an empty quoted cell and empty rows (so row numbers match)', () => {
		const parsed = parseCsv('a,,""\n\nb,c,\n');
		expect(parsed).toEqual({
			ok: true,
			records: [
				{ row: 1, cells: ['a', '', ''] },
				{ row: 2, cells: [''] },
				{ row: 3, cells: ['b', 'c', ''] }
			]
		});
	});

	it('forgives spaces around a quoted cell, as people type by hand', () => {
		expect(cells('a, "b, c" ,d')).toEqual([['a', 'b, c', 'd']]);
	});

	it('numbers a row with a line break in a cell as one spreadsheet row', () => {
		const parsed = parseCsv('h\n"one\ntwo"\nthree\n');
		expect(parsed.ok && parsed.records.map((r) => r.row)).toEqual([1, 2, 3]);
	});

	it('refuses a quote that is never closed, saying on which row it opened', () => {
		expect(parseCsv('a,b\nc,"d,e\nf,g\n')).toEqual({
			ok: false,
			problem: 'The file could not be read: a quote (") opened on row 2 is never closed'
		});
	});
});

describe('the people file', () => {
	it('matches headings in any case and order, and lists columns it does not use', () => {
		const file = readPeopleCsv(
			'\uFEFFCOMMUNITIES, email address ,Phone,agency,Job_Title,full name\r\nLedbury: member,Sam@X.example,0123,Youth Service,Youth worker,Sam Patel\r\n'
		);
		expect(file).toEqual({
			ok: true,
			ignoredColumns: ['Phone'],
			rows: [
				{
					row: 2,
					name: 'Sam Patel',
					email: 'Sam@X.example',
					jobTitle: 'Youth worker',
					agency: 'Youth Service',
					communities: 'Ledbury: member',
					extraCells: false
				}
			]
		});
	});

	it('says which columns are missing, and refuses a column given twice', () => {
		expect(readPeopleCsv('Name,Email,Agency\nA,a@x.example,Police\n')).toEqual({
			ok: false,
			problem:
				'The first row must name the columns Name, Email, Job title, Agency and Communities: Job title and Communities are missing'
		});
		expect(readPeopleCsv(`${HEADINGS},email\n`)).toEqual({
			ok: false,
			problem: 'The file has more than one Email column'
		});
	});

	it('skips empty rows but keeps the spreadsheet’s row numbers, and notes cells past the headings', () => {
		const file = readPeopleCsv(`${HEADINGS}\n,,,,\nA,a@x.example,,P,\n\nB,b@x.example,,P,,extra\n`);
		expect(file.ok && file.rows.map((r) => [r.row, r.name, r.extraCells])).toEqual([
			[3, 'A', false],
			[5, 'B', true]
		]);
	});

	it('refuses an empty file, one with only headings, and one with too many rows', () => {
		expect(readPeopleCsv('\n\n')).toEqual({ ok: false, problem: 'The selected file is empty' });
		expect(readPeopleCsv(`${HEADINGS}\n`)).toEqual({
			ok: false,
			problem: 'The file has no people in it: add a row for each person'
		});
		const many = Array.from(
			{ length: PEOPLE_FILE_MAX_ROWS + 1 },
			(_, i) => `P${i},p${i}@x.example,,A,`
		);
		expect(readPeopleCsv(`${HEADINGS}\n${many.join('\n')}`)).toEqual({
			ok: false,
			problem:
				'The file must have 5,000 rows of people or fewer: it has 5,001. Split it into smaller files'
		});
		expect(readPeopleCsv(`${HEADINGS}\n${many.slice(1).join('\n')}`).ok).toBe(true);
	});

	it('drops the export’s formula guard so an exported cell reads back as it was', () => {
		const file = readPeopleCsv(`${HEADINGS}\n'=Sam,s@x.example,'-lead,"'+Agency",\n`);
		expect(file.ok && file.rows[0]).toMatchObject({
			name: '=Sam',
			jobTitle: '-lead',
			agency: '+Agency'
		});
		// Only before a character a spreadsheet would run: an apostrophe in a name stays.
		const names = readPeopleCsv(`${HEADINGS}\n'Ria O'Neill,r@x.example,,A,\n`);
		expect(names.ok && names.rows[0]!.name).toBe("'Ria O'Neill");
	});
});

describe('the Communities column', () => {
	it('reads each community and role, in any case, the role after the last colon', () => {
		expect(
			parseCommunitiesCell(' Hereford South City: Chair;Leominster:member ; ; Ross: REMOVE;')
		).toEqual({
			entries: [
				{ community: 'Hereford South City', role: 'chair' },
				{ community: 'Leominster', role: 'member' },
				{ community: 'Ross', role: 'remove' }
			],
			problems: []
		});
		expect(parseCommunitiesCell('Site: East: coordinator').entries).toEqual([
			{ community: 'Site: East', role: 'coordinator' }
		]);
	});

	it('says what is wrong with an entry it cannot read', () => {
		expect(parseCommunitiesCell('Ledbury; Bromyard: boss; : member').problems).toEqual([
			'Give Ledbury a role after a colon, like ‘Ledbury: member’',
			'The role in Bromyard must be chair, coordinator, member or remove, not ‘boss’',
			'Put a community’s name before the colon in ‘: member’'
		]);
	});

	it('writes roles in the same form', () => {
		expect(
			formatCommunitiesCell([
				{ community: 'Bromyard', role: 'member' },
				{ community: 'Ledbury', role: 'chair' }
			])
		).toBe('Bromyard: member; Ledbury: chair');
	});
});

describe('the export', () => {
	it('writes the same columns with a byte-order mark, quoting and guarding formula cells', () => {
		const csv = writePeopleCsv([
			{
				name: '=HYPERLINK("http://evil.example")',
				email: 'a@x.example',
				jobTitle: null,
				agency: 'Police, West',
				roles: [{ community: 'Ledbury', role: 'member' }]
			},
			{ name: '@Sam', email: 'b@x.example', jobTitle: '+1', agency: null, roles: [] }
		]);
		expect(csv).toBe(
			'\uFEFFName,Email,Job title,Agency,Communities\r\n' +
				`"'=HYPERLINK(""http://evil.example"")",a@x.example,,"Police, West",Ledbury: member\r\n` +
				`'@Sam,b@x.example,'+1,,\r\n`
		);
		const back = readPeopleCsv(csv);
		expect(back.ok && back.rows.map((r) => [r.name, r.jobTitle, r.agency, r.communities])).toEqual([
			['=HYPERLINK("http://evil.example")', '', 'Police, West', 'Ledbury: member'],
			['@Sam', '+1', '', '']
		]);
	});
});

describe('the uploaded file', () => {
	it('takes UTF-8 text and drops a byte-order mark', () => {
		const bytes = new TextEncoder().encode('\uFEFFName,Email\nZoë,z@x.example\n');
		expect(decodePeopleFile(bytes)).toEqual({ ok: true, text: 'Name,Email\nZoë,z@x.example\n' });
	});

	it('refuses an empty file, one too large, a workbook and text not in UTF-8', () => {
		expect(decodePeopleFile(new Uint8Array())).toEqual({
			ok: false,
			problem: 'The selected file is empty'
		});
		expect(decodePeopleFile(new Uint8Array(PEOPLE_FILE_MAX_BYTES + 1).fill(65))).toEqual({
			ok: false,
			problem: FILE_TOO_LARGE
		});
		expect(decodePeopleFile(new Uint8Array(PEOPLE_FILE_MAX_BYTES).fill(65)).ok).toBe(true);
		expect(decodePeopleFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toEqual({
			ok: false,
			problem: NOT_CSV
		});
		// "Zoë" saved as Windows-1252.
		expect(decodePeopleFile(new Uint8Array([0x5a, 0x6f, 0xeb]))).toEqual({
			ok: false,
			problem: NOT_CSV
		});
	});

	it('comes back from the confirm step byte for byte, line breaks and all', () => {
		const text = 'Name\r\n"a\rb"\nZoë\r\n';
		expect(readCarriedFile(carryFile(text))).toBe(text);
		expect(fileFingerprint(text)).toMatch(/^[0-9a-f]{64}$/);
		expect(fileFingerprint(`${text} `)).not.toBe(fileFingerprint(text));
		expect(readCarriedFile('not base64!')).toBeNull();
		expect(readCarriedFile('')).toBeNull();
		expect(readCarriedFile(Buffer.from([0xff, 0xfe]).toString('base64'))).toBeNull();
	});
});

describe('the preview’s words', () => {
	it('says what happens to a role and to a detail', () => {
		const c = 'Ledbury';
		expect(roleChangeWords({ community: c, from: null, to: 'member' })).toBe(
			'Joins Ledbury as a member'
		);
		expect(roleChangeWords({ community: c, from: null, to: 'chair' })).toBe(
			'Joins Ledbury as chair'
		);
		expect(roleChangeWords({ community: c, from: 'coordinator', to: null })).toBe(
			'Leaves Ledbury (was a coordinator)'
		);
		expect(roleChangeWords({ community: c, from: 'member', to: 'chair' })).toBe(
			'Role in Ledbury changes from member to chair'
		);
		expect(detailChangeWords({ field: 'jobTitle', from: null, to: 'Nurse' })).toBe(
			'Job title becomes ‘Nurse’ (none before)'
		);
		expect(detailChangeWords({ field: 'agency', from: 'A', to: 'B' })).toBe(
			'Agency changes from ‘A’ to ‘B’'
		);
	});
});
