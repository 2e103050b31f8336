import type { SessionUser } from '../auth/session';
import { refuse } from './refusal';
import { requireUser } from './session';

/** Administrators manage accounts and the council's set-up; they do not read family data. */
export function requireAdministrator(locals: App.Locals): SessionUser {
	const user = requireUser(locals);
	if (!user.isAdministrator) refuse('Only administrators can do this');
	return user;
}

/** The audit log is for administrators and the data protection officer (who sees nothing else). */
export function requireAuditReader(locals: App.Locals): SessionUser {
	const user = requireUser(locals);
	if (!user.isAdministrator && !user.isDataProtectionOfficer)
		refuse('Only administrators and the data protection officer can read the audit log');
	return user;
}

/**
 * Only the data protection officer answers a subject access request: a chair sees the families
 * at their own MAG but not who else looked at them, and answering is the council's
 * information-governance task, with its own checks of who is asking.
 */
export function mayExportCase(user: Pick<SessionUser, 'isDataProtectionOfficer'>): boolean {
	return user.isDataProtectionOfficer;
}

export function requireSubjectAccessOfficer(locals: App.Locals): SessionUser {
	const user = requireUser(locals);
	if (!mayExportCase(user))
		refuse('Only the data protection officer can answer a subject access request');
	return user;
}
