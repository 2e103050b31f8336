import { describe, expect, it } from 'vitest';
import { concludeMeeting, startMeeting, takeItem } from '$lib/server/meeting/room';
import type { OutcomeInput } from '$lib/server/meeting/outcome-rules';
import { saveOutcome } from '$lib/server/meeting/outcomes';
import { MEETING_DATE, database, fixture, useMeetingFixture, chair } from '../meeting-fixture';
import { at } from './room-fixture';

useMeetingFixture();

describe('starting and concluding', () => {
	it('starts on the first item, follows the chair, and concludes only when every item has an outcome or has gone', async () => {
		const { db } = database;
		expect(await startMeeting(db, fixture.meetingId, chair(), at)).toBe(true);
		const started = await db
			.selectFrom('meeting')
			.select(['status', 'current_item_id'])
			.where('id', '=', fixture.meetingId)
			.executeTakeFirstOrThrow();
		expect(started).toEqual({ status: 'in-progress', current_item_id: fixture.items.advice });
		expect(await takeItem(db, fixture.meetingId, fixture.items.issue, at)).toBe(true);

		expect(await concludeMeeting(db, fixture.meetingId, chair(), at)).toEqual({
			ok: false,
			missing: 5
		});
		const base = {
			meetingId: fixture.meetingId,
			meetingDate: MEETING_DATE,
			communityId: fixture.communityId,
			caseId: null
		};
		const advice: OutcomeInput = {
			kind: 'advice-given',
			note: 'Try the school nurse',
			agency: null,
			offer: null,
			takenAsAdvice: false
		};
		await saveOutcome(db, { ...base, submissionId: fixture.items.advice }, advice, 0, chair(), at);
		await saveOutcome(
			db,
			{ ...base, submissionId: fixture.items.issue },
			{ kind: 'agreed', part: 4, note: 'Joint letter' },
			0,
			chair(),
			at
		);
		await saveOutcome(
			db,
			{ ...base, submissionId: fixture.items.withdrawn },
			{ ...advice, takenAsAdvice: true },
			0,
			chair(),
			at
		);
		expect(await concludeMeeting(db, fixture.meetingId, chair(), at)).toEqual({
			ok: false,
			missing: 2
		});
		await db
			.updateTable('submission')
			.set({ status: 'deferred', meeting_id: fixture.laterMeetingIds[0]! })
			.where('id', 'in', [fixture.items.fine, fixture.items.unchecked])
			.execute();
		expect(await concludeMeeting(db, fixture.meetingId, chair(), at)).toEqual({ ok: true });
		const concluded = await db
			.selectFrom('meeting')
			.select(['status', 'concluded_at'])
			.where('id', '=', fixture.meetingId)
			.executeTakeFirstOrThrow();
		expect(concluded).toEqual({ status: 'concluded', concluded_at: at.toISOString() });
	});
});
