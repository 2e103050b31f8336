import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { DB } from '../platform/db';
import type { AttendanceStatus } from '../platform/schema';
import { membersWithAccount } from '../people/queries';

/**
 * Who was at the meeting, as its minutes record it: the register as it was on the day, grouped
 * (present, substitutes, guests, apologies, absent, then members it does not mention), and for
 * everyone in the room how they agreed the confidentiality statement (docs/domain.md,
 * "Confidentiality").
 */
export interface MinutesAttendee {
	name: string;
	agency: string | null;
	/** How they agreed the confidentiality statement, in words; null for someone not in the room. */
	confidentiality: string | null;
}

export interface AttendanceGroup {
	heading: string;
	/** Present, substitutes and guests: the confidentiality statement applies to them. */
	inTheRoom: boolean;
	people: MinutesAttendee[];
}

const LONDON = 'Europe/London';
const timeOfDay = (iso: string) => format(new TZDate(iso, LONDON), 'h:mmaaa');

const IN_THE_ROOM = new Set<string>(['present', 'substitute', 'guest']);
const GROUPS: [AttendanceStatus | 'not-recorded', string][] = [
	['present', 'Present'],
	['substitute', 'Substitutes'],
	['guest', 'Guests'],
	['apologies', 'Apologies'],
	['absent', 'Absent'],
	['not-recorded', 'Not recorded']
];

/** The register as it was at the meeting, then any current member it does not mention. */
export async function attendanceGroups(
	db: DB,
	meetingId: number,
	communityId: number
): Promise<AttendanceGroup[]> {
	const recorded = await db
		.selectFrom('attendance')
		.select([
			'user_id as userId',
			'name',
			'agency',
			'status',
			'substitute_name as substituteName',
			'confirmed_at as confirmedAt',
			'confirmed_via as confirmedVia'
		])
		.where('meeting_id', '=', meetingId)
		.execute();
	const recordedIds = new Set(recorded.map((r) => r.userId));
	const unrecorded = (
		await membersWithAccount(db, communityId)
			.select(['user.id', 'user.name', 'agency.name as agency'])
			.execute()
	).filter((member) => !recordedIds.has(member.id));
	return groupAttendance(recorded, unrecorded);
}

/** One line of the register as recorded on the day. */
export interface RecordedAttendance {
	name: string;
	agency: string | null;
	status: AttendanceStatus;
	substituteName: string | null;
	confirmedAt: string | null;
	confirmedVia: 'self' | 'chair' | null;
}

/**
 * How someone agreed the confidentiality statement, in the minutes' words; null for someone not
 * in the room, to whom it does not apply.
 */
export function confidentialityWords(row: RecordedAttendance): string | null {
	if (!IN_THE_ROOM.has(row.status)) return null;
	if (!row.confirmedAt) return 'Not confirmed';
	return row.confirmedVia === 'self'
		? `Confirmed on their own device at ${timeOfDay(row.confirmedAt)}`
		: `Agreed aloud, recorded by the chair at ${timeOfDay(row.confirmedAt)}`;
}

/** The register's lines in the minutes' groups, each by agency then name; empty groups left out. */
export function groupAttendance(
	recorded: RecordedAttendance[],
	unrecorded: { name: string; agency: string | null }[]
): AttendanceGroup[] {
	const people = [
		...recorded.map((row) => ({
			status: row.status as AttendanceStatus | 'not-recorded',
			// A substitute is recorded as "X for Y".
			name:
				row.status === 'substitute' && row.substituteName
					? `${row.substituteName} for ${row.name}`
					: row.name,
			agency: row.agency,
			confidentiality: confidentialityWords(row)
		})),
		...unrecorded.map((member) => ({
			status: 'not-recorded' as const,
			name: member.name,
			agency: member.agency,
			confidentiality: null
		}))
	];
	const byAgency = (a: MinutesAttendee, b: MinutesAttendee) =>
		(a.agency ?? '').localeCompare(b.agency ?? '') || a.name.localeCompare(b.name);
	return GROUPS.map(([status, heading]) => ({
		heading,
		inTheRoom: IN_THE_ROOM.has(status),
		people: people
			.filter((p) => p.status === status)
			.map(({ name, agency, confidentiality }) => ({ name, agency, confidentiality }))
			.sort(byAgency)
	})).filter((group) => group.people.length > 0);
}
