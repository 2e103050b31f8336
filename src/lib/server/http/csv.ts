/**
 * CSV as RFC 4180 writes it (CRLF line ends, fields with a comma, quote or line break quoted, quotes
 * doubled), made safe to open in a spreadsheet: a cell that a spreadsheet would read as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading single quote, as OWASP advises.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: string[][]): string {
	return rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** A name safe for a download's file name: lower case letters, digits and hyphens. */
export function fileSlug(text: string): string {
	return (
		text
			.toLowerCase()
			.normalize('NFKD')
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'all'
	);
}
