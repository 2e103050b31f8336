import type { DB } from '../../src/lib/server/platform/db';
import type { CommunityRole } from '../../src/lib/server/platform/schema';
import { localities } from './communities';

/** Every demo account's password, printed with the demo sign-ins. */
export const DEMO_PASSWORD = 'demo-MAG-meeting-2026';

interface DemoUser {
	email: string;
	name: string;
	jobTitle: string;
	agency: string;
	administrator?: boolean;
	/** An early help manager: every community's reports, no family data. */
	manager?: boolean;
	/** The front-door team: the contact log and its report. */
	frontDoor?: boolean;
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
		// In no MAG: they bring contacts as anonymous advice; a new CAF is for a MAG's own members.
		email: 'frontdoor@mag.example',
		name: 'Priya Shah',
		jobTitle: 'Early help front door practitioner',
		agency: 'CAF Team',
		frontDoor: true,
		roles: [],
		demoRole: 'Front door'
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

export interface DemoSignIn {
	role: string;
	email: string;
	password: string;
}

/** The people the sign-in page and `npm start` offer, one for each way of using the service. */
export const demoSignIns: DemoSignIn[] = users
	.filter((u) => u.demoRole)
	.map((u) => ({ role: u.demoRole!, email: u.email, password: DEMO_PASSWORD }));

/**
 * The demo's people and their places in the communities; someone already there (matched on their
 * email) is left as they are.
 */
export async function seedPeople(db: DB, passwordHash: string, now: Date): Promise<void> {
	const agencyIds = new Map(
		(await db.selectFrom('agency').select(['id', 'name']).execute()).map((a) => [a.name, a.id])
	);
	const communityIds = new Map(
		(await db.selectFrom('community').select(['id', 'name']).execute()).map((c) => [c.name, c.id])
	);
	for (const user of users) {
		await db
			.insertInto('user')
			.values({
				email: user.email,
				name: user.name,
				job_title: user.jobTitle,
				agency_id: agencyIds.get(user.agency)!,
				is_administrator: user.administrator ? 1 : 0,
				is_manager: user.manager ? 1 : 0,
				is_front_door: user.frontDoor ? 1 : 0,
				password_hash: passwordHash,
				totp_key: null,
				totp_last_step: null,
				disabled_at: null,
				created_at: now.toISOString()
			})
			.onConflict((oc) => oc.column('email').doNothing())
			.execute();
		const { id: userId } = await db
			.selectFrom('user')
			.select('id')
			.where('email', '=', user.email)
			.executeTakeFirstOrThrow();
		for (const [community, role] of user.roles) {
			await db
				.insertInto('community_membership')
				.values({ user_id: userId, community_id: communityIds.get(community)!, role })
				.onConflict((oc) => oc.columns(['user_id', 'community_id']).doNothing())
				.execute();
		}
	}
}
