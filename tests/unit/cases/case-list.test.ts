import { describe, expect, it } from 'vitest';
import { caseListPage, caseListQuery, type CaseListRow } from '$lib/server/cases/case-list';

const rows: CaseListRow[] = Array.from({ length: 60 }, (_, i) => ({
	id: i + 1,
	reference: `LED-2027-${String(i + 1).padStart(3, '0')}`,
	initials: i === 7 ? 'Z.Q.' : 'A.B.',
	status: i % 10 === 0 ? 'withdrawn' : 'open',
	leadProfessionalName: i % 2 ? 'Bea Lead' : null,
	nextReviewDate: i === 3 ? '2027-01-05' : null
}));
const query = (address: string, page = 1) =>
	caseListQuery(new URL(`http://localhost/cases${address}`), page);

describe('the case list', () => {
	it('shows 50 a page in reference order', () => {
		const first = caseListPage(rows, query(''));
		expect(first).toMatchObject({ total: 60, from: 1, to: 50, pageCount: 2 });
		expect(first.rows[0]!.reference).toBe('LED-2027-001');
		expect(caseListPage(rows, query('', 2)).rows.map((r) => r.id)).toHaveLength(10);
	});

	it('finds a reference or initials in any case, and filters by status', () => {
		expect(caseListPage(rows, query('?text=led-2027-042')).rows.map((r) => r.id)).toEqual([42]);
		expect(caseListPage(rows, query('?text=z.q')).rows.map((r) => r.id)).toEqual([8]);
		expect(caseListPage(rows, query('?status=withdrawn')).total).toBe(6);
		expect(caseListPage(rows, query('?text=nothing')).total).toBe(0);
	});

	it('sorts by a column either way, the next review soonest first and "not booked" last', () => {
		expect(caseListPage(rows, query('?sort=review')).rows[0]!.id).toBe(4);
		expect(caseListPage(rows, query('?sort=review&order=desc')).rows.at(-1)!.id).not.toBe(4);
		expect(caseListPage(rows, query('?sort=reference&order=desc')).rows[0]!.id).toBe(60);
	});

	it('reads anything that is not a real option as the default', () => {
		expect(query('?sort=name&status=secret&order=up')).toEqual({
			text: '',
			status: null,
			sort: 'reference',
			descending: false,
			page: 1
		});
	});
});
