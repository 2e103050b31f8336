import { describe, expect, it } from 'vitest';
import { cafSections } from '$lib/domain/caf-sections';
import { cafForm } from './new-caf-fixture';

const asValues = (form: FormData) =>
	Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
const statuses = (values: Record<string, string>) =>
	Object.fromEntries(cafSections(values).map((s) => [s.id, s.status]));

describe('where the writer is in a new CAF', () => {
	it('has every section not started on a fresh form', () => {
		expect(statuses({})).toEqual({
			'caf-family': 'not-started',
			'caf-needs': 'not-started',
			'caf-details': 'not-started',
			'caf-consent': 'not-started'
		});
	});

	it('has every section completed on a filled-in form', () => {
		expect(new Set(Object.values(statuses(asValues(cafForm()))))).toEqual(new Set(['completed']));
	});

	it('has a section in progress while one of its fields or rows is left', () => {
		const values = asValues(cafForm({ 'member-2-relationship': null, coversMag: null }));
		expect(statuses(values)).toMatchObject({
			'caf-family': 'in-progress',
			'caf-needs': 'completed',
			'caf-consent': 'in-progress'
		});
	});
});
