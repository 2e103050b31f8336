import { TZDate } from '@date-fns/tz';
import { formatCalendarDate, todayInEngland } from '$lib/dates';
import { withActionReference } from '../actions/queries';
import { referenceOf } from '../actions/reference';
import { OPEN_STATUSES } from '../actions/statuses';
import { recordAudit, type Actor } from '../audit/log';
import { randomToken, sha256Hex } from '../auth/tokens';
import type { DB } from '../platform/db';
import { icalendar, type CalendarEvent } from './icalendar';

/**
 * Calendar feeds: a private, revocable link per person that a calendar app subscribes to, holding
 * the meetings of their MAGs and the due dates of their own open actions. The feed is read without
 * a session, so it carries what a reminder email may carry (docs/domain.md): references, never names,
 * and never an action's wording.
 */

/** Where feeds are served: public, the token is the only key (src/lib/server/auth/public-pages.ts). */
export const FEED_PATH = '/calendar/';

/** Calendar apps fetch a subscription again after about this long. */
const REFRESH_INTERVAL = 'PT4H';

/** Meetings further back than this are left out, so the feed stays small as the years pass. */
const PAST_DAYS = 365;

/** 20 random bytes in base32: 32 characters from a–z and 2–7. */
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export interface FeedLink {
	createdAt: string;
	lastUsedAt: string | null;
}

/** The person's live feed link, if they have one (its token cannot be shown again). */
export async function feedLinkOf(db: DB, userId: number): Promise<FeedLink | null> {
	const row = await db
		.selectFrom('calendar_feed')
		.select(['created_at as createdAt', 'last_used_at as lastUsedAt'])
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return row ?? null;
}

/** Makes a new feed link, revoking any earlier one; returns its token, which is stored only hashed. */
export async function createFeedLink(db: DB, actor: Actor, now = new Date()): Promise<string> {
	const token = randomToken(20);
	const tokenHash = sha256Hex(token);
	await db.transaction().execute(async (trx) => {
		await revokeLive(trx, actor, now);
		const feed = await trx
			.insertInto('calendar_feed')
			.values({
				user_id: actor.id,
				token_hash: tokenHash,
				created_at: now.toISOString(),
				revoked_at: null,
				last_used_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'calendar-feed.created',
				recordType: 'calendar_feed',
				recordId: feed.id,
				ip: actor.ip
			},
			now
		);
	});
	return token;
}

/** Stops the person's feed link working. False if they had none. */
export async function revokeFeedLink(db: DB, actor: Actor, now = new Date()): Promise<boolean> {
	return db.transaction().execute((trx) => revokeLive(trx, actor, now));
}

async function revokeLive(db: DB, actor: Actor, now: Date): Promise<boolean> {
	const revoked = await db
		.updateTable('calendar_feed')
		.set({ revoked_at: now.toISOString() })
		.where('user_id', '=', actor.id)
		.where('revoked_at', 'is', null)
		.returning('id')
		.execute();
	for (const feed of revoked) {
		await recordAudit(
			db,
			{
				actorId: actor.id,
				action: 'calendar-feed.revoked',
				recordType: 'calendar_feed',
				recordId: feed.id,
				ip: actor.ip
			},
			now
		);
	}
	return revoked.length > 0;
}

/**
 * The person a feed token belongs to, recording that the link was used; null for an unknown or
 * revoked link and for a disabled account. Only hashes are stored, so looking the hash up is not
 * a timing leak of the token.
 */
export async function userForFeedToken(
	db: DB,
	token: string,
	now = new Date()
): Promise<{ userId: number } | null> {
	if (!TOKEN_PATTERN.test(token)) return null;
	const feed = await db
		.selectFrom('calendar_feed')
		.innerJoin('user', 'user.id', 'calendar_feed.user_id')
		.select(['calendar_feed.id', 'calendar_feed.user_id as userId'])
		.where('calendar_feed.token_hash', '=', sha256Hex(token))
		.where('calendar_feed.revoked_at', 'is', null)
		.where('user.disabled_at', 'is', null)
		.executeTakeFirst();
	if (!feed) return null;
	await db
		.updateTable('calendar_feed')
		.set({ last_used_at: now.toISOString() })
		.where('id', '=', feed.id)
		.execute();
	return { userId: feed.userId };
}

export interface FeedOptions {
	/** The app's address, e.g. https://mag.council.gov.uk: for links, and the UIDs' domain. */
	origin: string;
	/** The calendar's name in the person's calendar app. */
	name: string;
	now?: Date;
}

interface MeetingRow {
	id: number;
	communityName: string;
	date: string;
	startTime: string;
	lengthMinutes: number;
	venue: string | null;
	onlineLink: string | null;
}

