import type { MeetingStatus } from '../platform/schema';

/**
 * A meeting's stages, in order: scheduled, its agenda open for items, the agenda published (out
 * to members), in progress (the room), concluded (minutes and action list stand); or cancelled.
 * What each page may do at each stage, with no database needed.
 */

/** The chair and coordinators build the agenda until they publish it. */
export function agendaBeingBuilt(status: MeetingStatus): boolean {
	return status === 'scheduled' || status === 'agenda-open';
}

/** Once published, the agenda stays out: through the meeting and in its record afterwards. */
export function agendaPublished(status: MeetingStatus): boolean {
	return ['agenda-published', 'in-progress', 'concluded'].includes(status);
}

/** Members see the agenda once published; organisers also while items are coming in. */
export function agendaVisible(status: MeetingStatus, organiser: boolean): boolean {
	return agendaPublished(status) || (organiser && status === 'agenda-open');
}

/** The register is taken once the agenda is out and while the meeting runs. */
export function registerOpen(status: MeetingStatus): boolean {
	return status === 'agenda-published' || status === 'in-progress';
}

/** The room is open while the meeting runs; afterwards its minutes and action list stand. */
export function roomStage(status: MeetingStatus): 'open' | 'concluded' | 'not-started' {
	if (status === 'concluded') return 'concluded';
	return status === 'in-progress' ? 'open' : 'not-started';
}
