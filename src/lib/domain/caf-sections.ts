/**
 * Where the writer of a new CAF is in it: each section of the form (the family, the needs, the
 * CAF, the consent) not started, in progress or completed, from the fields as typed. It says what
 * is filled in, not whether it is right: that is the form reader's (new-caf-form.ts) to say.
 */
import { cafRowCount, rowIsFilled } from './caf-rows';

export type CafSectionStatus = 'not-started' | 'in-progress' | 'completed';

export const CAF_SECTION_STATUS_LABELS: Record<CafSectionStatus, string> = {
	'not-started': 'Not started',
	'in-progress': 'In progress',
	completed: 'Completed'
};

export interface CafSection {
	id: string;
	title: string;
	status: CafSectionStatus;
}

const date = (id: string) => [`${id}-day`, `${id}-month`, `${id}-year`];
const MEMBER_FIELDS = ['name', ...date('dob'), 'relationship'];

/** Of these fields, none, some or all filled in. */
function statusOf(values: Record<string, string>, fields: string[]): CafSectionStatus {
	const filled = fields.filter((field) => (values[field] ?? '').trim()).length;
	if (filled === 0) return 'not-started';
	return filled === fields.length ? 'completed' : 'in-progress';
}

/** Rows of the family or the needs: completed when at least one is and every row typed in is. */
function rowsStatus(
	values: Record<string, string>,
	kind: 'member' | 'need',
	fields: string[]
): CafSectionStatus {
	const filled = [];
	for (let row = 1; row <= cafRowCount(values, kind); row++)
		if (rowIsFilled(values, kind, row))
			filled.push(
				statusOf(
					values,
					fields.map((field) => `${kind}-${row}-${field}`)
				)
			);
	if (filled.length === 0) return 'not-started';
	return filled.every((status) => status === 'completed') ? 'completed' : 'in-progress';
}

export function cafSections(values: Record<string, string>): CafSection[] {
	return [
		{
			id: 'caf-family',
			title: 'The family',
			status: rowsStatus(values, 'member', MEMBER_FIELDS)
		},
		{
			id: 'caf-needs',
			title: 'Needs identified in the CAF',
			status: rowsStatus(values, 'need', ['member', 'description', 'domain'])
		},
		{
			id: 'caf-details',
			title: 'The CAF',
			status: statusOf(values, [...date('cafDate'), 'wayIn', 'levelOfNeed'])
		},
		{
			id: 'caf-consent',
			title: 'Consent',
			status: statusOf(values, [
				'givenBy',
				'youngPerson',
				...date('signedOn'),
				'coversMag',
				'sharesWith',
				'partnerChecks',
				'formLocation'
			])
		}
	];
}
