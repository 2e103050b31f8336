import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '$lib/server/platform/db';
import { concludeMeeting } from '$lib/server/meeting/room';
import { advanceMeeting } from '$lib/server/agenda/meetings';
import { remindOwnerByEmail } from '$lib/server/mail/notifications';
import { enqueueMail, retryMail } from '$lib/server/mail/outbox';
import { saveEmailPreferences } from '$lib/server/mail/preferences';
import { queueDueReminders, queueWeeklyDigests, runMailSchedule } from '$lib/server/mail/schedule';
import type { MailTransport } from '$lib/server/mail/transport';
import { deliverDueMail, startMailWorker } from '$lib/server/mail/worker';
import type { ActionStatus, MailKind } from '$lib/server/platform/schema';
import {
	createFirstAdministrator,
	findInvitation,
	inviteUser,
	reissueInvitation
} from '$lib/server/people/invitations';
import { caseOfItem, freshDatabase } from '../helpers';
import {
	closedPort,
	startMailServer,
	transportTo,
	type Received,
	type TestMailServer
} from './mail-server';
import { CHILD, MEMBERS, meetingWithFamilies, NEED } from '../meeting-fixture';

let database: OpenDatabase;
let fixture: Awaited<ReturnType<typeof meetingWithFamilies>>;
let server: TestMailServer;
let transport: MailTransport;

beforeAll(async () => {
	server = await startMailServer();
});
afterAll(async () => {
	await server.close();
});
beforeEach(async () => {
	database = await freshDatabase();
	fixture = await meetingWithFamilies(database);
	server.received.length = 0;
	transport = transportTo(server.port);
});
afterEach(async () => {
	transport.close();
	await database.close();
});

const emailOf = (person: keyof typeof fixture.people) => `${person.toLowerCase()}@council.example`;
const chair = () => ({ id: fixture.people.chair, ip: null });

function deliver(now = new Date(), using = transport, maxAttempts = 5) {
	return deliverDueMail(database.db, using, { maxAttempts, now });
}

async function outbox(kind?: MailKind) {
	return database.db
		.selectFrom('mail_outbox')
		.selectAll()
		.$if(kind !== undefined, (qb) => qb.where('kind', '=', kind!))
		.orderBy('id')
		.execute();
}

const receivedBy = (email: string) =>
	server.received.filter((mail) => mail.envelopeTo.includes(email));

const caseOf = (submissionId: number) => caseOfItem(database.db, submissionId);

