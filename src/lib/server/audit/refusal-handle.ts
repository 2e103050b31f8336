import type { Handle } from '@sveltejs/kit';
import { appDatabase } from '../platform/app-database';
import { auditRefusal } from './refusals';

/**
 * Every refusal goes in the audit log (refusals.ts), judged on the app's final answer: placed after
 * the session is known (so the log says who) and around everything that can refuse, including the
 * form-body check.
 */
export const refusalAudit: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	await auditRefusal(appDatabase().db, event, response);
	return response;
};
