import type { NeedDomain } from '../platform/schema';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import { consentTextProblem } from './consent';
import { readSharing, sharingValues, type SharingOnFile } from '../cases/consent-sharing';
import { isChildRelationship, levelsOfNeed, partTwoConsentRefusal } from './new-caf-rules';
import type { FamilyMemberInput, NewCafInput } from './new-caf';
import { readDateInput } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { NEED_DOMAINS, RELATIONSHIPS, WAYS_IN, sharingFormValues } from '../../domain/family';
import { cafRowCount, withRowChange } from '../../domain/caf-rows';

/**
 * The part 2 form (NewCafFields): the family, their needs, the CAF and the consent, read and
 * checked field by field, and a stored CAF turned back into the form's fields to change it.
 */

/**
 * The choices the part 2 form offers (NewCafFields); its rows grow with the family (caf-rows).
 * `agencies`: the council's agencies, for who may know (`listAgencies`).
 */
export function newCafOptions(agencies: { id: number; name: string }[]) {
	return {
		agencies: agencies.map(({ id, name }) => ({ id, name })),
		relationships: RELATIONSHIPS,
		domains: NEED_DOMAINS,
		waysIn: WAYS_IN,
		levels: levelsOfNeed()
	};
}

/** A GOV.UK date input's three boxes, as typed. */
function dateField(form: FormData, id: string): [day: string, month: string, year: string] {
	return [
		textField(form, `${id}-day`),
		textField(form, `${id}-month`),
		textField(form, `${id}-year`)
	];
}

/** The family members typed in the rows of the form; an empty row is skipped. */
function readMembers(
	form: FormData,
	rows: number,
	today: string,
	errors: FieldErrors
): FamilyMemberInput[] {
	const members: FamilyMemberInput[] = [];
	for (let row = 1; row <= rows; row++) {
		const name = textField(form, `member-${row}-name`);
		const dob = dateField(form, `member-${row}-dob`);
		const relationship = textField(form, `member-${row}-relationship`);
		const setting = textField(form, `member-${row}-setting`);
		if (!name && !dob.some(Boolean) && !relationship && !setting) continue;
		const nameProblem = freeTextProblem(name, {
			missing: `Enter the name of family member ${row}`,
			limit: TEXT_LIMITS.name,
			label: 'Name'
		});
		if (nameProblem) errors[`member-${row}-name`] = nameProblem;
		const date = readDateInput(...dob);
		if (!date.ok)
			errors[`member-${row}-dob`] = date.message.replace(
				'the date',
				`the date of birth of family member ${row}`
			);
		else if (date.date > today) errors[`member-${row}-dob`] = 'Date of birth must be in the past';
		if (!(RELATIONSHIPS as readonly string[]).includes(relationship))
			errors[`member-${row}-relationship`] = `Choose how family member ${row} is related`;
		const isChild = isChildRelationship(relationship);
		const settingProblem = freeTextProblem(setting, {
			...(isChild ? { missing: `Enter the school or setting of family member ${row}` } : {}),
			limit: TEXT_LIMITS.itemShort,
			label: 'School or setting'
		});
		if (settingProblem) errors[`member-${row}-setting`] = settingProblem;
		if (date.ok)
			members.push({
				row,
				name,
				dateOfBirth: date.date,
				relationship,
				setting: setting || null,
				isChild
			});
	}
	if (Object.keys(errors).length === 0 && members.length === 0)
		errors['member-1-name'] = 'Enter at least one family member';
	else if (Object.keys(errors).length === 0 && !members.some((m) => m.isChild))
		errors['member-1-relationship'] = 'At least one family member must be a child or young person';
	return members;
}

/** The needs typed in the rows of the form, each for one of the family members. */
function readNeeds(
	form: FormData,
	rows: number,
	members: FamilyMemberInput[],
	errors: FieldErrors
) {
	const needs: NewCafInput['needs'] = [];
	for (let row = 1; row <= rows; row++) {
		const memberRow = textField(form, `need-${row}-member`);
		const description = textField(form, `need-${row}-description`);
		const domain = textField(form, `need-${row}-domain`);
		if (!memberRow && !description && !domain) continue;
		if (!members.some((m) => String(m.row) === memberRow))
			errors[`need-${row}-member`] = `Choose who need ${row} is for`;
		const needProblem = freeTextProblem(description, {
			missing: `Describe need ${row}`,
			limit: TEXT_LIMITS.need,
			label: 'A need'
		});
		if (needProblem) errors[`need-${row}-description`] = needProblem;
		if (!Object.hasOwn(NEED_DOMAINS, domain))
			errors[`need-${row}-domain`] = `Choose the domain of need ${row}`;
		else needs.push({ memberRow: Number(memberRow), description, domain: domain as NeedDomain });
	}
	if (needs.length === 0 && !Object.keys(errors).some((k) => k.startsWith('need-')))
		errors['need-1-member'] = 'Enter at least one need';
	return needs;
}