/** An action as the meeting room leaves it, straight into the database. */
async function addTestAction(options: {
	ownerId: number | null;
	dueDate: string;
	submissionId?: number | null;
	caseId?: number | null;
	description?: string;
	createdAt?: string;
	status?: ActionStatus;
}): Promise<number> {
	const row = await database.db
		.insertInto('action')
		.values({
			community_id: fixture.communityId,
			meeting_id: fixture.meetingId,
			submission_id: options.submissionId ?? null,
			case_id: options.caseId ?? null,
			description: options.description ?? 'Book a joint visit',
			owner_id: options.ownerId,
			owner_name: options.ownerId ? 'Owner' : 'Pat Outside',
			owner_agency: 'Agency',
			due_date: options.dueDate,
			status: options.status ?? 'open',
			created_by: fixture.people.chair,
			created_at: options.createdAt ?? '2027-05-11T10:00:00.000Z'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

describe('delivery through a real SMTP server', () => {
	it('delivers a queued email with its recipient, subject and text, then empties the stored text', async () => {
		const text =
			'Hello Ann,\n\nThe agenda for the Kington and Weobley MAG meeting is published, with a line ' +
			'long enough to be folded by the mail encoder — and a “curly” quote.\n\nhttp://localhost/meetings/1';
		await enqueueMail(database.db, {
			to: 'ann.lee@council.example',
			subject: 'Agenda published: Kington and Weobley MAG — “soon”',
			text,
			kind: 'agenda-published'
		});
		expect(await deliver()).toEqual({ sent: 1, delayed: 0, failed: 0 });

		expect(server.received).toHaveLength(1);
		const mail = server.received[0]!;
		expect(mail.envelopeTo).toEqual(['ann.lee@council.example']);
		expect(mail.to).toContain('ann.lee@council.example');
		expect(mail.from).toContain('no-reply@mag.example');
		expect(mail.subject).toBe('Agenda published: Kington and Weobley MAG — “soon”');
		expect(mail.text).toBe(text);
		const [row] = await outbox();
		expect(row).toMatchObject({ status: 'sent', attempts: 1, body: '', last_error: null });
		expect(row!.sent_at).not.toBeNull();
	});

	it('signs in to the mail server with SMTP_USER and SMTP_PASSWORD', async () => {
		const guarded = await startMailServer({
			authOptional: false,
			allowInsecureAuth: true,
			onAuth(auth, _session, callback) {
				if (auth.username === 'mag' && auth.password === 'sesame') callback(null, { user: 'mag' });
				else callback(new Error('Invalid username or password'));
			}
		});
		const signedIn = transportTo(guarded.port, { SMTP_USER: 'mag', SMTP_PASSWORD: 'sesame' });
		try {
			await enqueueMail(database.db, {
				to: 'ann.lee@council.example',
				subject: 'Signed in',
				text: 'Hello',
				kind: 'digest'
			});
			expect(await deliver(new Date(), signedIn)).toEqual({ sent: 1, delayed: 0, failed: 0 });
			expect(guarded.received.map((mail) => mail.subject)).toEqual(['Signed in']);
		} finally {
			signedIn.close();
			await guarded.close();
		}
	});

	it('keeps mail while the mail server is down, tries again after 1 then 2 minutes, and delivers once it is up', async () => {
		const port = await closedPort();
		const down = transportTo(port);
		const start = new Date('2027-06-01T09:00:00Z');
		const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
		try {
			// Queueing never touches the network, so it cannot fail because the server is down.
			await enqueueMail(
				database.db,
				{ to: 'ann.lee@council.example', subject: 'Waiting', text: 'Hello', kind: 'digest' },
				start
			);
			await expect(deliver(start, down)).resolves.toEqual({ sent: 0, delayed: 1, failed: 0 });
			let [row] = await outbox();
			expect(row).toMatchObject({
				status: 'queued',
				attempts: 1,
				body: 'Hello',
				next_attempt_at: at(60).toISOString()
			});
			expect(row!.last_error).toMatch(/ECONNREFUSED|connect/i);

			// Not due yet: left alone.
			expect(await deliver(at(30), down)).toEqual({ sent: 0, delayed: 0, failed: 0 });
			expect(await deliver(at(60), down)).toEqual({ sent: 0, delayed: 1, failed: 0 });
			[row] = await outbox();
			expect(row).toMatchObject({ attempts: 2, next_attempt_at: at(180).toISOString() });

			const revived = await startMailServer({ port });
			try {
				expect(await deliver(at(180), down)).toEqual({ sent: 1, delayed: 0, failed: 0 });
				expect(revived.received.map((mail) => mail.subject)).toEqual(['Waiting']);
				[row] = await outbox();
				expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
			} finally {
				await revived.close();
			}
		} finally {
			down.close();
		}
	});

	it('the worker in the server process never throws when the mail server is down', async () => {
		const down = transportTo(await closedPort());
		const errors: unknown[] = [];
		await enqueueMail(database.db, {
			to: 'ann.lee@council.example',
			subject: 'Waiting',
			text: 'Hello',
			kind: 'digest'
		});
		const worker = startMailWorker(database.db, {
			transport: down,
			maxAttempts: 5,
			pollMs: 60_000,
			onError: (error) => errors.push(error)
		});
		await expect(worker.runNow()).resolves.toBeUndefined();
		await worker.stop();
		expect(errors).toEqual([]);
		expect(await outbox()).toMatchObject([{ status: 'queued', attempts: 1 }]);
	});

	it('the worker delivers what is queued and stops cleanly', async () => {
		await enqueueMail(database.db, {
			to: 'ann.lee@council.example',
			subject: 'From the worker',
			text: 'Hello',
			kind: 'digest'
		});
		const worker = startMailWorker(database.db, { transport, maxAttempts: 5, pollMs: 60_000 });
		await worker.runNow();
		await worker.stop();
		expect(server.received.map((mail) => mail.subject)).toEqual(['From the worker']);
	});

	it('gives up after the last attempt, and an administrator can try again', async () => {
		const down = transportTo(await closedPort());
		const start = new Date('2027-06-01T09:00:00Z');
		try {
			await enqueueMail(
				database.db,
				{ to: 'ann.lee@council.example', subject: 'Doomed', text: 'Hello', kind: 'digest' },
				start
			);
			let now = start;
			for (let attempt = 1; attempt <= 3; attempt++) {
				await deliver(now, down, 3);
				now = new Date((await outbox())[0]!.next_attempt_at);
			}
			const [failed] = await outbox();
			expect(failed).toMatchObject({ status: 'failed', attempts: 3 });

			expect(
				await retryMail(
					database.db,
					failed!.id,
					{ id: fixture.people.administrator, ip: null },
					now
				)
			).toBe(true);
			expect(await outbox()).toMatchObject([{ status: 'queued', attempts: 0 }]);
			expect(await deliver(now)).toEqual({ sent: 1, delayed: 0, failed: 0 });
			const audit = await database.db
				.selectFrom('audit_log')
				.select(['action', 'record_id'])
				.where('action', '=', 'mail.retried')
				.execute();
			expect(audit).toEqual([{ action: 'mail.retried', record_id: String(failed!.id) }]);
		} finally {
			down.close();
		}
	});

	it('marks a message failed at once when the mail server refuses its recipient', async () => {
		const strict = await startMailServer({
			onRcptTo(address, _session, callback) {
				callback(
					Object.assign(new Error(`No mailbox for ${address.address}`), { responseCode: 550 })
				);
			}
		});
		const refused = transportTo(strict.port);
		try {
			await enqueueMail(database.db, {
				to: 'nobody@council.example',
				subject: 'Refused',
				text: 'Hello',
				kind: 'digest'
			});
			expect(await deliver(new Date(), refused)).toEqual({ sent: 0, delayed: 0, failed: 1 });
			const [row] = await outbox();
			expect(row).toMatchObject({ status: 'failed', attempts: 1 });
			expect(row!.last_error).toContain('No mailbox');
		} finally {
			refused.close();
			await strict.close();
		}
	});

	it('sends nothing when the change that queued the email is rolled back', async () => {
		await expect(
			database.db.transaction().execute(async (trx) => {
				await enqueueMail(trx, {
					to: 'ann.lee@council.example',
					subject: 'Never',
					text: 'Hello',
					kind: 'agenda-published'
				});
				throw new Error('the change failed part-way');
			})
		).rejects.toThrow('part-way');
		expect(await outbox()).toEqual([]);
		expect(await deliver()).toEqual({ sent: 0, delayed: 0, failed: 0 });
		expect(server.received).toEqual([]);
	});

	it('queues a message with a dedupe key once only', async () => {
		const mail = {
			to: 'ann.lee@council.example',
			subject: 'Once',
			text: 'Hello',
			kind: 'digest' as const,
			dedupeKey: 'digest:2027-W23:1'
		};
		expect(await enqueueMail(database.db, mail)).toBe(true);
		expect(await enqueueMail(database.db, mail)).toBe(false);
		expect(await outbox()).toHaveLength(1);
	});
});

describe('invitations', () => {
	it('emails the invited person a link that works, and keeps no copy of it once sent', async () => {
		const result = await inviteUser(
			database.db,
			{
				name: 'Robin Ashdown',
				email: 'Robin.Ashdown@council.example',
				jobTitle: null,
				agencyId: null,
				isAdministrator: false
			},
			{ id: fixture.people.administrator, ip: null },
			72
		);
		if (!result.ok) throw new Error('not invited');
		await deliver();
		const [mail] = receivedBy('robin.ashdown@council.example');
		expect(mail!.subject).toBe('Your invitation to MAG meetings');
		const link = mail!.text.match(/https?:\/\/\S+\/invitation\/([a-z0-9]+)/);
		expect(link?.[1]).toBe(result.token);
		expect(await findInvitation(database.db, link![1]!)).toMatchObject({ userId: result.userId });
		expect(await outbox('invitation')).toMatchObject([{ status: 'sent', body: '' }]);
	});

	it('emails a new link when the administrator makes one; the command line prints its own instead', async () => {
		const token = await reissueInvitation(
			database.db,
			fixture.people.submitter,
			{ id: fixture.people.administrator, ip: null },
			72
		);
		await deliver();
		const [mail] = receivedBy(emailOf('submitter'));
		expect(mail!.subject).toBe('Your new link to set up MAG meetings');
		expect(mail!.text).toContain(`/invitation/${token}`);
		expect(mail!.text).toContain('Earlier links no longer work');

		await createFirstAdministrator(
			database.db,
			{ name: 'First Admin', email: 'first@council.example' },
			72
		);
		expect(await outbox('invitation')).toHaveLength(1);
	});
});

describe('the agenda and the action list', () => {
	it('tells every member of the MAG, and no one else, when the agenda is published', async () => {
		const { db } = database;
		await db
			.updateTable('meeting')
			.set({ status: 'agenda-open' })
			.where('id', '=', fixture.meetingId)
			.execute();
		expect(await advanceMeeting(db, fixture.meetingId, 'agenda-open', chair())).toBe(true);
		await deliver();
		const members = MEMBERS;
		expect(server.received.flatMap((mail) => mail.envelopeTo).sort()).toEqual(
			members.map(emailOf).sort()
		);
		const [mail] = receivedBy(emailOf('confirmedMember'));
		expect(mail!.subject).toBe('Agenda published: Ledbury MAG, Tuesday 11 May 2027');
		expect(mail!.text).toContain(`/meetings/${fixture.meetingId}\n`);
		expect(mail!.text).toContain('Tuesday 11 May 2027 at 9:30am');
	});

	it('sends each owner with an account only their own actions when the meeting concludes', async () => {
		const { db } = database;
		const fineCase = await caseOf(fixture.items.fine);
		await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-05-18',
			submissionId: fixture.items.fine,
			caseId: fineCase
		});
		await addTestAction({
			ownerId: fixture.people.confirmedMember,
			dueDate: '2027-06-01',
			submissionId: fixture.items.issue
		});
		await addTestAction({
			ownerId: fixture.people.confirmedMember,
			dueDate: '2027-06-08',
			submissionId: fixture.items.advice
		});
		await addTestAction({
			ownerId: null,
			dueDate: '2027-06-08',
			submissionId: fixture.items.issue
		});
		await db
			.updateTable('meeting')
			.set({ status: 'in-progress' })
			.where('id', '=', fixture.meetingId)
			.execute();
		expect(await concludeMeeting(db, fixture.meetingId, chair())).toEqual({
			ok: false,
			missing: 5
		});
		expect(await outbox()).toEqual([]);

		await db
			.updateTable('submission')
			.set({ status: 'withdrawn' })
			.where('meeting_id', '=', fixture.meetingId)
			.execute();
		expect(await concludeMeeting(db, fixture.meetingId, chair())).toEqual({ ok: true });
		await deliver();
		expect(server.received).toHaveLength(2);

		const [lead] = receivedBy(emailOf('leadProfessional'));
		expect(lead!.subject).toBe('Your actions from the Ledbury MAG meeting on 11 May 2027');
		expect(lead!.text).toContain(`- ${fixture.references.fine}, due 18 May 2027`);
		expect(lead!.text).not.toContain('Vaping');
		expect(lead!.text).not.toContain('Advice');
		expect(lead!.text).toMatch(/\/actions$/m);

		const [member] = receivedBy(emailOf('confirmedMember'));
		expect(member!.text).toContain('agreed 2 actions for you');
		expect(member!.text).toContain('- Vaping, due 1 June 2027');
		expect(member!.text).toContain('- Advice, due 8 June 2027');
		expect(member!.text).not.toContain(fixture.references.fine);
	});
});

describe('reminders', () => {
	it('sends exactly one overdue reminder however often the scheduler runs, and a new one when the due date moves', async () => {
		const { db } = database;
		const actionId = await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-06-09'
		});
		// 10 June 2027, 8:30am in London: the first day the action is overdue.
		const morning = new Date('2027-06-10T07:30:00Z');
		await runMailSchedule(db, morning);
		await runMailSchedule(db, morning);
		await Promise.all([queueDueReminders(db, morning), queueDueReminders(db, morning)]);
		// A restart later that day, and the next day.
		await runMailSchedule(db, new Date('2027-06-10T15:00:00Z'));
		await runMailSchedule(db, new Date('2027-06-11T07:30:00Z'));
		expect(await outbox('reminder-overdue')).toHaveLength(1);

		await deliver(new Date('2027-06-11T08:00:00Z'));
		const overdue = receivedBy(emailOf('leadProfessional')).filter((mail) =>
			mail.subject.startsWith('An action is overdue')
		);
		expect(overdue.map((mail) => mail.subject)).toEqual([
			'An action is overdue: it was due on 9 June 2027'
		]);

		await db
			.updateTable('action')
			.set({ due_date: '2027-06-20' })
			.where('id', '=', actionId)
			.execute();
		await runMailSchedule(db, new Date('2027-06-21T07:30:00Z'));
		await runMailSchedule(db, new Date('2027-06-21T08:30:00Z'));
		expect((await outbox('reminder-overdue')).map((row) => row.dedupe_key)).toEqual([
			`reminder-overdue:${actionId}:2027-06-09:${fixture.people.leadProfessional}`,
			`reminder-overdue:${actionId}:2027-06-20:${fixture.people.leadProfessional}`
		]);
	});

	it('sends no reminder for an action that is done, or owned by someone without an account', async () => {
		await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-06-09',
			status: 'done'
		});
		await addTestAction({ ownerId: null, dueDate: '2027-06-09' });
		expect(await queueDueReminders(database.db, new Date('2027-06-10T08:00:00Z'))).toBe(0);
	});

	it.each([
		// due date, the moment the scheduler runs, reminders queued
		['2027-06-09', '2027-06-01T22:30:00Z', 0, '11:30pm on 1 June in London: 8 days before'],
		['2027-06-09', '2027-06-02T05:59:00Z', 0, '6:59am on 2 June in London (BST): before 7am'],
		['2027-06-09', '2027-06-02T06:00:00Z', 1, '7am on 2 June in London (BST), 6am UTC'],
		['2027-01-20', '2027-01-13T06:30:00Z', 0, '6:30am on 13 January in London (GMT)'],
		['2027-01-20', '2027-01-13T07:00:00Z', 1, '7am on 13 January in London (GMT)'],
		['2027-04-04', '2027-03-28T05:30:00Z', 0, '6:30am BST on the morning the clocks go forward'],
		['2027-04-04', '2027-03-28T06:00:00Z', 1, '7am BST on the morning the clocks go forward'],
		['2027-06-09', '2027-06-09T08:00:00Z', 0, 'the due date itself: not yet overdue']
	])(
		'for an action due %s, a run at %s queues %i 7-day reminder (%s)',
		async (dueDate, at, expected) => {
			await addTestAction({
				ownerId: fixture.people.leadProfessional,
				dueDate,
				createdAt: '2026-12-01T10:00:00.000Z'
			});
			await queueDueReminders(database.db, new Date(at));
			expect(await outbox('reminder-7-days')).toHaveLength(expected);
			expect(await outbox('reminder-overdue')).toHaveLength(0);
		}
	);

	it('says "due in 7 days" on the day, fewer when it goes late, and nothing for an action agreed less than 7 days before it is due', async () => {
		await addTestAction({ ownerId: fixture.people.leadProfessional, dueDate: '2027-06-09' });
		await addTestAction({ ownerId: fixture.people.confirmedMember, dueDate: '2027-06-12' });
		await addTestAction({
			ownerId: fixture.people.submitter,
			dueDate: '2027-06-09',
			createdAt: '2027-06-04T10:00:00.000Z'
		});
		await queueDueReminders(database.db, new Date('2027-06-05T08:00:00Z'));
		await deliver(new Date('2027-06-05T08:00:00Z'));
		expect(receivedBy(emailOf('leadProfessional')).map((mail) => mail.subject)).toEqual([
			'An action is due in 4 days, on 9 June 2027'
		]);
		expect(receivedBy(emailOf('confirmedMember')).map((mail) => mail.subject)).toEqual([
			'An action is due in 7 days, on 12 June 2027'
		]);
		expect(receivedBy(emailOf('submitter'))).toEqual([]);
	});

	it('carries the reference, the due date and a link, and nothing about the family', async () => {
		const { db } = database;
		const fineCase = await caseOf(fixture.items.fine);
		await db
			.insertInto('family_member')
			.values({
				case_id: fineCase,
				name: 'Peregrine Quill',
				date_of_birth: '2015-08-30',
				relationship: 'Brother',
				setting: 'Ledbury Secondary Academy',
				is_child: 1
			})
			.execute();
		const family = await db
			.selectFrom('family_member')
			.select(['name', 'date_of_birth', 'setting'])
			.where('case_id', '=', fineCase)
			.execute();
		expect(family.map((member) => member.name)).toEqual(
			expect.arrayContaining([CHILD, 'Marigold Quill', 'Peregrine Quill'])
		);
		// Even an action written carelessly, naming the family, is not copied into any email.
		const description = `Chase speech therapy for ${CHILD} with Marigold Quill`;
		const actionId = await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-06-09',
			submissionId: fixture.items.fine,
			caseId: fineCase,
			description
		});

		await queueDueReminders(db, new Date('2027-06-02T08:00:00Z'));
		await queueDueReminders(db, new Date('2027-06-10T08:00:00Z'));
		await queueWeeklyDigests(db, new Date('2027-06-14T08:00:00Z'));
		expect(await remindOwnerByEmail(db, actionId, new Date('2027-06-14T08:00:00Z'))).toEqual({
			ok: true
		});
		await deliver(new Date('2027-06-14T09:00:00Z'));

		const mails = receivedBy(emailOf('leadProfessional'));
		expect(mails.map((mail) => mail.subject)).toEqual([
			'An action is due in 7 days, on 9 June 2027',
			'An action is overdue: it was due on 9 June 2027',
			'Your open MAG actions this week: 1, 1 overdue',
			'Reminder from the MAG chair: an action was due on 9 June 2027'
		]);
		const forbidden = [
			...family.flatMap((member) => [
				member.name,
				...member.name.split(' '),
				member.date_of_birth,
				member.setting ?? ''
			]),
			'Zebedee',
			'Quill',
			'Marigold',
			'2019-05-04',
			'4 May 2019',
			NEED,
			description,
			'speech'
		].filter(Boolean);
		for (const mail of mails) {
			for (const word of forbidden) {
				expect(mail.raw.toLowerCase()).not.toContain(word.toLowerCase());
				expect(`${mail.subject}\n${mail.text}`.toLowerCase()).not.toContain(word.toLowerCase());
			}
			expect(mail.text).toContain(fixture.references.fine);
		}
		const reminder = mails[0]!;
		expect(reminder.text).toContain(`Reference: ${fixture.references.fine}`);
		expect(reminder.text).toContain('Due: 9 June 2027');
		expect(reminder.text).toContain('Agreed at: the Ledbury MAG meeting on 11 May 2027');
		expect(reminder.text).toMatch(/\/actions$/m);
		expect(reminder.text).toContain('/account/email');
	});
});

