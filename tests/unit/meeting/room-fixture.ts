import { useMeetingFixture } from '../meeting-fixture';

/** What the room's tests share: the moment things happen at, and a form as the browser posts it. */
export const at = new Date('2027-05-11T09:00:00Z');

export { form } from '../helpers';

/** Each test in the room starts from the meeting fixture: a meeting with its families, fresh. */
export const useRoomFixture = useMeetingFixture;
