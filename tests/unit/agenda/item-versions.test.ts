import { describe, expect, it } from 'vitest';
import { saveItemVersion, staleSaveMessage } from '$lib/server/agenda/item-versions';
import { createSubmission } from '$lib/server/agenda/submissions';
import { database, ISSUE, openMeetingId, submitter, useItemFixture } from './item-fixture';

useItemFixture();

async function issue() {
	return createSubmission(
		database.db,
		{
			meetingId: openMeetingId,
			submittedBy: submitter.id,
			agencyId: null,
			late: false,
			content: { part: 4, issue: ISSUE }
		},
		null
	);
}

async function updates(submissionId: number) {
	return database.db
		.selectFrom('audit_log')
		.select(['actor_id', 'ip', 'detail'])
		.where('action', '=', 'submission.updated')
		.where('record_id', '=', String(submissionId))
		.execute();
}

describe('the versioned save of an item', () => {
	const actor = () => ({ id: submitter.id, ip: '192.0.2.8' });
	const now = new Date('2027-03-02T10:00:00Z');

	it('writes the change from the version stored, raises it and logs it with its detail', async () => {
		const submissionId = await issue();
		let written = 0;
		const result = await database.db.transaction().execute((trx) =>
			saveItemVersion(
				trx,
				{ submissionId, version: 0, actor: actor(), detail: { part: 4 } },
				async () => {
					written += 1;
				},
				now
			)
		);
		expect(result).toEqual({ saved: true, version: 1 });
		expect(written).toBe(1);
		expect(await updates(submissionId)).toEqual([
			{ actor_id: submitter.id, ip: '192.0.2.8', detail: '{"part":4}' }
		]);
		const row = await database.db
			.selectFrom('submission')
			.select(['version', 'updated_at'])
			.where('id', '=', submissionId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ version: 1, updated_at: now.toISOString() });
	});

	it.each([
		['an older version', 5],
		['no version', null]
	])('writes and logs nothing from %s', async (_what, version) => {
		const submissionId = await issue();
		let written = 0;
		const result = await database.db.transaction().execute((trx) =>
			saveItemVersion(
				trx,
				{ submissionId, version, actor: actor() },
				async () => {
					written += 1;
				},
				now
			)
		);
		expect(result).toEqual({ saved: false, conflict: true });
		expect(written).toBe(0);
		expect(await updates(submissionId)).toEqual([]);
	});

	it('tells the person their text is kept and to reload', () => {
		expect(staleSaveMessage('review')).toBe(
			'This review was saved from another window or device while you were editing it. Your text is kept here: check the version saved there (reload the page) and save again'
		);
	});
});
