import { describe, expect, it } from 'vitest';
import type { MeetingStatus } from '$lib/server/platform/schema';
import {
	agendaBeingBuilt,
	agendaPublished,
	agendaVisible,
	registerOpen,
	roomStage
} from '$lib/server/meeting/stages';

const STAGES: MeetingStatus[] = [
	'scheduled',
	'agenda-open',
	'agenda-published',
	'in-progress',
	'concluded',
	'cancelled'
];
const at = (check: (status: MeetingStatus) => boolean) => STAGES.filter(check);

describe("a meeting's stages", () => {
	it('builds the agenda until it is published, which it stays', () => {
		expect(at(agendaBeingBuilt)).toEqual(['scheduled', 'agenda-open']);
		expect(at(agendaPublished)).toEqual(['agenda-published', 'in-progress', 'concluded']);
	});

	it('shows organisers the agenda while items come in, members once it is published', () => {
		expect(at((s) => agendaVisible(s, true))).toEqual([
			'agenda-open',
			'agenda-published',
			'in-progress',
			'concluded'
		]);
		expect(at((s) => agendaVisible(s, false))).toEqual(at(agendaPublished));
	});

	it('takes the register once the agenda is out and while the meeting runs', () => {
		expect(at(registerOpen)).toEqual(['agenda-published', 'in-progress']);
	});

	it('opens the room only while the meeting runs; afterwards the minutes stand', () => {
		expect(STAGES.map(roomStage)).toEqual([
			'not-started',
			'not-started',
			'not-started',
			'open',
			'concluded',
			'not-started'
		]);
	});
});
