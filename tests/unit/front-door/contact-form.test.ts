import { describe, expect, it } from 'vitest';
import { readContactForm } from '$lib/server/front-door/contact-form';
import { form } from '../helpers';

const now = new Date('2026-12-03T15:00:00Z');
const good = {
	'received-day': '2',
	'received-month': '12',
	'received-year': '2026',
	receivedTime: '10:15',
	callerKind: 'practitioner',
	callerName: 'Claire Benton',
	callerAgency: 'Leominster Primary School',
	'person-1-name': 'Mason Clarke',
	'person-1-dob-day': '11',
	'person-1-dob-month': '4',
	'person-1-dob-year': '2016',
	communityId: '7',
	asked: 'Worried about attendance; asked what support there is.',
	outcome: 'liaison',
	liaisonWorker: 'Karen Doyle'
};

describe('reading the “Record a contact” form', () => {
	it('reads a practitioner’s call about a child, the time as in England', () => {
		const { input, errors } = readContactForm(form(good), [7], now);
		expect(errors).toEqual({});
		expect(input).toMatchObject({
			receivedAt: '2026-12-02T10:15:00.000Z',
			callerKind: 'practitioner',
			callerAgency: 'Leominster Primary School',
			callerRelationship: null,
			communityId: 7,
			people: [{ name: 'Mason Clarke', dateOfBirth: '2016-04-11' }],
			outcome: 'liaison',
			liaisonWorker: 'Karen Doyle',
			familyConsented: false
		});
	});

	it.each([
		['callerName', { callerName: '' }, 'Enter the caller’s name'],
		['callerAgency', { callerAgency: '' }, 'Enter the practitioner’s agency'],
		['liaisonWorker', { liaisonWorker: '' }, 'Enter the name of the worker you liaised with'],
		[
			'person-1-name',
			{
				'person-1-name': '',
				'person-1-dob-day': '',
				'person-1-dob-month': '',
				'person-1-dob-year': ''
			},
			'Enter the name of the child the contact is about'
		],
		['person-1-dob', { 'person-1-dob-month': '13' }, 'Date of birth must be a real date'],
		['received', { 'received-day': '4' }, 'The date of the contact must be today or in the past'],
		['receivedTime', { receivedTime: 'noon' }, 'Enter the time of the contact, like 14:30'],
		['outcome', { outcome: 'lost' }, 'Choose the outcome of the contact'],
		['communityId', { communityId: '99' }, 'Choose the community from the list, or “Not known”']
	])('puts a message by %s, keeping what was typed', (field, change, message) => {
		const { input, errors, values } = readContactForm(form({ ...good, ...change }), [7], now);
		expect(input).toBeNull();
		expect(errors[field]).toBe(message);
		expect(values.callerName).toBe(
			(change as Record<string, string>).callerName ?? 'Claire Benton'
		);
		expect(values.asked).toBe(good.asked);
	});

	it('asks a family member’s relationship, and keeps no agency for them', () => {
		const family = { ...good, callerKind: 'family-member', callerRelationship: '' };
		expect(readContactForm(form(family), [7], now).errors.callerRelationship).toBe(
			'Enter how the caller is related to the child'
		);
		const { input } = readContactForm(form({ ...family, callerRelationship: 'Mother' }), [7], now);
		expect(input).toMatchObject({ callerAgency: null, callerRelationship: 'Mother' });
	});
});
