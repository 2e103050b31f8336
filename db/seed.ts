import type { DB } from '../src/lib/server/platform/db';
import type { CommunityRole, NeedDomain } from '../src/lib/server/platform/schema';
import { hashPassword } from '../src/lib/server/auth/password';
import { communityCode, initialsOf } from '../src/lib/server/agenda/new-caf-rules';
import { meetingSeries, oneYearAfter, subtractWorkingDays } from '../src/lib/calendar/working-days';
import { addDays, format, nextTuesday, subDays } from 'date-fns';

/**
 * Demo data after Herefordshire's "No Wrong Door" arrangement: two localities of four natural
 * communities each, the local agencies, a head of locality chairing each locality's MAGs, a
 * coordinator per locality, practitioners across agencies and an administrator. Every person is
 * fictional. Running it again adds nothing twice: rows are matched on their names and emails.
 */
export const DEMO_PASSWORD = 'demo-MAG-meeting-2026';

const localities: Record<string, string[]> = {
	North: ['Mortimer and Leominster', 'Kington and Weobley', 'Bromyard', 'Hereford North City'],
	South: ['Golden Valley', 'Ross on Wye', 'Ledbury', 'Hereford South City']
};

const agencies: [name: string, sector: string][] = [
	['West Mercia Police', 'Police'],
	['Leominster Primary School', 'School'],
	['Whitecross High School', 'School'],
	['Ross Community GP Practice', 'Health'],
	['Health Visiting Service', 'Health'],
	['School Nursing Service', 'Health'],
	['Education Welfare Service', 'Education'],
	['Educational Psychology Service', 'Education'],
	['Youth Service', 'Youth'],
	['Connexions', 'Youth'],
	['Parenting and Family Support', 'Family support'],
	["Children's Centres", 'Family support'],
	['CAF Team', 'Children’s services'],
	['Housing Solutions', 'Housing'],
	['Adult Services', 'Adult social care'],
	['Child and Adolescent Mental Health Service', 'Health'],
	['Home-Start Herefordshire', 'Voluntary']
];

interface DemoUser {
	email: string;
	name: string;
	jobTitle: string;
	agency: string;
	administrator?: boolean;
	/** An early help manager: every community's reports, no family data. */
	manager?: boolean;
	roles: [community: string, role: CommunityRole][];
	/** How the demo sign-in list describes this person. */
	demoRole?: string;
}

const north = localities.North!;
const south = localities.South!;
const every = (communities: string[], role: CommunityRole) =>
	communities.map((c) => [c, role] as [string, CommunityRole]);

