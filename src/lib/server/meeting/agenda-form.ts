import type { DB } from '../platform/db';
import type { DeferralReason } from '../platform/schema';
import { textField, type FieldErrors } from '../http/forms';
import { readDeclineReason, readDeferralReason } from '../agenda/agenda';
import { laterMeetings } from './room';

/**
 * The chair's decisions on the items waiting for the agenda, as the agenda page posts them. Each
 * item's fields are its own (`minutes-<id>`, `reason-<id>` ...), so a message lands by the right
 * item, and what was typed is echoed back (`typed`).
 */
type SentBack = { typed: Record<string, string>; errors: FieldErrors };

/** A record chosen on the page (`item`, `case`): a whole number, or null. */
export function chosenId(form: FormData, field: string): number | null {
	const id = Number(textField(form, field));
	return Number.isInteger(id) ? id : null;
}

/** The minutes the chair gives an item accepted onto the agenda (`minutes-<id>`): 1 to 60. */
export function readItemMinutes(form: FormData, itemId: number): { minutes: number } | SentBack {
	const minutes = Number(textField(form, `minutes-${itemId}`));
	if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60)
		return {
			typed: { minutes: textField(form, `minutes-${itemId}`) },
			errors: { [`minutes-${itemId}`]: 'Enter a time from 1 to 60 minutes' }
		};
	return { minutes };
}

/**
 * The items the chair ticked to accept at once, each with the time typed by it (`minutes-<id>`).
 * One bad time sends everything back, each message by its item, with what was typed.
 */
export function readAcceptances(
	form: FormData
):
	| { items: { id: number; minutes: number }[] }
	| { typedByItem: Record<string, Record<string, string>>; errors: FieldErrors } {
	const ids = form
		.getAll('selected')
		.map(Number)
		.filter((id) => Number.isInteger(id) && id > 0);
	if (ids.length === 0)
		return { typedByItem: {}, errors: { selected: 'Choose at least one item to accept' } };
	const items: { id: number; minutes: number }[] = [];
	const typedByItem: Record<string, Record<string, string>> = {};
	const errors: FieldErrors = {};
	for (const id of ids) {
		const read = readItemMinutes(form, id);
		typedByItem[id] = { minutes: textField(form, `minutes-${id}`) };
		if ('errors' in read) Object.assign(errors, read.errors);
		else items.push({ id, minutes: read.minutes });
	}
	return Object.keys(errors).length > 0 ? { typedByItem, errors } : { items };
}

/** Why the chair declines an item: the submitter is told it, so it is screened (readDeclineReason). */
export function readDecline(
	form: FormData,
	itemId: number,
	today: string
): { reason: string } | SentBack {
	const why = readDeclineReason(form, today);
	if (!why.ok)
		return {
			typed: { reason: textField(form, 'reason') },
			errors: { [`reason-${itemId}`]: why.error }
		};
	return { reason: why.reason };
}

/** Where the chair defers an item (one of the community's later meetings) and why. */
export async function readAgendaDeferral(
	db: DB,
	meeting: { communityId: number; date: string },
	form: FormData,
	itemId: number,
	today: string
): Promise<{ toMeeting: { id: number; date: string }; reason: DeferralReason } | SentBack> {
	const later = await laterMeetings(db, meeting, today);
	const target = later.find((m) => String(m.id) === textField(form, 'toMeeting'));
	const why = readDeferralReason(form);
	if (target && why.ok) return { toMeeting: target, reason: why.reason };
	const errors: FieldErrors = {};
	if (!target) errors[`toMeeting-${itemId}`] = 'Choose a later meeting';
	if (!why.ok) errors[`deferReason-${itemId}`] = why.error;
	return {
		typed: { toMeeting: textField(form, 'toMeeting'), deferReason: textField(form, 'deferReason') },
		errors
	};
}
