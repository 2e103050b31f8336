import { format, subDays } from 'date-fns';
import type { DB } from '../../src/lib/server/platform/db';
import type { NeedDomain } from '../../src/lib/server/platform/schema';
import { communityCode, initialsOf } from '../../src/lib/server/agenda/new-caf-rules';
import { nextCaseReference } from '../../src/lib/server/agenda/new-caf';

interface DemoCase {
	community: string;
	/** The lead professional's email: a member of the community. */
	lead: string;
	members: { name: string; dateOfBirth: string; relationship: string; setting: string | null }[];
	needs: { member: number; description: string; domain: NeedDomain }[];
}

/**
 * Families already supported through the Kington and Weobley MAG (taken on before its records moved
 * to this service), each with a lead professional and a review due at the community's next meeting:
 * the chair sees them under "Reviews due" and their lead professionals can bring the reviews.
 * Obviously fictional, like every family in the demo.
 */
export const DEMO_OPEN_CASES: DemoCase[] = [
	{
		community: 'Kington and Weobley',
		lead: 'family.support@mag.example',
		members: [
			{
				name: 'Poppy Example-Jones',
				dateOfBirth: '2017-05-14',
				relationship: 'Child',
				setting: 'Fictional Primary School, Year 3'
			},
			{
				name: 'Kerry Example-Jones',
				dateOfBirth: '1991-02-03',
				relationship: 'Mother',
				setting: null
			}
		],
		needs: [
			{
				member: 0,
				description: 'School attendance below 90 percent this term',
				domain: 'development'
			},
			{
				member: 1,
				description: 'Mornings are chaotic since the new baby: help with routines',
				domain: 'parenting'
			}
		]
	},
	{
		community: 'Kington and Weobley',
		lead: 'family.support@mag.example',
		members: [
			{
				name: 'Alfie Example-Patel',
				dateOfBirth: '2023-09-21',
				relationship: 'Child',
				setting: 'Fictional Pre-school'
			},
			{
				name: 'Dev Example-Patel',
				dateOfBirth: '1988-11-30',
				relationship: 'Father',
				setting: null
			}
		],
		needs: [
			{
				member: 0,
				description: 'Speech and language delay noted at the two-year review',
				domain: 'development'
			},
			{
				member: 1,
				description: 'Rent arrears putting the family’s tenancy at risk',
				domain: 'family-environment'
			}
		]
	},
	{
		community: 'Kington and Weobley',
		lead: 'health.visitor@mag.example',
		members: [
			{
				name: 'Mia Example-Brown',
				dateOfBirth: '2025-03-02',
				relationship: 'Child',
				setting: 'At home'
			},
			{
				name: 'Jade Example-Brown',
				dateOfBirth: '1999-07-19',
				relationship: 'Mother',
				setting: null
			}
		],
		needs: [
			{ member: 0, description: 'Weight gain below the expected centile', domain: 'development' },
			{
				member: 1,
				description: 'Low mood since the birth, not yet talked to the GP about it',
				domain: 'parenting'
			}
		]
	}
];

/** Numbered as createNewCaf numbers cases: community code, year, then the next number. */
export const caseReferencePrefix = (communityName: string, year: string) =>
	`${communityCode(communityName)}-${year}-`;
export const caseReference = (prefix: string, number: number) =>
	`${prefix}${String(number).padStart(3, '0')}`;

/**
 * The open cases in DEMO_OPEN_CASES, with consent signed two months ago and the review set for the
 * community's next meeting. A case is matched on its child's name in its community.
 */
export async function seedOpenCases(db: DB, now: Date): Promise<void> {
	const today = format(now, 'yyyy-MM-dd');
	const twoMonthsAgo = subDays(now, 60);
	for (const demo of DEMO_OPEN_CASES) {
		const community = await db
			.selectFrom('community')
			.select(['id', 'name'])
			.where('name', '=', demo.community)
			.executeTakeFirstOrThrow();
		const child = demo.members[0]!;
		const existing = await db
			.selectFrom('family_member')
			.innerJoin('family_case', 'family_case.id', 'family_member.case_id')
			.select('family_case.id')
			.where('family_member.name', '=', child.name)
			.where('family_case.community_id', '=', community.id)
			.executeTakeFirst();
		if (existing) continue;
		const nextMeeting = await db
			.selectFrom('meeting')
			.select('id')
			.where('community_id', '=', community.id)
			.where('date', '>=', today)
			.where('status', '!=', 'cancelled')
			.orderBy('date')
			.limit(1)
			.executeTakeFirst();
		const lead = await db
			.selectFrom('user')
			.select('id')
			.where('email', '=', demo.lead)
			.executeTakeFirstOrThrow();
		const prefix = caseReferencePrefix(community.name, format(now, 'yyyy'));
		const stamp = twoMonthsAgo.toISOString();
		const familyCase = await db
			.insertInto('family_case')
			.values({
				reference: await nextCaseReference(db, prefix),
				community_id: community.id,
				initials: initialsOf(child.name),
				created_by: lead.id,
				created_at: stamp,
				lead_professional_id: lead.id,
				status: 'open',
				next_review_meeting_id: nextMeeting?.id ?? null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const memberIds: number[] = [];
		for (const member of demo.members) {
			const row = await db
				.insertInto('family_member')
				.values({
					case_id: familyCase.id,
					name: member.name,
					date_of_birth: member.dateOfBirth,
					relationship: member.relationship,
					setting: member.setting,
					is_child: member.relationship === 'Child' ? 1 : 0
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			memberIds.push(row.id);
		}
		for (const need of demo.needs) {
			await db
				.insertInto('need')
				.values({
					case_id: familyCase.id,
					family_member_id: memberIds[need.member]!,
					description: need.description,
					domain: need.domain
				})
				.execute();
		}
		await db
			.insertInto('consent')
			.values({
				case_id: familyCase.id,
				given_by: demo.members[1]!.name,
				young_person: 'not-of-age',
				signed_on: format(twoMonthsAgo, 'yyyy-MM-dd'),
				covers_mag: 1,
				shared_with: 'School or setting, health visiting, family support, housing',
				form_location: 'Scanned to the case file',
				withdrawn_on: null,
				recorded_by: lead.id,
				recorded_at: stamp
			})
			.execute();
	}
}