const users: DemoUser[] = [
	{
		email: 'admin@mag.example',
		name: 'Alex Morgan',
		jobTitle: 'MAG system administrator',
		agency: 'CAF Team',
		administrator: true,
		roles: [],
		demoRole: 'Administrator'
	},
	{
		email: 'manager@mag.example',
		name: 'Ruth Hallam',
		jobTitle: 'Early help manager',
		agency: 'CAF Team',
		manager: true,
		roles: [],
		demoRole: 'Early help manager'
	},
	{
		email: 'chair.north@mag.example',
		name: 'Helen Price',
		jobTitle: 'Head of Locality (North)',
		agency: 'CAF Team',
		roles: every(north, 'chair'),
		demoRole: 'Chair, North locality'
	},
	{
		email: 'chair.south@mag.example',
		name: 'David Okafor',
		jobTitle: 'Head of Locality (South)',
		agency: 'CAF Team',
		roles: every(south, 'chair'),
		demoRole: 'Chair, South locality'
	},
	{
		email: 'coordinator.north@mag.example',
		name: 'Jo Evans',
		jobTitle: 'MAG coordinator',
		agency: 'CAF Team',
		roles: every(north, 'coordinator'),
		demoRole: 'Coordinator, North locality'
	},
	{
		email: 'coordinator.south@mag.example',
		name: 'Chris Patel',
		jobTitle: 'MAG coordinator',
		agency: 'CAF Team',
		roles: every(south, 'coordinator'),
		demoRole: 'Coordinator, South locality'
	},
	{
		email: 'health.visitor@mag.example',
		name: 'Sarah Williams',
		jobTitle: 'Health visitor',
		agency: 'Health Visiting Service',
		roles: [
			['Mortimer and Leominster', 'member'],
			['Kington and Weobley', 'member']
		],
		demoRole: 'Practitioner (member)'
	},
	{
		email: 'pc.hughes@mag.example',
		name: 'Mark Hughes',
		jobTitle: 'Police community support officer',
		agency: 'West Mercia Police',
		roles: [
			['Mortimer and Leominster', 'member'],
			['Bromyard', 'member']
		]
	},
	{
		email: 'senco@mag.example',
		name: 'Priya Shah',
		jobTitle: 'Special educational needs coordinator',
		agency: 'Leominster Primary School',
		roles: [['Mortimer and Leominster', 'member']]
	},
	{
		email: 'gp.lewis@mag.example',
		name: 'Dr Rhiannon Lewis',
		jobTitle: 'GP safeguarding lead',
		agency: 'Ross Community GP Practice',
		roles: [['Ross on Wye', 'member']]
	},
	{
		email: 'school.nurse@mag.example',
		name: 'Aisha Begum',
		jobTitle: 'School nurse',
		agency: 'School Nursing Service',
		roles: [
			['Hereford North City', 'member'],
			['Hereford South City', 'member']
		]
	},
	{
		email: 'ewo@mag.example',
		name: 'Gareth Jones',
		jobTitle: 'Education welfare officer',
		agency: 'Education Welfare Service',
		roles: [
			['Golden Valley', 'member'],
			['Ledbury', 'member']
		]
	},
	{
		email: 'youth.worker@mag.example',
		name: 'Kayleigh Brown',
		jobTitle: 'Youth worker',
		agency: 'Youth Service',
		roles: [
			['Ross on Wye', 'member'],
			['Hereford South City', 'member']
		]
	},
	{
		email: 'housing@mag.example',
		name: 'Tom Reid',
		jobTitle: 'Housing options officer',
		agency: 'Housing Solutions',
		roles: [
			['Hereford North City', 'member'],
			['Bromyard', 'member']
		]
	},
	{
		email: 'family.support@mag.example',
		name: 'Lucy Clarke',
		jobTitle: 'Family support worker',
		agency: 'Parenting and Family Support',
		roles: [
			['Kington and Weobley', 'member'],
			['Golden Valley', 'member']
		],
		demoRole: 'Lead professional (family support)'
	},
	{
		email: 'childrens.centre@mag.example',
		name: 'Emma Davies',
		jobTitle: "Children's centre outreach worker",
		agency: "Children's Centres",
		roles: [['Ledbury', 'member']]
	},
	{
		email: 'camhs@mag.example',
		name: 'Ben Thomas',
		jobTitle: 'Primary mental health worker',
		agency: 'Child and Adolescent Mental Health Service',
		roles: [
			['Hereford North City', 'member'],
			['Hereford South City', 'member']
		]
	},
	{
		email: 'homestart@mag.example',
		name: 'Margaret Ellis',
		jobTitle: 'Volunteer coordinator',
		agency: 'Home-Start Herefordshire',
		roles: [['Ross on Wye', 'member']]
	}
];

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

export interface DemoSignIn {
	role: string;
	email: string;
	password: string;
}

export const demoSignIns: DemoSignIn[] = users
	.filter((u) => u.demoRole)
	.map((u) => ({ role: u.demoRole!, email: u.email, password: DEMO_PASSWORD }));

