import type { DB } from '../platform/db';
import type { NeedDomain } from '../platform/schema';
import { recordAudit, type Actor } from '../audit/log';
import { consentForMeeting, consentTextProblem } from './consent';
import { readFamily } from '../meeting/consent-gate';
import { freeTextProblem, textField, type FieldErrors } from '../http/forms';
import type { SaveResult } from '../meeting/outcomes';
import { earlierAnswer, rememberAnswer } from '../http/form-keys';
import { claimVersion, insertSubmission, isWithdrawable, newItemKey } from './submissions';
import { readDateInput } from '../../dates';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { DEFAULT_LEVELS_OF_NEED, NEED_DOMAINS, RELATIONSHIPS, WAYS_IN } from '../../domain/family';

export const MEMBER_ROWS = 4;
export const NEED_ROWS = 5;

const CHILD_RELATIONSHIPS = new Set(['Child', 'Young person']);

/** Halton's levels of need by default; a council can set its own in LEVELS_OF_NEED. */
export function levelsOfNeed(): string[] {
	return (process.env.LEVELS_OF_NEED ?? DEFAULT_LEVELS_OF_NEED)
		.split(',')
		.map((l) => l.trim())
		.filter(Boolean);
}

/** The choices and the number of rows the part 2 form offers (NewCafFields). */
export function newCafOptions() {
	return {
		relationships: RELATIONSHIPS,
		domains: NEED_DOMAINS,
		waysIn: WAYS_IN,
		levels: levelsOfNeed(),
		memberRows: MEMBER_ROWS,
		needRows: NEED_ROWS
	};
}

export interface FamilyMemberInput {
	row: number;
	name: string;
	dateOfBirth: string;
	relationship: string;
	setting: string | null;
	isChild: boolean;
}

export interface NewCafInput {
	members: FamilyMemberInput[];
	needs: { memberRow: number; description: string; domain: NeedDomain }[];
	cafDate: string;
	wayIn: string;
	levelOfNeed: string;
	consent: {
		givenBy: string;
		youngPerson: 'yes' | 'no' | 'not-of-age';
		signedOn: string;
		coversMag: boolean;
		sharedWith: string;
		formLocation: string;
	};
}

function dateField(form: FormData, id: string) {
	return {
		day: textField(form, `${id}-day`),
		month: textField(form, `${id}-month`),
		year: textField(form, `${id}-year`)
	};
}

/**
 * Reads the part 2 form. Returns what was typed (to show again), the errors by field, whether the
 * consent is the problem (so the page can offer part 1 instead), and the clean input when valid.
 */
