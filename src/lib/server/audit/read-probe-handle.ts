import type { Handle } from '@sveltejs/kit';
import { appDatabase } from '../platform/app-database';
import { probeUnauditedRead } from './read-probe';

/**
 * The browser tests' check that a response showing a family was audited (read-probe.ts; off unless
 * AUDIT_READ_PROBE is set). The request's audit entries are those written from just before the page
 * runs, so its clock starts once signing in is settled.
 */
export const readProbe: Handle = async ({ event, resolve }) => {
	const startedAt = new Date().toISOString();
	const response = await resolve(event);
	await probeUnauditedRead(appDatabase().db, event, response, startedAt);
	return response;
};
