import { TZDate } from '@date-fns/tz';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { readDateInput } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';
import {
	CALLER_KINDS,
	CONTACT_OUTCOMES,
	CONTACT_PEOPLE,
	type CallerKind,
	type ContactOutcome
} from '../../domain/front-door';

/** The "Record a contact" form: what was typed (to show again), a message per field, the input. */

export interface ContactPerson {
	name: string;
	dateOfBirth: string | null;
}

export interface ContactInput {
	receivedAt: string;
	callerKind: CallerKind;
	callerName: string;
	callerAgency: string | null;
	callerRelationship: string | null;
	communityId: number | null;
	people: ContactPerson[];
	asked: string;
	outcome: ContactOutcome;
	liaisonWorker: string | null;
	notes: string | null;
	familyConsented: boolean;
}

const DATE_PARTS = ['day', 'month', 'year'] as const;

/** The form's field names, for the page: the date boxes and each person's row. */
export function personField(row: number, field: 'name' | 'dob') {
	return `person-${row}-${field}`;
}

function dateTyped(form: FormData, id: string) {
	const [day, month, year] = DATE_PARTS.map((part) => textField(form, `${id}-${part}`));
	return { day: day!, month: month!, year: year! };
}

/** The form's date and time boxes as of now, in England: most contacts are recorded as they come. */
export function receivedNow(now = new Date()): Record<string, string> {
	const local = new TZDate(now, 'Europe/London');
	return {
		'received-day': String(local.getDate()),
		'received-month': String(local.getMonth() + 1),
		'received-year': String(local.getFullYear()),
		receivedTime: `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`
	};
}

export function readContactForm(form: FormData, communityIds: number[], now = new Date()) {
	const values: Record<string, string> = {};
	for (const name of [
		'callerKind',
		'callerName',
		'callerAgency',
		'callerRelationship',
		'communityId',
		'asked',
		'outcome',
		'liaisonWorker',
		'notes',
		'receivedTime'
	])
		values[name] = textField(form, name);
	values.familyConsented = form.get('familyConsented') === 'yes' ? 'yes' : '';
	const errors: FieldErrors = {};

	const received = dateTyped(form, 'received');
	for (const part of DATE_PARTS) values[`received-${part}`] = received[part];
	const date = readDateInput(received.day, received.month, received.year);
	if (!date.ok) errors.received = date.message.replace('The date', 'The date of the contact');
	const time = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(values.receivedTime!);
	if (!time) errors.receivedTime = 'Enter the time of the contact, like 14:30';
	let receivedAt = '';
	if (date.ok && time) {
		const [year, month, day] = date.date.split('-').map(Number) as [number, number, number];
		const instant = new TZDate(year, month - 1, day, +time[1]!, +time[2]!, 'Europe/London');
		receivedAt = new Date(instant.getTime()).toISOString();
		if (instant.getTime() > now.getTime() + 60_000)
			errors.received = 'The date of the contact must be today or in the past';
	}

	if (!Object.hasOwn(CALLER_KINDS, values.callerKind!))
		errors.callerKind = 'Choose who called: a practitioner, a family member or someone else';
	const text = (name: string, rule: Parameters<typeof freeTextProblem>[1]) => {
		const problem = freeTextProblem(values[name]!, rule);
		if (problem) errors[name] = problem;
	};
	text('callerName', {
		missing: 'Enter the caller’s name',
		limit: TEXT_LIMITS.name,
		label: 'Name'
	});
	text('callerAgency', {
		missing: values.callerKind === 'practitioner' ? 'Enter the practitioner’s agency' : undefined,
		limit: TEXT_LIMITS.agency,
		label: 'Agency'
	});
	text('callerRelationship', {
		missing:
			values.callerKind === 'family-member'
				? 'Enter how the caller is related to the child'
				: undefined,
		limit: TEXT_LIMITS.name,
		label: 'Relationship'
	});

	const communityId = values.communityId ? Number(values.communityId) : null;
	if (communityId !== null && !communityIds.includes(communityId))
		errors.communityId = 'Choose the community from the list, or “Not known”';

	const people: ContactPerson[] = [];
	for (let row = 1; row <= CONTACT_PEOPLE; row++) {
		const nameField = personField(row, 'name');
		const dobField = personField(row, 'dob');
		values[nameField] = textField(form, nameField);
		const dob = dateTyped(form, dobField);
		for (const part of DATE_PARTS) values[`${dobField}-${part}`] = dob[part];
		const name = values[nameField]!;
		const anyDate = dob.day || dob.month || dob.year;
		if (!name && !anyDate) {
			if (row === 1) errors[nameField] = 'Enter the name of the child the contact is about';
			continue;
		}
		const nameProblem = freeTextProblem(name, {
			missing: 'Enter the name of the person whose date of birth this is',
			limit: TEXT_LIMITS.name,
			label: 'Name'
		});
		if (nameProblem) errors[nameField] = nameProblem;
		let dateOfBirth: string | null = null;
		if (anyDate) {
			const read = readDateInput(dob.day, dob.month, dob.year);
			if (!read.ok) errors[dobField] = read.message.replace('The date', 'Date of birth');
			else if (read.date > now.toISOString().slice(0, 10))
				errors[dobField] = 'Date of birth must be in the past';
			else dateOfBirth = read.date;
		}
		if (name) people.push({ name, dateOfBirth });
	}

	text('asked', {
		missing: 'Enter what the caller asked',
		limit: TEXT_LIMITS.itemLong,
		label: 'What was asked'
	});
	if (!Object.hasOwn(CONTACT_OUTCOMES, values.outcome!))
		errors.outcome = 'Choose the outcome of the contact';
	text('liaisonWorker', {
		missing:
			values.outcome === 'liaison' ? 'Enter the name of the worker you liaised with' : undefined,
		limit: TEXT_LIMITS.name,
		label: 'Named worker'
	});
	text('notes', { limit: TEXT_LIMITS.outcomeNote, label: 'Notes' });

	const input: ContactInput | null =
		Object.keys(errors).length === 0
			? {
					receivedAt,
					callerKind: values.callerKind as CallerKind,
					callerName: values.callerName!,
					callerAgency: values.callerKind === 'practitioner' ? values.callerAgency! : null,
					callerRelationship:
						values.callerKind === 'family-member' ? values.callerRelationship! : null,
					communityId,
					people,
					asked: values.asked!,
					outcome: values.outcome as ContactOutcome,
					liaisonWorker: values.outcome === 'liaison' ? values.liaisonWorker! : null,
					notes: values.notes || null,
					familyConsented: values.familyConsented === 'yes'
				}
			: null;
	return { values, errors, input };
}
