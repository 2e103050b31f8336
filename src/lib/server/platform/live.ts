import { EventEmitter } from 'node:events';

/**
 * The live view: every change in a running meeting is announced here, and each open browser
 * (through the server-sent events endpoint) reloads what it shows. One server process holds all
 * connections, so an in-process emitter is enough; nothing about the change travels on it.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);

export function announceMeetingChange(meetingId: number): void {
	bus.emit(`meeting:${meetingId}`);
}

export function followMeeting(meetingId: number, listener: () => void): () => void {
	bus.on(`meeting:${meetingId}`, listener);
	return () => bus.off(`meeting:${meetingId}`, listener);
}
