/**
 * Creates the first administrator on a new installation:
 *   npm run create-admin -- --email you@council.gov.uk --name "Your Name"
 * and prints a single-use link (valid for INVITATION_HOURS) to set the password.
 */
import { parseArgs } from 'node:util';
import { emailProblem } from '../src/lib/server/forms';
import { loadConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db';
import { migrate } from '../src/lib/server/migrator';
import { randomToken, sha256Hex } from '../src/lib/server/auth/tokens';
import { recordAudit } from '../src/lib/server/audit';

const { values } = parseArgs({
	options: { email: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string' } }
});
const email = values.email?.trim().toLowerCase() ?? '';
const name = values.name?.trim() ?? '';
if (emailProblem(email) || name === '') {
	console.error('Usage: npm run create-admin -- --email you@council.gov.uk --name "Your Name"');
	process.exit(2);
}
const config = loadConfig();
const origin =
	values.origin ?? process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
const database = openDatabase(config.databasePath);
try {
	await migrate(database.db);
	const token = randomToken(20);
	const now = new Date();
	await database.db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('user')
			.select('id')
			.where('email', '=', email)
			.executeTakeFirst();
		if (existing) throw new Error(`An account already uses ${email}`);
		const user = await trx
			.insertInto('user')
			.values({
				email,
				name,
				job_title: 'Administrator',
				agency_id: null,
				is_administrator: 1,
				password_hash: null,
				totp_key: null,
				totp_last_step: null,
				disabled_at: null,
				created_at: now.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('invitation')
			.values({
				token_hash: sha256Hex(token),
				user_id: user.id,
				invited_by: user.id,
				created_at: now.toISOString(),
				expires_at: new Date(now.getTime() + config.invitationHours * 3_600_000).toISOString(),
				used_at: null
			})
			.execute();
		await recordAudit(trx, {
			actorId: null,
			action: 'user.administrator-created-from-command-line',
			recordType: 'user',
			recordId: user.id,
			detail: { email }
		});
	});
	console.log(
		`Administrator ${email} created. To set the password, open (once, within ${config.invitationHours} hours):`
	);
	console.log(`${origin}/invitation/${token}`);
} catch (error) {
	console.error((error as Error).message);
	process.exitCode = 1;
} finally {
	await database.close();
}
