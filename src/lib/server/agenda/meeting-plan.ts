import type { DB } from '../platform/db';
import type { Actor } from '../audit/log';
import type { FieldErrors } from '../http/forms';
import { closureDays, scheduleMeetings } from './meetings';
import { readMeetingPlan, type PlanValues } from './meeting-plan-form';
import { subtractWorkingDays } from '../../calendar/working-days';
import { todayInEngland } from '../../dates';
import { meetingSettingsOf } from '../council/structure-view';

/**
 * Scheduling a community's meetings from the "schedule meetings" form: first a preview of the
 * dates with their deadlines (working days before, closure days skipped), then the dates the chair
 * kept, all in one go.
 */

type Preview = { date: string; deadline: string }[];

/** The form shown again: what was typed, what is wrong and, once the plan reads, its dates. */
export interface PlanShownAgain {
	values: PlanValues;
	errors: FieldErrors;
	preview?: Preview;
}

/** Each date with the deadline for its items, a set number of working days before. */
async function previewOf(db: DB, communityId: number, dates: string[]): Promise<Preview> {
	const closures = await closureDays(db);
	const { deadlineWorkingDays } = await meetingSettingsOf(db, communityId);
	return dates.map((date) => ({
		date,
		deadline: subtractWorkingDays(date, deadlineWorkingDays, closures)
	}));
}

/** The dates the form would schedule, with their deadlines; or what is wrong with it. */
export async function previewMeetings(
	db: DB,
	communityId: number,
	form: FormData,
	today = todayInEngland()
): Promise<
	{ ok: true; values: PlanValues; preview: Preview } | { ok: false; data: PlanShownAgain }
> {
	const plan = readMeetingPlan(form, today);
	if (Object.keys(plan.errors).length > 0)
		return { ok: false, data: { values: plan.values, errors: plan.errors } };
	return { ok: true, values: plan.values, preview: await previewOf(db, communityId, plan.dates) };
}

/** Schedules the meetings the chair kept, all or none; or says what is wrong with the form. */
export async function scheduleFromForm(
	db: DB,
	communityId: number,
	form: FormData,
	actor: Actor,
	today = todayInEngland()
): Promise<{ ok: true; scheduled: number } | { ok: false; data: PlanShownAgain }> {
	const plan = readMeetingPlan(form, today);
	if (Object.keys(plan.errors).length > 0)
		return { ok: false, data: { values: plan.values, errors: plan.errors } };
	const settings = await meetingSettingsOf(db, communityId);
	// A retired community has no new meetings (an administrator can bring it back).
	if (settings.retired)
		return {
			ok: false,
			data: {
				values: plan.values,
				errors: { date: 'This community is retired: it has no new meetings' }
			}
		};
	if (plan.kept.length === 0)
		return {
			ok: false,
			data: {
				values: plan.values,
				errors: { keep: 'Keep at least one date' },
				preview: await previewOf(db, communityId, plan.dates)
			}
		};
	await scheduleMeetings(
		db,
		{
			communityId,
			dates: plan.kept,
			startTime: plan.values.startTime,
			lengthMinutes: Number(plan.values.lengthMinutes),
			venue: plan.values.venue || null,
			onlineLink: plan.values.onlineLink || null,
			deadlineWorkingDays: settings.deadlineWorkingDays
		},
		actor
	);
	return { ok: true, scheduled: plan.kept.length };
}
