import { appDatabase } from '../platform/app-database';
import { contactExists } from '../front-door/contacts';
import { notFound, recordId, refuse } from './refusal';
import { requireUser } from './session';

/**
 * The front door's contact log is the front-door team's: who called, about whom and what was
 * asked identify a family before any consent to share has been given, so no one else lists, reads
 * or records a contact, whatever their role in a MAG. The team is checked before a contact's
 * existence is told. Reading a contact's details is audited by the store (contact.viewed).
 */
export function requireFrontDoor(locals: App.Locals) {
	const user = requireUser(locals);
	if (!user.isFrontDoor) refuse('Only the front-door team can see the contact log');
	return user;
}

/** One contact, for the front-door team; a contact that does not exist is not found. */
export async function requireContact(locals: App.Locals, id: string) {
	const user = requireFrontDoor(locals);
	const contactId = recordId(id);
	if (!(await contactExists(appDatabase().db, contactId))) notFound();
	return { user, contactId };
}

/**
 * The monthly report holds counts only: the front-door team and early help managers (who see
 * every community's reports) read it.
 */
export function requireFrontDoorReport(locals: App.Locals) {
	const user = requireUser(locals);
	if (!user.isFrontDoor && !user.isManager)
		refuse('Only the front-door team and early help managers can see the front door’s report');
	return user;
}
