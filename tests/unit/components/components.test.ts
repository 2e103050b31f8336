import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ErrorSummary from '$lib/components/ErrorSummary.svelte';
import TextInput from '$lib/components/TextInput.svelte';
import Choices from '$lib/components/Choices.svelte';
import DateInput from '$lib/components/DateInput.svelte';

describe('GOV.UK error pattern', () => {
	it('summarises each problem with a link to its field', () => {
		const { body } = render(ErrorSummary, {
			props: { errors: { email: 'Enter an email address', password: 'Enter your password' } }
		});
		expect(body).toContain('There is a problem');
		expect(body).toContain('role="alert"');
		expect(body).toMatch(/<a href="#email">Enter an email address<\/a>/);
		expect(body).toMatch(/<a href="#password">Enter your password<\/a>/);
	});

	it('shows no summary when there are no problems', () => {
		expect(render(ErrorSummary, { props: { errors: {} } }).body).not.toContain(
			'There is a problem'
		);
		expect(render(ErrorSummary, { props: { errors: undefined } }).body).not.toContain(
			'govuk-error-summary'
		);
	});

	it('puts the same words next to the field, announced as an error and tied to the input', () => {
		const { body } = render(TextInput, {
			props: {
				id: 'email',
				label: 'Email address',
				value: 'typed@example',
				error: 'Enter an email address',
				hint: 'Your work email'
			}
		});
		expect(body).toContain('govuk-form-group--error');
		expect(body).toMatch(
			/<span class="govuk-visually-hidden">Error:<\/span>\s*Enter an email address/
		);
		expect(body).toContain('aria-describedby="email-hint email-error"');
		expect(body).toContain('value="typed@example"');
	});

	it('links the error summary to the first radio or checkbox, so focus lands on the field', () => {
		const { body } = render(Choices, {
			props: {
				kind: 'radios',
				id: 'role',
				legend: 'Role',
				items: [
					{ value: 'chair', label: 'Chair' },
					{ value: 'member', label: 'Member' }
				],
				selected: ['member'],
				error: 'Choose a role'
			}
		});
		expect(body).toMatch(/id="role"[^>]*value="chair"/);
		expect(body).toMatch(/id="role-2"[^>]*value="member"[^>]*checked/);
		expect(body).toContain('id="role-error"');
	});

	it('keeps what was typed in each box of a date', () => {
		const { body } = render(DateInput, {
			props: {
				id: 'due',
				legend: 'Due date',
				value: { day: '31', month: '2', year: '2027' },
				error: 'Due date must be a real date'
			}
		});
		expect(body).toMatch(/name="due-day"[^>]*value="31"/);
		expect(body).toMatch(/name="due-month"[^>]*value="2"/);
		expect(body).toMatch(/name="due-year"[^>]*value="2027"/);
		expect(body).toContain('Due date must be a real date');
	});
});
