import { error, fail, redirect } from '@sveltejs/kit';
import { requireContact } from '$lib/server/policy/front-door';
import { appDatabase } from '$lib/server/platform/app-database';
import { viewContact } from '$lib/server/front-door/contacts';
import { bringAsAdvice, nextOpenMeetings, startCafFromContact } from '$lib/server/front-door/bring';
import { readBringForm } from '$lib/server/front-door/bring-form';
import { ageBandOf, withoutNames } from '$lib/server/front-door/contact-rules';
import { AGE_BANDS } from '$lib/domain/family';
import { todayInEngland } from '$lib/dates';
import type { DB } from '$lib/server/platform/db';
import type { Actions, PageServerLoad } from './$types';

async function memberOf(db: DB, userId: number) {
	const rows = await db
		.selectFrom('community_membership')
		.select('community_id')
		.where('user_id', '=', userId)
		.execute();
	return new Set(rows.map((r) => r.community_id));
}

async function contactFor(locals: App.Locals, id: string, ip: string) {
	const { user, contactId } = await requireContact(locals, id);
	const { db } = appDatabase();
	const contact = await viewContact(db, contactId, { id: user.id, ip }, 'bring-to-a-mag');
	if (!contact) error(404, 'Not found');
	if (contact.broughtAt) redirect(303, `/front-door/${contact.id}`);
	return { user, contact, db, meetings: await nextOpenMeetings(db, todayInEngland()) };
}

/** Choosing the MAG and what to bring; the advice request prefilled, the family's names taken out. */
export const load: PageServerLoad = async ({ locals, params, getClientAddress }) => {
	const { contact, meetings } = await contactFor(locals, params.id, getClientAddress());
	const names = contact.people.map((p) => p.name);
	const preferred = meetings.find((m) => m.communityId === contact.communityId);
	return {
		contact: {
			id: contact.id,
			receivedAt: contact.receivedAt,
			familyConsented: contact.familyConsented,
			about: contact.people.map((p) => p.name).join(', ')
		},
		meetings: meetings.map((m) => ({ ...m, value: String(m.meetingId) })),
		ageBands: AGE_BANDS,
		prefill: {
			meetingId: preferred ? String(preferred.meetingId) : '',
			part: contact.familyConsented ? '' : 'advice',
			ageBand: ageBandOf(contact.people[0]?.dateOfBirth ?? null, todayInEngland()),
			setting: '',
			worry: withoutNames(contact.asked, names),
			askedFor: ''
		}
	};
};

export const actions: Actions = {
	bring: async ({ locals, params, request, getClientAddress }) => {
		const ip = getClientAddress();
		const { user, contact, db, meetings } = await contactFor(locals, params.id, ip);
		const read = readBringForm(await request.formData(), {
			meetings,
			memberOf: await memberOf(db, user.id),
			familyConsented: contact.familyConsented,
			names: contact.people.map((p) => p.name)
		});
		if (!read.choice) return fail(400, { values: read.values, errors: read.errors });
		const actor = { id: user.id, ip };
		const { meeting } = read.choice;
		if (read.choice.part === 1) {
			const answer = await bringAsAdvice(
				db,
				actor,
				contact.id,
				meeting.meetingId,
				read.choice.advice,
				todayInEngland()
			);
			if (!answer.ok)
				return fail(409, {
					values: read.values,
					errors: {
						meetingId: 'That meeting is no longer taking items, or the contact was brought already'
					}
				});
			redirect(303, `/front-door/${contact.id}?brought=1`);
		}
		const started = await startCafFromContact(
			db,
			actor,
			contact,
			meeting.meetingId,
			todayInEngland()
		);
		if (!started.ok)
			return fail(409, {
				values: read.values,
				errors: {
					meetingId: 'That meeting is no longer taking items, or the contact was brought already'
				}
			});
		redirect(
			303,
			`/meetings/${meeting.meetingId}/items/new?part=new-caf&draft=${started.draftId}&saved=1`
		);
	}
};
