import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { formatCalendarDate, formatInstant, formatMeetingDate } from '../../dates';
import { PART_NAMES } from '../../domain/parts';
import { PDF_STYLES } from '../http/pdf';
import { CONTACT_OUTCOMES } from '../../domain/front-door';
import type { AgendaPart } from '../platform/schema';
import type { CaseExport } from './subject-access';

/** The subject access export in words: the same record as the JSON, for the family to read. */

function table(head: string[], rows: string[][]): Content {
	if (rows.length === 0) return { text: 'None held.', style: 'muted', margin: [0, 0, 0, 6] };
	const header: TableCell[] = head.map((text) => ({ text, style: 'tableHeader' }));
	return {
		table: { headerRows: 1, widths: head.map(() => '*'), body: [header, ...rows] },
		layout: 'lightHorizontalLines',
		margin: [0, 2, 0, 8]
	};
}

function keyValues(rows: [string, string | null | undefined][]): Content {
	return {
		table: {
			widths: [150, '*'],
			body: rows.map(([key, value]) => [{ text: key, bold: true }, value ?? '']) as TableCell[][]
		},
		layout: 'noBorders',
		margin: [0, 0, 0, 6]
	};
}

const when = (iso: string | null) => (iso ? formatInstant(iso) : '');
const day = (date: string | null) => (date ? formatCalendarDate(date) : '');

