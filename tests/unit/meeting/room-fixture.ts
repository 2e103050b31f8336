import type { OutcomeContext } from '$lib/server/meeting/outcome-form';
import { TODAY, fixture, useMeetingFixture } from '../meeting-fixture';

/** What the room's tests share: the moment things happen at, and a form as the browser posts it. */
export const at = new Date('2027-05-11T09:00:00Z');

export { form } from '../helpers';

/** Each test in the room starts from the meeting fixture: a meeting with its families, fresh. */
export const useRoomFixture = useMeetingFixture;

/** What an outcome is read against at the fixture's meeting today: a part 1 item, unless said. */
export const outcomeContext = (context: Partial<OutcomeContext> = {}): OutcomeContext => ({
	meetingId: fixture.meetingId,
	communityId: fixture.communityId,
	today: TODAY,
	asAdvice: false,
	part: 1,
	needIds: [],
	leadProfessionalChoices: [],
	reviewMeetingIds: [],
	...context
});
