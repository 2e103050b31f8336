import { subDays } from 'date-fns';
import type { DB } from '../../src/lib/server/platform/db';
import type { CallerKind, ContactOutcome } from '../../src/lib/domain/front-door';

/**
 * Thirty fictional contacts to the front door over the last two months, in about the shares
 * Cheshire East reports (58% dealt with directly, 29% liaison with the case-holding social worker,
 * 13% referred on). Added once: a log that already has contacts is left alone.
 */
const CHILDREN = [
	['Mason Clarke', '2016-04-11'],
	['Ava Thornton', '2019-09-02'],
	['Leo Fairbank', '2012-01-23'],
	['Isla Marsh', '2021-06-30'],
	['Noah Pennington', '2014-11-05'],
	['Ruby Ashworth', '2010-03-17']
] as const;
const PRACTITIONERS = [
	['Claire Benton', 'Leominster Primary School'],
	['Tom Aldridge', 'Health visiting'],
	['Nadia Rahman', 'West Mercia Police'],
	['Gareth Lloyd', 'Kington Medical Practice'],
	['Sophie Tranter', 'Bromyard Children’s Centre']
] as const;
const ASKED = [
	'Worried about attendance since the summer; asked what support the school can offer.',
	'Mum is struggling with the baby’s sleep and asked for parenting support nearby.',
	'Asked whether the family already has a social worker before making a referral.',
	'Concerns about money and housing; asked where the family could get advice.',
	'Behaviour at home has changed; asked for advice on a referral to emotional health services.'
];

function outcomeFor(index: number): ContactOutcome {
	const turn = index % 30;
	if (turn < 17) return 'advice';
	if (turn < 26) return 'liaison';
	return 'referred';
}

export async function seedFrontDoor(db: DB, now: Date): Promise<void> {
	const already = await db.selectFrom('front_door_contact').select('id').executeTakeFirst();
	if (already) return;
	const recorder = await db
		.selectFrom('user')
		.select('id')
		.where('email', '=', 'frontdoor@mag.example')
		.executeTakeFirstOrThrow();
	const communities = await db.selectFrom('community').select('id').orderBy('id').execute();
	for (let i = 0; i < 30; i++) {
		const kind: CallerKind = i % 5 === 4 ? 'family-member' : 'practitioner';
		const practitioner = PRACTITIONERS[(i * 3) % PRACTITIONERS.length]!;
		const [childName, dateOfBirth] = CHILDREN[i % CHILDREN.length]!;
		const outcome = outcomeFor((i * 7) % 30);
		const received = subDays(now, 1 + Math.floor((i * 59) / 30));
		received.setUTCHours(9 + (i % 8), (i * 13) % 60, 0, 0);
		const { id } = await db
			.insertInto('front_door_contact')
			.values({
				received_at: received.toISOString(),
				caller_kind: kind,
				caller_name: kind === 'practitioner' ? practitioner[0] : `Parent of ${childName}`,
				caller_agency: kind === 'practitioner' ? practitioner[1] : null,
				caller_relationship: kind === 'family-member' ? 'Parent' : null,
				community_id: i % 4 === 3 ? null : communities[i % communities.length]!.id,
				asked: ASKED[i % ASKED.length]!,
				outcome,
				liaison_worker: outcome === 'liaison' ? 'Karen Doyle, social worker' : null,
				notes: null,
				family_consented: i % 6 === 0 ? 1 : 0,
				recorded_by: recorder.id,
				created_at: received.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('front_door_contact_person')
			.values({ contact_id: id, position: 1, name: childName, date_of_birth: dateOfBirth })
			.execute();
	}
}