export function subjectAccessDocument(record: CaseExport): TDocumentDefinitions {
	const person = (id: number | null) => {
		const found = record.staff.find((s) => s.id === id);
		return found ? `${found.name}${found.agency ? ` (${found.agency})` : ''}` : '';
	};
	const member = (id: number) => record.familyMembers.find((m) => m.id === id)?.name ?? '';
	const meeting = (id: number) => {
		const found = record.meetings.find((m) => m.id === id);
		return found ? `${found.community}, ${formatMeetingDate(found.date)}` : `Meeting ${id}`;
	};
	const c = record.case;
	// Only an item whose minutes were corrected gets the table.
	const corrections = (submissionId: number): Content[] => {
		const rows = record.minutesCorrections
			.filter((row) => row.submission_id === submissionId)
			.map((row) => [
				when(row.corrected_at),
				person(row.corrected_by),
				row.before,
				row.after,
				row.reason
			]);
		return rows.length === 0
			? []
			: [table(['Minutes corrected', 'By', 'Note before', 'Note after', 'Why'], rows)];
	};
	const items: Content[] = record.submissions.flatMap((item) => {
		const outcome = record.outcomes.find((o) => o.submission_id === item.id);
		const caf = record.newCafs.find((n) => n.submission_id === item.id);
		return [
			{
				text: `${PART_NAMES[item.part as AgendaPart]}: ${meeting(item.meeting_id)}`,
				style: 'subheading'
			},
			keyValues([
				['Brought by', person(item.submitted_by)],
				['Status on the agenda', item.status],
				['CAF date', caf ? day(caf.caf_date) : null],
				['Way in', caf?.way_in],
				['Level of need', caf?.level_of_need],
				['Outcome', outcome ? outcome.kind : 'None recorded'],
				['Note of the discussion', outcome?.note],
				['Lead professional agreed', outcome ? person(outcome.lead_professional_id) : null]
			]),
			table(
				['Need', 'Status', 'Progress', 'Support agreed'],
				record.needUpdates
					.filter((u) => u.submission_id === item.id)
					.map((u) => [
						record.needs.find((n) => n.id === u.need_id)?.description ?? '',
						u.status ?? '',
						u.progress ?? '',
						u.support ?? ''
					])
			),
			...corrections(item.id),
			table(
				['Consent checked', 'By', 'Result', 'Reason'],
				record.gateChecks
					.filter((g) => g.submission_id === item.id)
					.map((g) => [when(g.checked_at), person(g.checked_by), g.result, g.reason ?? ''])
			)
		];
	});
	return {
		info: { title: `Subject access request: ${c.reference}` },
		styles: PDF_STYLES,
		footer: (currentPage: number, pageCount: number): Content => ({
			columns: [
				{ text: `Confidential: subject access request for ${c.reference}`, fontSize: 8 },
				{ text: `Page ${currentPage} of ${pageCount}`, alignment: 'right', fontSize: 8 }
			],
			margin: [40, 20, 40, 0]
		}),
		content: [
			{ text: 'Subject access request', style: 'caption' },
			{ text: `Everything held about case ${c.reference}`, style: 'title' },
			{
				text: `Exported ${formatInstant(record.exportedAt)} by ${record.exportedBy.name}. ${record.note}`,
				style: 'muted'
			},
			{ text: 'The case', style: 'heading' },
			keyValues([
				['Reference', c.reference],
				['Community', c.community],
				['Initials', c.initials],
				['Status', c.status],
				['Opened', when(c.created_at)],
				['Opened by', person(c.created_by)],
				['Lead professional', person(c.lead_professional_id)],
				['Closed', when(c.closed_at)],
				['Identities removed', when(c.anonymised_at)]
			]),
			{ text: 'Family members', style: 'heading' },
			table(
				['Name', 'Date of birth', 'Relationship', 'School or setting'],
				record.familyMembers.map((m) => [
					m.name,
					day(m.date_of_birth),
					m.relationship,
					m.setting ?? ''
				])
			),
			{ text: 'Needs', style: 'heading' },
			table(
				['For', 'Need', 'Area'],
				record.needs.map((n) => [member(n.family_member_id), n.description, n.domain])
			),
			{ text: 'Consent', style: 'heading' },
			table(
				['Given by', 'Signed', 'Covers the MAG', 'Shared with', 'Form kept at', 'Withdrawn'],
				record.consents.map((k) => [
					k.given_by,
					day(k.signed_on),
					k.covers_mag ? 'Yes' : 'No',
					k.shared_with,
					k.form_location,
					day(k.withdrawn_on)
				])
			),
			{ text: 'At MAG meetings', style: 'heading' },
			...(items.length > 0 ? items : [{ text: 'None held.', style: 'muted' }]),
			{ text: 'Actions', style: 'heading' },
			table(
				['What', 'Owner', 'Due', 'Status'],
				record.actions.map((a) => [
					a.description,
					`${a.owner_name} (${a.owner_agency})`,
					day(a.due_date),
					a.status
				])
			),
			...(record.cafDrafts.length > 0
				? [
						{ text: 'New CAFs started but not yet sent', style: 'heading' },
						table(
							['Started', 'Last saved', 'By', 'As typed'],
							record.cafDrafts.map((d) => [
								when(d.created_at),
								when(d.updated_at),
								person(d.author_id),
								Object.values(JSON.parse(d.fields) as Record<string, string>)
									.filter(Boolean)
									.join('; ')
							])
						)
					]
				: []),
			...(record.frontDoorContacts.length > 0
				? [
						{ text: 'Calls to the front door', style: 'heading' },
						table(
							['Received', 'Caller', 'What was asked', 'Outcome'],
							record.frontDoorContacts.map((c) => [
								when(c.received_at),
								[c.caller_name, c.caller_agency ?? c.caller_relationship]
									.filter(Boolean)
									.join(', '),
								c.asked,
								CONTACT_OUTCOMES[c.outcome]
							])
						)
					]
				: []),
			{ text: 'Who has read, checked, changed or exported this record', style: 'heading' },
			table(
				['When', 'Who', 'What', 'Details'],
				// Staff's network addresses are theirs, not the family's: they stay in the JSON, for
				// the officer, and out of the copy that is sent to the family.
				record.auditEntries.map((e) => [
					when(e.at),
					e.actor_name ?? 'The service itself',
					e.action,
					e.detail ? JSON.stringify(e.detail) : ''
				])
			)
		]
	};
}
