import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit/log';
import type { OpenDatabase } from '$lib/server/platform/db';
import { probeUnauditedRead } from '$lib/server/audit/read-probe';
import { freshDatabase } from '../helpers';
import { CHILD, meetingWithFamilies } from '../meeting-fixture';

let database: OpenDatabase;
let file: string;
let userId: number;

beforeEach(async () => {
	database = await freshDatabase();
	userId = (await meetingWithFamilies(database)).people.chair;
	file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'probe-')), 'unaudited.log');
	process.env.AUDIT_READ_PROBE = file;
});

afterEach(() => {
	delete process.env.AUDIT_READ_PROBE;
});

function event(method = 'GET') {
	return {
		request: new Request('http://localhost/cases/1', { method }),
		url: new URL('http://localhost/cases/1'),
		locals: { user: { id: userId, email: 'chair@council.example' } }
	} as unknown as RequestEvent;
}

const page = (body: string, type = 'text/html') =>
	new Response(body, { headers: { 'content-type': type } });

describe('the browser tests’ check that every read of a family is logged', () => {
	it('notes a page showing a family member’s name with no audit entry for the read', async () => {
		const started = new Date().toISOString();
		await probeUnauditedRead(database.db, event(), page(`<p>${CHILD}</p>`), started);
		expect(fs.readFileSync(file, 'utf8')).toContain('"path":"/cases/1"');
	});

	it('notes a page showing what was said about a family (the note, the support agreed) with no audit entry', async () => {
		const { db } = database;
		const fixture = await db.selectFrom('submission').select('id').where('part', '=', 2).execute();
		const [item] = fixture;
		const meeting = await db.selectFrom('meeting').select('id').executeTakeFirstOrThrow();
		await db
			.insertInto('outcome')
			.values({
				submission_id: item!.id,
				meeting_id: meeting.id,
				kind: 'agreed',
				note: 'Grandmother now helps with the school run',
				agency: null,
				lead_professional_id: null,
				next_review_meeting_id: null,
				taken_as_advice: 0,
				recorded_by: userId,
				recorded_at: new Date().toISOString()
			})
			.execute();
		const started = new Date().toISOString();
		await probeUnauditedRead(
			database.db,
			event(),
			page('<p>Note: Grandmother now helps with the school run</p>'),
			started
		);
		expect(fs.readFileSync(file, 'utf8')).toContain('"texts":1');
	});

	it('is satisfied when the read was audited during the request', async () => {
		const started = new Date().toISOString();
		await recordAudit(database.db, { actorId: userId, action: 'family.viewed' });
		await probeUnauditedRead(database.db, event(), page(`<p>${CHILD}</p>`), started);
		expect(fs.existsSync(file)).toBe(false);
	});

	it.each([
		['a page without any family name', 'GET', '<p>LED-2027-001 (Z.Q.)</p>', 'text/html'],
		['a form post echoing what its user typed', 'POST', `<p>${CHILD}</p>`, 'text/html'],
		['a PDF (binary)', 'GET', `%PDF-1.7 ${CHILD}`, 'application/pdf']
	])('ignores %s', async (_, method, body, type) => {
		const started = new Date().toISOString();
		await probeUnauditedRead(database.db, event(method), page(body, type), started);
		expect(fs.existsSync(file)).toBe(false);
	});
});