describe('the weekly digest', () => {
	it('lists each person’s own open actions once a week, from 7am on Monday in London', async () => {
		const { db } = database;
		await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-06-10',
			submissionId: fixture.items.issue
		});
		await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-06-30',
			submissionId: fixture.items.advice
		});
		await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-06-01',
			status: 'done'
		});
		await addTestAction({
			ownerId: fixture.people.confirmedMember,
			dueDate: '2027-06-20',
			caseId: await caseOf(fixture.items.fine)
		});

		expect(await queueWeeklyDigests(db, new Date('2027-06-05T09:00:00Z'))).toBe(0); // Saturday
		expect(await queueWeeklyDigests(db, new Date('2027-06-07T05:59:00Z'))).toBe(0); // Monday 6:59am BST
		expect(await queueWeeklyDigests(db, new Date('2027-06-07T06:00:00Z'))).toBe(2); // Monday 7am BST
		expect(await queueWeeklyDigests(db, new Date('2027-06-08T09:00:00Z'))).toBe(0); // Tuesday, same week
		await deliver(new Date('2027-06-08T09:00:00Z'));

		const [lead] = receivedBy(emailOf('leadProfessional'));
		expect(lead!.subject).toBe('Your open MAG actions this week: 2');
		expect(lead!.text).toContain('- Vaping, due 10 June 2027');
		expect(lead!.text).toContain('- Advice, due 30 June 2027');
		expect(lead!.text).not.toContain('1 June 2027');
		expect(lead!.text).not.toContain(fixture.references.fine);
		const [member] = receivedBy(emailOf('confirmedMember'));
		expect(member!.text).toContain(`- ${fixture.references.fine}, due 20 June 2027`);
		expect(member!.text).not.toContain('Vaping');

		expect(await queueWeeklyDigests(db, new Date('2027-06-14T07:00:00Z'))).toBe(2); // next Monday
		await deliver(new Date('2027-06-14T07:00:00Z'));
		const nextWeek = receivedBy(emailOf('leadProfessional'))[1]!;
		expect(nextWeek.subject).toBe('Your open MAG actions this week: 2, 1 overdue');
		expect(nextWeek.text).toContain('- Vaping, due 10 June 2027 (overdue)');
	});
});