export async function seedDemo(db: DB, now = new Date()): Promise<void> {
	// Hash once, before the transaction: slow work never runs inside one.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction().execute(async (trx) => {
		for (const [name, sector] of agencies) {
			await trx
				.insertInto('agency')
				.values({ name, sector })
				.onConflict((oc) => oc.column('name').doNothing())
				.execute();
		}
		for (const [locality, communities] of Object.entries(localities)) {
			await trx
				.insertInto('locality')
				.values({ name: locality })
				.onConflict((oc) => oc.column('name').doNothing())
				.execute();
			const { id: localityId } = await trx
				.selectFrom('locality')
				.select('id')
				.where('name', '=', locality)
				.executeTakeFirstOrThrow();
			for (const community of communities) {
				await trx
					.insertInto('community')
					.values({ name: community, locality_id: localityId })
					.onConflict((oc) => oc.column('name').doNothing())
					.execute();
			}
		}
		const agencyIds = new Map(
			(await trx.selectFrom('agency').select(['id', 'name']).execute()).map((a) => [a.name, a.id])
		);
		const communityIds = new Map(
			(await trx.selectFrom('community').select(['id', 'name']).execute()).map((c) => [
				c.name,
				c.id
			])
		);
		for (const user of users) {
			await trx
				.insertInto('user')
				.values({
					email: user.email,
					name: user.name,
					job_title: user.jobTitle,
					agency_id: agencyIds.get(user.agency)!,
					is_administrator: user.administrator ? 1 : 0,
					is_manager: user.manager ? 1 : 0,
					password_hash: passwordHash,
					totp_key: null,
					totp_last_step: null,
					disabled_at: null,
					created_at: now.toISOString()
				})
				.onConflict((oc) => oc.column('email').doNothing())
				.execute();
			const { id: userId } = await trx
				.selectFrom('user')
				.select('id')
				.where('email', '=', user.email)
				.executeTakeFirstOrThrow();
			for (const [community, role] of user.roles) {
				await trx
					.insertInto('community_membership')
					.values({ user_id: userId, community_id: communityIds.get(community)!, role })
					.onConflict((oc) => oc.columns(['user_id', 'community_id']).doNothing())
					.execute();
			}
		}
		await seedMeetings(trx, now);
		await seedOpenCases(trx, now);
	});
}

/**
 * The open cases in DEMO_OPEN_CASES, with consent signed two months ago and the review set for the
 * community's next meeting. A case is matched on its child's name in its community.
 */
async function seedOpenCases(db: DB, now: Date) {
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
		// Numbered as createNewCaf numbers cases: community code, year, next number.
		const prefix = `${communityCode(community.name)}-${format(now, 'yyyy')}-`;
		const last = await db
			.selectFrom('family_case')
			.select('reference')
			.where('reference', 'like', `${prefix}%`)
			.orderBy('reference', 'desc')
			.limit(1)
			.executeTakeFirst();
		const number = last ? Number(last.reference.slice(prefix.length)) + 1 : 1;
		const stamp = twoMonthsAgo.toISOString();
		const familyCase = await db
			.insertInto('family_case')
			.values({
				reference: `${prefix}${String(number).padStart(3, '0')}`,
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

/**
 * A year of six-weekly meetings for every community, starting on a Tuesday about two weeks after the
 * seed runs; the first meeting's agenda is open so the demo can take items at once.
 */
async function seedMeetings(db: DB, now: Date) {
	const any = await db.selectFrom('meeting').select('id').limit(1).executeTakeFirst();
	if (any) return;
	const communities = await db
		.selectFrom('community')
		.select(['id', 'name'])
		.orderBy('id')
		.execute();
	const chairs = await db
		.selectFrom('community_membership')
		.select(['community_id', 'user_id'])
		.where('role', '=', 'chair')
		.execute();
	const first = format(nextTuesday(addDays(now, 14)), 'yyyy-MM-dd');
	for (const community of communities) {
		const chair = chairs.find((c) => c.community_id === community.id);
		if (!chair) continue;
		const dates = meetingSeries(first, 6, oneYearAfter(first)).filter(
			(d) => d < oneYearAfter(first)
		);
		for (const [index, date] of dates.entries()) {
			await db
				.insertInto('meeting')
				.values({
					community_id: community.id,
					date,
					start_time: '09:30',
					length_minutes: 120,
					venue: `${community.name} Children's Centre`,
					online_link: null,
					submission_deadline: subtractWorkingDays(date, 5),
					status: index === 0 ? 'agenda-open' : 'scheduled',
					created_by: chair.user_id,
					created_at: now.toISOString()
				})
				.execute();
		}
	}
}

export async function isEmpty(db: DB): Promise<boolean> {
	const row = await db.selectFrom('user').select('id').limit(1).executeTakeFirst();
	return row === undefined;
}
