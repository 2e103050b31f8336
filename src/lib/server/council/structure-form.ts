import { readDateInput } from '../../dates';
import { COMMUNITY_SETTING_RANGES, type CommunitySettingName } from '../../domain/council';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';

export type FormRead<T> =
	{ ok: true; input: T } | { ok: false; values: Record<string, string>; errors: FieldErrors };

function finish<T>(
	values: Record<string, string>,
	errors: FieldErrors,
	input: () => T
): FormRead<T> {
	return Object.keys(errors).length > 0
		? { ok: false, values, errors }
		: { ok: true, input: input() };
}

function placeName(values: Record<string, string>, errors: FieldErrors, what: string) {
	const problem = freeTextProblem(values.name ?? '', {
		missing: `Enter the ${what}’s name`,
		limit: TEXT_LIMITS.placeName,
		label: 'Name'
	});
	if (problem) errors.name = problem;
}

export function readNameForm(form: FormData, what: 'locality' | 'council'): FormRead<string> {
	const values = { name: textField(form, 'name') };
	const errors: FieldErrors = {};
	placeName(values, errors, what);
	return finish(values, errors, () => values.name);
}

export interface CommunitySettings {
	name: string;
	localityId: number;
	meetingLengthMinutes: number;
	everyWeeks: number;
	familyItemLimit: number;
	deadlineWorkingDays: number;
	venue: string | null;
	onlineLink: string | null;
	/** Null: the council's own statement is read. */
	confidentialityStatement: string | null;
}

const settingFields: Record<CommunitySettingName, string> = {
	meetingLengthMinutes: 'meetingLength',
	everyWeeks: 'everyWeeks',
	familyItemLimit: 'familyItemLimit',
	deadlineWorkingDays: 'deadlineWorkingDays'
};