describe('turning optional emails off', () => {
	it('stops reminders and the digest, but not invitations, action lists or the chair’s own reminder', async () => {
		const { db } = database;
		await saveEmailPreferences(db, fixture.people.leadProfessional, {
			reminders: false,
			digest: false
		});
		await saveEmailPreferences(db, fixture.people.confirmedMember, {
			reminders: true,
			digest: false
		});
		const quiet = await addTestAction({
			ownerId: fixture.people.leadProfessional,
			dueDate: '2027-06-11'
		});
		await addTestAction({ ownerId: fixture.people.confirmedMember, dueDate: '2027-06-11' });

		// Monday 14 June 2027, 8am: overdue reminders and digests are due.
		const monday = new Date('2027-06-14T07:00:00Z');
		await runMailSchedule(db, monday);
		await reissueInvitation(
			db,
			fixture.people.leadProfessional,
			{ id: fixture.people.administrator, ip: null },
			72,
			monday
		);
		expect(await remindOwnerByEmail(db, quiet, monday)).toEqual({ ok: true });
		await deliver(monday);

		const subjects = (mails: Received[]) => mails.map((mail) => mail.subject).sort();
		expect(subjects(receivedBy(emailOf('leadProfessional')))).toEqual([
			'Reminder from the MAG chair: an action was due on 11 June 2027',
			'Your new link to set up MAG meetings'
		]);
		expect(subjects(receivedBy(emailOf('confirmedMember')))).toEqual([
			'An action is overdue: it was due on 11 June 2027'
		]);

		// Turned back on: the next reminder goes.
		await saveEmailPreferences(db, fixture.people.leadProfessional, {
			reminders: true,
			digest: true
		});
		await addTestAction({ ownerId: fixture.people.leadProfessional, dueDate: '2027-06-21' });
		await runMailSchedule(db, new Date('2027-06-14T08:00:00Z'));
		expect((await outbox('reminder-7-days')).map((row) => row.recipient)).toEqual([
			emailOf('leadProfessional')
		]);
	});
});

