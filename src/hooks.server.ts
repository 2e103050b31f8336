import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { readProbe } from '$lib/server/audit/read-probe-handle';
import { refusalAudit } from '$lib/server/audit/refusal-handle';
import { session } from '$lib/server/auth/session-handle';
import { twoFactorSteps } from '$lib/server/auth/two-factor-handle';
import { readableForms } from '$lib/server/http/form-body-handle';
import { securityHeaders } from '$lib/server/http/security-headers';
import { reportUnexpectedError } from '$lib/server/http/unexpected-error';
import { startAppMail, stopAppMail } from '$lib/server/mail/app-mail';
import { appDatabase, closeAppDatabase } from '$lib/server/platform/app-database';
import { migrate } from '$lib/server/platform/migrator';
import { readCouncilName } from '$lib/server/council/council';
import {
	startRetentionSchedule,
	stopRetentionSchedule
} from '$lib/server/records/retention-schedule';

export const init: ServerInit = async () => {
	await migrate(appDatabase().db);
	await readCouncilName(appDatabase().db);
	startAppMail(appDatabase().db);
	startRetentionSchedule(appDatabase().db);
	// adapter-node emits this after Ctrl-C / SIGTERM once requests have finished. The mail worker
	// finishes the message in hand first, so the database is closed (and its WAL checkpointed) last.
	process.once('sveltekit:shutdown' as 'exit', () => {
		void Promise.all([stopAppMail(), stopRetentionSchedule()]).finally(() => closeAppDatabase());
	});
};

/**
 * Every request passes through these in order, and its answer back through them in reverse: each
 * one's work after `resolve` sees the answer of all that follow it. A redirect thrown on the way in
 * (to sign in, or to a second-factor step) is SvelteKit's to answer, so none of the work on the way
 * out is done for it.
 */
export const handle = sequence(
	// Last on the way out: the security headers on every answer.
	securityHeaders,
	// Who is signed in (`locals.user`); anyone else is sent to sign in from a page that is not public.
	session,
	// Someone who has still to give their code, or to set up two-factor, is sent to do that first.
	twoFactorSteps,
	// Tests only: a response showing a family without an audited read is noted.
	readProbe,
	// A refusal (403, or 404 from the app's own pages), from the page or the form-body check, is logged.
	refusalAudit,
	// A form action's body that cannot be read, or is too large, is answered before any action runs.
	readableForms
);

export const handleError = reportUnexpectedError;