/** The moment a meeting starts: its date and HH:MM are UK time, BST or GMT as the date falls. */
export function meetingStart(date: string, startTime: string): Date {
	const [year, month, day] = date.split('-').map(Number);
	const [hours, minutes] = startTime.split(':').map(Number);
	return new Date(TZDate.tz('Europe/London', year!, month! - 1, day!, hours!, minutes!).getTime());
}

function meetingEvent(meeting: MeetingRow, origin: string): CalendarEvent {
	const start = meetingStart(meeting.date, meeting.startTime);
	const page = `${origin}/meetings/${meeting.id}`;
	const description = [
		meeting.venue && meeting.onlineLink ? `Online: ${meeting.onlineLink}` : null,
		`Meeting page: ${page}`
	];
	return {
		uid: `meeting-${meeting.id}@${new URL(origin).host}`,
		start: { instant: start },
		end: { instant: new Date(start.getTime() + meeting.lengthMinutes * 60_000) },
		summary: `${meeting.communityName} MAG meeting`,
		location: meeting.venue ?? meeting.onlineLink,
		description: description.filter(Boolean).join('\n'),
		url: page
	};
}

function meetingQuery(db: DB) {
	return (
		db
			.selectFrom('meeting')
			.innerJoin('community', 'community.id', 'meeting.community_id')
			.select([
				'meeting.id',
				'community.name as communityName',
				'meeting.date',
				'meeting.start_time as startTime',
				'meeting.length_minutes as lengthMinutes',
				'meeting.venue',
				'meeting.online_link as onlineLink'
			])
			// A cancelled meeting is left out: a subscribed calendar then drops it at its next refresh.
			.where('meeting.status', '!=', 'cancelled')
	);
}

/** One meeting as an iCalendar object to download; null if there is no such meeting to attend. */
export async function meetingCalendar(
	db: DB,
	meetingId: number,
	options: FeedOptions
): Promise<string | null> {
	const meeting = await meetingQuery(db).where('meeting.id', '=', meetingId).executeTakeFirst();
	if (!meeting) return null;
	return icalendar([meetingEvent(meeting, options.origin)], {
		name: `${meeting.communityName} MAG meeting`,
		now: options.now ?? new Date()
	});
}

function addDays(date: string, days: number): string {
	const d = new Date(`${date}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** The person's own actions still to do, each with what it is about and where it was agreed. */
async function openActionsOf(db: DB, userId: number) {
	const rows = await db
		.selectFrom('action')
		// Deliberately not action.description: the feed is read without signing in.
		.$call(withActionReference)
		.innerJoin('meeting', 'meeting.id', 'action.meeting_id')
		.innerJoin('community', 'community.id', 'action.community_id')
		.select([
			'action.id',
			'action.due_date as dueDate',
			'community.name as communityName',
			'meeting.date as meetingDate'
		])
		.where('action.owner_id', '=', userId)
		.where('action.status', 'in', OPEN_STATUSES)
		.orderBy('action.due_date')
		.orderBy('action.id')
		.execute();
	return rows.map((row) => ({ ...row, reference: referenceOf(row) }));
}

/**
 * The person's feed: every meeting (from a year ago on) of each MAG they belong to, and an all-day
 * event on the due date of each of their open or in-progress actions.
 */
export async function feedFor(db: DB, userId: number, options: FeedOptions): Promise<string> {
	const now = options.now ?? new Date();
	const meetings = await meetingQuery(db)
		.innerJoin('community_membership', 'community_membership.community_id', 'meeting.community_id')
		.where('community_membership.user_id', '=', userId)
		.where('meeting.date', '>=', addDays(todayInEngland(now), -PAST_DAYS))
		.orderBy('meeting.date')
		.orderBy('meeting.id')
		.execute();
	const actions = await openActionsOf(db, userId);
	const host = new URL(options.origin).host;
	const events: CalendarEvent[] = [
		...meetings.map((meeting) => meetingEvent(meeting, options.origin)),
		...actions.map((action) => ({
			uid: `action-${action.id}@${host}`,
			start: { date: action.dueDate },
			end: { date: addDays(action.dueDate, 1) },
			summary: `Action due: ${action.reference}`,
			description:
				`Agreed at the ${action.communityName} MAG meeting on ${formatCalendarDate(action.meetingDate)}.\n` +
				`Your actions: ${options.origin}/actions`,
			url: `${options.origin}/actions`,
			transparent: true
		}))
	];
	return icalendar(events, { name: options.name, now, refreshInterval: REFRESH_INTERVAL });
}
