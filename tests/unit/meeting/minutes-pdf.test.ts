import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { actionList } from '$lib/server/actions/action-list';
import { renderPdf } from '$lib/server/http/pdf';
import { meetingMinutes } from '$lib/server/meeting/minutes';
import { actionListDocument, minutesDocument } from '$lib/server/meeting/minutes-pdf';
import { concludedMeeting, MEETING } from './concluded-meeting';

let database: OpenDatabase;
let meetingId: number;
let people: Awaited<ReturnType<typeof concludedMeeting>>['people'];
let openedReference: string;

beforeAll(async () => {
	({ database, meetingId, people, openedReference } = await concludedMeeting());
});
afterAll(() => database.close());

const minutesFor = async (who: keyof typeof people) =>
	(await meetingMinutes(database.db, meetingId, people[who]))!;

describe('PDF downloads', () => {
	it('makes a PDF of the minutes holding the family only for a reader who may see it', async () => {
		const named = minutesDocument(await minutesFor('confirmed'));
		const anonymous = minutesDocument(await minutesFor('unconfirmed'));
		expect(JSON.stringify(named.content)).toContain('Jamie Example-Smith');
		expect(JSON.stringify(anonymous.content)).not.toContain('Jamie');
		expect(JSON.stringify(anonymous.content)).toContain(openedReference);
		const pdf = Buffer.from(await renderPdf(anonymous));
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(1000);
		expect(pdf.subarray(-6).toString()).toContain('%%EOF');
	});

	it('makes a PDF of one agency’s actions', async () => {
		const { actions } = await actionList(database.db, meetingId, 'West Mercia Police');
		const document = actionListDocument(
			{ communityName: 'Kington and Weobley', date: MEETING },
			actions,
			'West Mercia Police'
		);
		expect(JSON.stringify(document.content)).toContain('Patrol the riverside');
		expect(JSON.stringify(document.content)).not.toContain('breakfast club');
		const pdf = Buffer.from(await renderPdf(document));
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	});
});