export function readNewCafForm(form: FormData, meetingDate: string, today: string) {
	const errors: FieldErrors = {};
	const values: Record<string, string> = {};
	for (const [name, value] of form.entries())
		if (typeof value === 'string') values[name] = value.trim();

	const members: FamilyMemberInput[] = [];
	for (let row = 1; row <= MEMBER_ROWS; row++) {
		const name = textField(form, `member-${row}-name`);
		const dob = dateField(form, `member-${row}-dob`);
		const relationship = textField(form, `member-${row}-relationship`);
		const setting = textField(form, `member-${row}-setting`);
		if (!name && !dob.day && !dob.month && !dob.year && !relationship && !setting) continue;
		const nameProblem = freeTextProblem(name, {
			missing: `Enter the name of family member ${row}`,
			limit: TEXT_LIMITS.name,
			label: 'Name'
		});
		if (nameProblem) errors[`member-${row}-name`] = nameProblem;
		const date = readDateInput(dob.day, dob.month, dob.year);
		if (!date.ok)
			errors[`member-${row}-dob`] = date.message.replace(
				'the date',
				`the date of birth of family member ${row}`
			);
		else if (date.date > today) errors[`member-${row}-dob`] = 'Date of birth must be in the past';
		if (!(RELATIONSHIPS as readonly string[]).includes(relationship))
			errors[`member-${row}-relationship`] = `Choose how family member ${row} is related`;
		const isChild = CHILD_RELATIONSHIPS.has(relationship);
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

	const needs: NewCafInput['needs'] = [];
	for (let row = 1; row <= NEED_ROWS; row++) {
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

	const caf = readDateInput(
		...(Object.values(dateField(form, 'cafDate')) as [string, string, string])
	);
	if (!caf.ok) errors.cafDate = caf.message.replace('the date', 'the date of the CAF');
	else if (caf.date > today) errors.cafDate = 'The date of the CAF must be today or in the past';
	const wayIn = textField(form, 'wayIn');
	if (!(WAYS_IN as readonly string[]).includes(wayIn))
		errors.wayIn = 'Choose how the family came to early help';
	const levelOfNeed = textField(form, 'levelOfNeed');
	if (!levelsOfNeed().includes(levelOfNeed)) errors.levelOfNeed = 'Choose the level of need';

	const givenBy = textField(form, 'givenBy');
	const givenByProblem = consentTextProblem('givenBy', givenBy);
	if (givenByProblem) errors.givenBy = givenByProblem;
	const youngPerson = textField(form, 'youngPerson');
	if (!['yes', 'no', 'not-of-age'].includes(youngPerson))
		errors.youngPerson = 'Say whether the young person consented';
	const coversMag = form.get('coversMag') === 'yes';
	const signed = readDateInput(
		...(Object.values(dateField(form, 'signedOn')) as [string, string, string])
	);
	let consentRefused = false;
	if (!signed.ok) {
		errors.signedOn = signed.message.replace('the date', 'the date consent was signed');
	} else if (youngPerson === 'no') {
		consentRefused = true;
		errors.youngPerson =
			'The young person has not consented, so the family cannot be discussed in part 2. Bring it as advice without consent (part 1) instead';
	} else {
		const verdict = consentForMeeting({ signedOn: signed.date, coversMag }, meetingDate, today);
		if (!verdict.valid) {
			consentRefused = true;
			errors[verdict.reason.includes('cover') ? 'coversMag' : 'signedOn'] =
				`A new CAF can be brought to part 2 only with signed, in-date consent covering discussion at this MAG: ${verdict.reason}. Bring it as advice without consent (part 1) instead`;
		}
	}

	// Checked after the consent date and scope, so the errors list in the order of the page.
	const sharedWith = textField(form, 'sharedWith');
	const sharedWithProblem = consentTextProblem('sharedWith', sharedWith);
	if (sharedWithProblem) errors.sharedWith = sharedWithProblem;
	const formLocation = textField(form, 'formLocation');
	const formLocationProblem = consentTextProblem('formLocation', formLocation);
	if (formLocationProblem) errors.formLocation = formLocationProblem;
	if (Object.keys(errors).length > 0 || !caf.ok || !signed.ok)
		return { values, errors, consentRefused, input: null };
	const input: NewCafInput = {
		members,
		needs,
		cafDate: caf.date,
		wayIn,
		levelOfNeed,
		consent: {
			givenBy,
			youngPerson: youngPerson as 'yes' | 'not-of-age',
			signedOn: signed.date,
			coversMag,
			sharedWith,
			formLocation
		}
	};
	return { values, errors, consentRefused, input };
}

/** "Mortimer and Leominster" → MLE, "Hereford North City" → HNC, "Bromyard" → BRO. */
export function communityCode(name: string): string {
	const words = name
		.split(/\s+/)
		.filter((w) => !['and', 'on', 'the', 'of'].includes(w.toLowerCase()));
	let code = words.map((w) => w[0]!).join('');
	const last = words.at(-1) ?? '';
	for (let i = 1; code.length < 3 && i < last.length; i++) code += last[i];
	return code.slice(0, 3).toUpperCase();
}

/** The child's initials, e.g. "J.S.": all that identifies the family outside the consent gate. */
export function initialsOf(name: string): string {
	return name
		.split(/[\s-]+/)
		.filter(Boolean)
		.map((part) => `${part[0]!.toUpperCase()}.`)
		.join('');
}

/** Writes the family members and their needs; each need points at its member's new row. */
async function insertFamily(db: DB, caseId: number, input: Pick<NewCafInput, 'members' | 'needs'>) {
	const memberIds = new Map<number, number>();
	for (const member of input.members) {
		const row = await db
			.insertInto('family_member')
			.values({
				case_id: caseId,
				name: member.name,
				date_of_birth: member.dateOfBirth,
				relationship: member.relationship,
				setting: member.setting,
				is_child: member.isChild ? 1 : 0
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		memberIds.set(member.row, row.id);
	}
	for (const need of input.needs) {
		const memberId = memberIds.get(need.memberRow);
		if (memberId === undefined)
			throw new Error(`A need is for family member ${need.memberRow}, who is not in the family`);
		await db
			.insertInto('need')
			.values({
				case_id: caseId,
				family_member_id: memberId,
				description: need.description,
				domain: need.domain
			})
			.execute();
	}
}

/**
 * Creates the case, its family, needs and consent, and the part 2 item: all in one transaction. A
 * post repeating one already saved (the same `formKey`) opens no second case and returns the first.
 */
export async function createNewCaf(
	db: DB,
	context: {
		meetingId: number;
		communityId: number;
		communityName: string;
		submittedBy: number;
		agencyId: number | null;
		late: boolean;
		year: string;
	},
	input: NewCafInput,
	ip: string | null,
	now = new Date(),
	formKey: string | null = null
): Promise<{ submissionId: number; reference: string }> {
	const key = newItemKey(context.meetingId, 2, context.submittedBy, formKey);
	return db.transaction().execute(async (trx) => {
		const earlier = await earlierAnswer<{ submissionId: number; reference: string }>(trx, key);
		if (earlier) return earlier;
		const prefix = `${communityCode(context.communityName)}-${context.year}-`;
		const last = await trx
			.selectFrom('family_case')
			.select('reference')
			.where('reference', 'like', `${prefix}%`)
			.orderBy('reference', 'desc')
			.limit(1)
			.executeTakeFirst();
		const next = last ? Number(last.reference.slice(prefix.length)) + 1 : 1;
		const reference = `${prefix}${String(next).padStart(3, '0')}`;
		const firstChild = input.members.find((m) => m.isChild)!;
		const stamp = now.toISOString();
		const familyCase = await trx
			.insertInto('family_case')
			.values({
				reference,
				community_id: context.communityId,
				initials: initialsOf(firstChild.name),
				created_by: context.submittedBy,
				created_at: stamp
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await insertFamily(trx, familyCase.id, input);
		const consent = await trx
			.insertInto('consent')
			.values({
				case_id: familyCase.id,
				given_by: input.consent.givenBy,
				young_person: input.consent.youngPerson,
				signed_on: input.consent.signedOn,
				covers_mag: input.consent.coversMag ? 1 : 0,
				shared_with: input.consent.sharedWith,
				form_location: input.consent.formLocation,
				withdrawn_on: null,
				recorded_by: context.submittedBy,
				recorded_at: stamp
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const submission = await insertSubmission(
			trx,
			{
				meetingId: context.meetingId,
				part: 2,
				submittedBy: context.submittedBy,
				agencyId: context.agencyId,
				late: context.late
			},
			now
		);
		await trx
			.insertInto('new_caf')
			.values({
				submission_id: submission.id,
				case_id: familyCase.id,
				consent_id: consent.id,
				caf_date: input.cafDate,
				way_in: input.wayIn,
				level_of_need: input.levelOfNeed
			})
			.execute();
		await recordAudit(
			trx,
			{
				actorId: context.submittedBy,
				action: 'submission.created',
				recordType: 'submission',
				recordId: submission.id,
				ip,
				detail: { part: 2, reference, meetingId: context.meetingId }
			},
			now
		);
		const created = { submissionId: submission.id, reference };
		await rememberAnswer(trx, key, created, now);
		return created;
	});
}

/** The family's details for the submitter or chair; each read is audited (who, which family, why). */
export async function readNewCaf(
	db: DB,
	submissionId: number,
	reader: { id: number; ip: string | null; why: string }
) {
	const caf = await db
		.selectFrom('new_caf')
		.innerJoin('family_case', 'family_case.id', 'new_caf.case_id')
		.innerJoin('consent', 'consent.id', 'new_caf.consent_id')
		.select([
			'family_case.id as caseId',
			'family_case.reference',
			'family_case.initials',
			'new_caf.caf_date as cafDate',
			'new_caf.way_in as wayIn',
			'new_caf.level_of_need as levelOfNeed',
			'consent.given_by as givenBy',
			'consent.young_person as youngPerson',
			'consent.signed_on as signedOn',
			'consent.covers_mag as coversMag',
			'consent.shared_with as sharedWith',
			'consent.form_location as formLocation'
		])
		.where('new_caf.submission_id', '=', submissionId)
		.executeTakeFirst();
	if (!caf) return undefined;
	const { members, needs } = await readFamily(
		db,
		{ caseId: caf.caseId, reference: caf.reference, submissionId },
		reader
	);
	return { ...caf, coversMag: caf.coversMag === 1, members, needs };
}

/**
 * Saves the submitter's changes to a new CAF in one transaction: the family and needs are replaced
 * (nothing refers to them before the meeting discusses the item), the initials follow the first
 * child, and the consent and CAF are updated. The case reference never changes. Changes nothing,
 * and says why, if the item can no longer be changed (`closed`: the agenda may have been
 * published since the page checked) or if someone saved it since the form was loaded with
 * `version` (`conflict`: the caller keeps the user's text).
 */
export async function updateNewCaf(
	db: DB,
	submissionId: number,
	input: NewCafInput,
	version: number | null,
	actor: Actor,
	now = new Date()
): Promise<SaveResult | { saved: false; closed: true }> {
	return db.transaction().execute(async (trx) => {
		const item = await trx
			.selectFrom('new_caf')
			.innerJoin('submission', 'submission.id', 'new_caf.submission_id')
			.innerJoin('meeting', 'meeting.id', 'submission.meeting_id')
			.innerJoin('family_case', 'family_case.id', 'new_caf.case_id')
			.select([
				'new_caf.case_id as caseId',
				'new_caf.consent_id as consentId',
				'family_case.reference',
				'submission.status',
				'meeting.status as meetingStatus'
			])
			.where('new_caf.submission_id', '=', submissionId)
			.executeTakeFirstOrThrow();
		if (!isWithdrawable(item)) return { saved: false, closed: true } as const;
		const next = await claimVersion(trx, submissionId, version, now);
		if (next === null) return { saved: false, conflict: true } as const;
		const stamp = now.toISOString();
		await trx.deleteFrom('need').where('case_id', '=', item.caseId).execute();
		await trx.deleteFrom('family_member').where('case_id', '=', item.caseId).execute();
		await insertFamily(trx, item.caseId, input);
		await trx
			.updateTable('family_case')
			.set({ initials: initialsOf(input.members.find((m) => m.isChild)!.name) })
			.where('id', '=', item.caseId)
			.execute();
		await trx
			.updateTable('consent')
			.set({
				given_by: input.consent.givenBy,
				young_person: input.consent.youngPerson,
				signed_on: input.consent.signedOn,
				covers_mag: input.consent.coversMag ? 1 : 0,
				shared_with: input.consent.sharedWith,
				form_location: input.consent.formLocation,
				recorded_by: actor.id,
				recorded_at: stamp
			})
			.where('id', '=', item.consentId)
			.execute();
		await trx
			.updateTable('new_caf')
			.set({ caf_date: input.cafDate, way_in: input.wayIn, level_of_need: input.levelOfNeed })
			.where('submission_id', '=', submissionId)
			.execute();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'submission.updated',
				recordType: 'submission',
				recordId: submissionId,
				ip: actor.ip,
				detail: { part: 2, reference: item.reference }
			},
			now
		);
		return { saved: true, version: next } as const;
	});
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
	sharedWith: string;
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
		sharedWith: caf.sharedWith,
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
