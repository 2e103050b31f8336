import { render } from 'svelte/server';
import { describe, expect, it, vi } from 'vitest';
import Pagination from '$lib/components/Pagination.svelte';

vi.mock('$app/state', () => ({
	page: { url: new URL('http://localhost/actions?status=open&page=3') }
}));

describe('GOV.UK pagination', () => {
	it('links previous and next pages once each, keeping the filters', () => {
		const { body } = render(Pagination, { props: { page: 3, pageCount: 9, of: 'your actions' } });
		expect(body).toContain('aria-label="Pages of your actions"');
		expect(body.match(/rel="prev"/g)).toHaveLength(1);
		expect(body.match(/rel="next"/g)).toHaveLength(1);
		expect(body).toMatch(/href="\?status=open&amp;page=2" rel="prev"/);
		expect(body).toMatch(/href="\?status=open&amp;page=4" rel="next"/);
		expect(body).toContain('govuk-pagination__icon--prev');
		expect(body).toContain('govuk-pagination__icon--next');
		expect(body.indexOf('icon--prev')).toBeLessThan(body.indexOf('>Previous<'));
		expect(body).toContain('Previous<span class="govuk-visually-hidden"> page');
		expect(body.indexOf('>Next<')).toBeLessThan(body.indexOf('icon--next'));
	});

	it('has no previous link on the first page and no next link on the last', () => {
		const first = render(Pagination, { props: { page: 1, pageCount: 4, of: 'cases' } }).body;
		expect(first).not.toContain('rel="prev"');
		expect(first).toContain('rel="next"');
		const last = render(Pagination, { props: { page: 4, pageCount: 4, of: 'cases' } }).body;
		expect(last).toContain('rel="prev"');
		expect(last).not.toContain('rel="next"');
	});

	it('shows nothing for a single page', () => {
		expect(
			render(Pagination, { props: { page: 1, pageCount: 1, of: 'cases' } }).body
		).not.toContain('govuk-pagination');
	});
});