describe('the chair’s "send a reminder"', () => {
	it('queues a reminder every time it is asked for, only for an open action owned by someone with an account', async () => {
		const { db } = database;
		const open = await addTestAction({
			ownerId: fixture.people.confirmedMember,
			dueDate: '2027-06-30'
		});
		const done = await addTestAction({
			ownerId: fixture.people.confirmedMember,
			dueDate: '2027-06-30',
			status: 'done'
		});
		const outside = await addTestAction({ ownerId: null, dueDate: '2027-06-30' });
		const now = new Date('2027-06-14T09:00:00Z');
		expect(await remindOwnerByEmail(db, open, now)).toEqual({ ok: true });
		expect(await remindOwnerByEmail(db, open, now)).toEqual({ ok: true });
		expect(await remindOwnerByEmail(db, done, now)).toEqual({ ok: false, reason: 'not-open' });
		expect(await remindOwnerByEmail(db, outside, now)).toEqual({ ok: false, reason: 'no-account' });
		expect(await remindOwnerByEmail(db, 9999, now)).toEqual({ ok: false, reason: 'not-found' });
		await deliver(now);
		expect(receivedBy(emailOf('confirmedMember')).map((mail) => mail.subject)).toEqual([
			'Reminder from the MAG chair: an action is due on 30 June 2027',
			'Reminder from the MAG chair: an action is due on 30 June 2027'
		]);
	});
});
