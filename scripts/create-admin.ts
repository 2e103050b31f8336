/**
 * Creates the first administrator on a new installation:
 *   npm run create-admin -- --email you@council.gov.uk --name "Your Name"
 * and prints a single-use link (valid for INVITATION_HOURS) to set the password.
 */
import { parseArgs } from 'node:util';
import { loadConfig, originOf } from '../src/lib/server/platform/config';
import { openDatabase } from '../src/lib/server/platform/db';
import { emailProblem } from '../src/lib/server/http/forms';
import { migrate } from '../src/lib/server/platform/migrator';
import { createFirstAdministrator } from '../src/lib/server/people/invitations';

const { values } = parseArgs({
	options: { email: { type: 'string' }, name: { type: 'string' }, origin: { type: 'string' } }
});
const email = values.email?.trim() ?? '';
const name = values.name?.trim() ?? '';
if (emailProblem(email) || name === '') {
	console.error('Usage: npm run create-admin -- --email you@council.gov.uk --name "Your Name"');
	process.exit(2);
}
const config = loadConfig();
const origin = originOf(values.origin);
const database = openDatabase(config.databasePath);
try {
	await migrate(database.db);
	const result = await createFirstAdministrator(
		database.db,
		{ email, name },
		config.invitationHours
	);
	if (!result.ok) {
		console.error(`An account already uses ${email}`);
		process.exitCode = 1;
	} else {
		console.log(
			`Administrator ${email} created. To set the password, open (once, within ${config.invitationHours} hours):`
		);
		console.log(`${origin}/invitation/${result.token}`);
	}
} finally {
	await database.close();
}