/** The consent given with the CAF; `refused` when it keeps the family out of part 2. */
function readConsent(form: FormData, meetingDate: string, today: string, errors: FieldErrors) {
	const givenBy = textField(form, 'givenBy');
	const givenByProblem = consentTextProblem('givenBy', givenBy);
	if (givenByProblem) errors.givenBy = givenByProblem;
	const youngPerson = textField(form, 'youngPerson');
	if (!['yes', 'no', 'not-of-age'].includes(youngPerson))
		errors.youngPerson = 'Say whether the young person consented';
	const coversMag = form.get('coversMag') === 'yes';
	const signed = readDateInput(...dateField(form, 'signedOn'));
	let refused = false;
	if (!signed.ok) {
		errors.signedOn = signed.message.replace('the date', 'the date consent was signed');
	} else {
		const refusal = partTwoConsentRefusal(
			{ youngPerson, signedOn: signed.date, coversMag },
			meetingDate,
			today
		);
		if (refusal) {
			refused = true;
			errors[refusal.field] = refusal.message;
		}
	}

	// Checked after the consent date and scope, so the errors list in the order of the page.
	const { errors: sharingErrors, sharing } = readSharing(form);
	Object.assign(errors, sharingErrors);
	const formLocation = textField(form, 'formLocation');
	const formLocationProblem = consentTextProblem('formLocation', formLocation);
	if (formLocationProblem) errors.formLocation = formLocationProblem;
	const consent: NewCafInput['consent'] | null =
		signed.ok && sharing
			? {
					givenBy,
					youngPerson: youngPerson as 'yes' | 'not-of-age',
					signedOn: signed.date,
					coversMag,
					sharing,
					formLocation
				}
			: null;
	return { refused, consent };
}

/**
 * Reads the part 2 form. Returns what was typed (to show again), the errors by field, whether the
 * consent is the problem (so the page can offer part 1 instead), and the clean input when valid.
 */
export function readNewCafForm(form: FormData, meetingDate: string, today: string) {
	const errors: FieldErrors = {};
	const values = typedValues(form);

	const members = readMembers(form, cafRowCount(values, 'member'), today, errors);
	const needs = readNeeds(form, cafRowCount(values, 'need'), members, errors);
	const caf = readDateInput(...dateField(form, 'cafDate'));
	if (!caf.ok) errors.cafDate = caf.message.replace('the date', 'the date of the CAF');
	else if (caf.date > today) errors.cafDate = 'The date of the CAF must be today or in the past';
	const wayIn = textField(form, 'wayIn');
	if (!(WAYS_IN as readonly string[]).includes(wayIn))
		errors.wayIn = 'Choose how the family came to early help';
	const levelOfNeed = textField(form, 'levelOfNeed');
	if (!levelsOfNeed().includes(levelOfNeed)) errors.levelOfNeed = 'Choose the level of need';
	const { refused: consentRefused, consent } = readConsent(form, meetingDate, today, errors);

	if (Object.keys(errors).length > 0 || !caf.ok || !consent)
		return { values, errors, consentRefused, input: null };
	const input: NewCafInput = {
		members,
		needs,
		cafDate: caf.date,
		wayIn,
		levelOfNeed,
		consent
	};
	return { values, errors, consentRefused, input };
}

/** Every field as typed, trimmed: what the page shows again. */
function typedValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of form.entries())
		if (typeof value === 'string' && name !== 'change') values[name] = value.trim();
	// Several agencies may be ticked: kept as their ids joined by commas.
	return { ...values, ...sharingValues(form) };
}

/**
 * "Add another family member", "Add another need" or "Remove" without JavaScript: the form shown
 * again with the row added or gone (the button's `change`), everything typed kept, nothing saved.
 */
export function newCafRowsChanged(form: FormData): { values: Record<string, string> } {
	return { values: withRowChange(typedValues(form), textField(form, 'change')) };
}

/** A stored CAF as the part 2 form's fields: what readNewCafForm reads back, row by row. */
export function newCafFormValues(caf: {
	cafDate: string;
	wayIn: string;
	levelOfNeed: string;
	givenBy: string;
	youngPerson: string;
	signedOn: string;
	coversMag: boolean;
	sharing: SharingOnFile;
	formLocation: string;
	members: {
		id: number;
		name: string;
		dateOfBirth: string;
		relationship: string;
		setting: string | null;
	}[];
	needs: { memberId: number; description: string; domain: string }[];
}): Record<string, string> {
	const values: Record<string, string> = {
		...dateValues('cafDate', caf.cafDate),
		wayIn: caf.wayIn,
		levelOfNeed: caf.levelOfNeed,
		givenBy: caf.givenBy,
		youngPerson: caf.youngPerson,
		...dateValues('signedOn', caf.signedOn),
		...sharingFormValues(caf.sharing),
		formLocation: caf.formLocation
	};
	if (caf.coversMag) values.coversMag = 'yes';
	const rowOf = new Map<number, number>();
	caf.members.forEach((member, index) => {
		const row = index + 1;
		rowOf.set(member.id, row);
		values[`member-${row}-name`] = member.name;
		Object.assign(values, dateValues(`member-${row}-dob`, member.dateOfBirth));
		values[`member-${row}-relationship`] = member.relationship;
		values[`member-${row}-setting`] = member.setting ?? '';
	});
	caf.needs.forEach((need, index) => {
		const row = index + 1;
		values[`need-${row}-member`] = String(rowOf.get(need.memberId) ?? '');
		values[`need-${row}-description`] = need.description;
		values[`need-${row}-domain`] = need.domain;
	});
	return values;
}

/** "2018-06-04" as a GOV.UK date input's boxes: day 4, month 6, year 2018. */
function dateValues(id: string, date: string): Record<string, string> {
	const [year, month, day] = date.split('-');
	return {
		[`${id}-day`]: String(Number(day)),
		[`${id}-month`]: String(Number(month)),
		[`${id}-year`]: year ?? ''
	};
}
