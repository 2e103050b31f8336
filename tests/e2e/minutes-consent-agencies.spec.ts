import { expect, test, type Page } from '@playwright/test';
import { CHILD, concludedMinutesMeeting, NEED, REFERENCE } from './support/concluded-minutes';
import { withDatabase } from './support/fixtures';
import { expectNoAxeViolations, open, signedIn } from './support/pages';

/**
 * Consent that says who may know (docs/domain.md): a member present at the meeting who agreed the
 * statement reads the family in the minutes only while the family's consent covers their agency.
 * The member here (Parenting and Family Support) is put in the room for these tests and taken out
 * again after them, so the minutes specs find the meeting as it was.
 */
let meetingId: number;
const MEMBER = 'family.support@mag.example';

function consentOfCase() {
	return withDatabase(
		(db) =>
			db
				.prepare(
					`select consent.id from consent join family_case on family_case.id = consent.case_id where family_case.reference = ?`
				)
				.get(REFERENCE) as { id: number }
	).id;
}

function memberAttends(present: boolean) {
	withDatabase((db) =>
		db
			.prepare(
				`update attendance set status = ?, confirmed_at = ?, confirmed_via = ?
				 where meeting_id = ? and user_id = (select id from user where email = ?)`
			)
			.run(
				present ? 'present' : 'apologies',
				present ? '2020-01-01T09:30:00.000Z' : null,
				present ? 'self' : null,
				meetingId,
				MEMBER
			)
	);
}

/** The consent covers all agencies, or only Health Visiting (not the member's agency). */
function consentCovers(all: boolean) {
	const consentId = consentOfCase();
	withDatabase((db) => {
		db.prepare('delete from consent_agency where consent_id = ?').run(consentId);
		db.prepare('update consent set shares_with_all = ? where id = ?').run(all ? 1 : 0, consentId);
		if (!all)
			db.prepare(
				`insert into consent_agency (consent_id, agency_id) select ?, id from agency where name = 'Health Visiting Service'`
			).run(consentId);
	});
}

async function minutesAndData(page: Page) {
	await open(page, `/meetings/${meetingId}/minutes`);
	const html = await page.content();
	const data = await (await page.request.get(`/meetings/${meetingId}/minutes/__data.json`)).text();
	return { html, data };
}

test.beforeAll(() => {
	({ meetingId } = concludedMinutesMeeting());
	memberAttends(true);
});

test.afterAll(() => {
	consentCovers(true);
	memberAttends(false);
});

test('a member whose agency the consent does not cover reads the minutes without the family, while those it covers still see them', async ({
	browser
}) => {
	const { page } = await signedIn(browser, MEMBER);
	consentCovers(true);
	const covered = await minutesAndData(page);
	expect(covered.html).toContain(CHILD);

	consentCovers(false);
	const notCovered = await minutesAndData(page);
	await expect(page.getByText(REFERENCE).first()).toBeVisible();
	for (const words of [CHILD, NEED]) {
		expect(notCovered.html).not.toContain(words);
		expect(notCovered.data).not.toContain(words);
	}
	await expectNoAxeViolations(page);

	// The lead professional is always covered.
	const { page: lead } = await signedIn(browser, 'health.visitor@mag.example');
	expect((await minutesAndData(lead)).html).toContain(CHILD);
});