/** A community and its MAG's settings, from the community form. */
export function readCommunityForm(
	form: FormData,
	localityIds: number[]
): FormRead<CommunitySettings> {
	const values: Record<string, string> = {
		name: textField(form, 'name'),
		localityId: textField(form, 'localityId'),
		venue: textField(form, 'venue'),
		onlineLink: textField(form, 'onlineLink'),
		confidentialityStatement: textField(form, 'confidentialityStatement')
	};
	for (const field of Object.values(settingFields)) values[field] = textField(form, field);
	const errors: FieldErrors = {};
	placeName(values, errors, 'community');
	if (!localityIds.includes(Number(values.localityId)))
		errors.localityId = 'Choose the locality the community is in';
	const numbers = {} as Record<CommunitySettingName, number>;
	for (const [setting, field] of Object.entries(settingFields) as [
		CommunitySettingName,
		string
	][]) {
		const range = COMMUNITY_SETTING_RANGES[setting];
		const text = values[field]!;
		const value = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
		if (text === '') errors[field] = `Enter the ${range.label.toLowerCase()} in ${range.unit}`;
		else if (!(value >= range.min && value <= range.max))
			errors[field] =
				`${range.label} must be a whole number from ${range.min} to ${range.max} ${range.unit}`;
		numbers[setting] = value;
	}
	const venue = freeTextProblem(values.venue!, { limit: TEXT_LIMITS.venue, label: 'Usual venue' });
	if (venue) errors.venue = venue;
	const link = values.onlineLink!;
	if (link && !/^https:\/\/[^\s/$.?#][^\s]*$/i.test(link))
		errors.onlineLink = 'Enter the online meeting link as a full address starting https://';
	else if (link.length > TEXT_LIMITS.onlineLink)
		errors.onlineLink = `Online meeting link must be ${TEXT_LIMITS.onlineLink} characters or fewer`;
	const statement = freeTextProblem(values.confidentialityStatement!, {
		limit: TEXT_LIMITS.confidentialityStatement,
		label: 'Confidentiality statement'
	});
	if (statement) errors.confidentialityStatement = statement;
	return finish(values, errors, () => ({
		name: values.name!,
		localityId: Number(values.localityId),
		...numbers,
		venue: values.venue || null,
		onlineLink: link || null,
		confidentialityStatement: values.confidentialityStatement || null
	}));
}

export interface AgencyDetails {
	name: string;
	sector: string;
	agreementSignedOn: string | null;
	agreementReviewDue: string | null;
	agreementLocation: string | null;
}

function optionalDate(
	form: FormData,
	id: string,
	values: Record<string, string>,
	errors: FieldErrors
): string | null {
	const [day, month, year] = ['day', 'month', 'year'].map((part) =>
		textField(form, `${id}-${part}`)
	);
	values[`${id}-day`] = day!;
	values[`${id}-month`] = month!;
	values[`${id}-year`] = year!;
	if (!day && !month && !year) return null;
	const read = readDateInput(day!, month!, year!);
	if (!read.ok) {
		errors[id] = read.message;
		return null;
	}
	return read.date;
}

/** An agency and its information-sharing agreement, from the agency form. */
export function readAgencyForm(form: FormData): FormRead<AgencyDetails> {
	const values: Record<string, string> = {
		name: textField(form, 'name'),
		sector: textField(form, 'sector'),
		agreementLocation: textField(form, 'agreementLocation')
	};
	const errors: FieldErrors = {};
	const name = freeTextProblem(values.name!, {
		missing: 'Enter the agency’s name',
		limit: TEXT_LIMITS.agency,
		label: 'Name'
	});
	if (name) errors.name = name;
	const sector = freeTextProblem(values.sector!, {
		missing: 'Enter the kind of service, for example Police or Health',
		limit: TEXT_LIMITS.sector,
		label: 'Kind of service'
	});
	if (sector) errors.sector = sector;
	const signedOn = optionalDate(form, 'agreementSignedOn', values, errors);
	const reviewDue = optionalDate(form, 'agreementReviewDue', values, errors);
	if (reviewDue && !signedOn && !errors.agreementSignedOn)
		errors.agreementSignedOn =
			'Enter the date the agreement was signed, or leave the review date empty';
	if (signedOn && reviewDue && reviewDue <= signedOn)
		errors.agreementReviewDue = 'The review date must be after the date it was signed';
	const location = freeTextProblem(values.agreementLocation!, {
		limit: TEXT_LIMITS.agreementLocation,
		label: 'Where the agreement is kept'
	});
	if (location) errors.agreementLocation = location;
	return finish(values, errors, () => ({
		name: values.name!,
		sector: values.sector!,
		agreementSignedOn: signedOn,
		agreementReviewDue: reviewDue,
		agreementLocation: values.agreementLocation || null
	}));
}

/** A community as its form shows it, for editing (or the MAG model's defaults for a new one). */
export function communityFormValues(
	c: Omit<CommunitySettings, 'name' | 'localityId'> & {
		name?: string;
		localityId?: number | null;
	}
): Record<string, string> {
	return {
		name: c.name ?? '',
		localityId: c.localityId ? String(c.localityId) : '',
		meetingLength: String(c.meetingLengthMinutes),
		everyWeeks: String(c.everyWeeks),
		familyItemLimit: String(c.familyItemLimit),
		deadlineWorkingDays: String(c.deadlineWorkingDays),
		venue: c.venue ?? '',
		onlineLink: c.onlineLink ?? '',
		confidentialityStatement: c.confidentialityStatement ?? ''
	};
}

/** An agency as its form shows it, for editing. */
export function agencyFormValues(a: AgencyDetails): Record<string, string> {
	const values: Record<string, string> = {
		name: a.name,
		sector: a.sector,
		agreementLocation: a.agreementLocation ?? ''
	};
	for (const [id, date] of [
		['agreementSignedOn', a.agreementSignedOn],
		['agreementReviewDue', a.agreementReviewDue]
	] as const) {
		const [year, month, day] = date ? date.split('-') : ['', '', ''];
		values[`${id}-day`] = day ? String(Number(day)) : '';
		values[`${id}-month`] = month ? String(Number(month)) : '';
		values[`${id}-year`] = year ?? '';
	}
	return values;
}
