/**
 * Sets up a council on a new installation, once:
 *   npm run setup
 * asks for the council's name and the first administrator's name and email (or take them as
 * --council, --name and --email), creates them, and prints a single-use link (valid for
 * INVITATION_HOURS) for the administrator to set a password. Refuses to run on a database that
 * already has a council or accounts.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig, originOf } from '../src/lib/server/platform/config';
import { openDatabase } from '../src/lib/server/platform/db';
import { migrate } from '../src/lib/server/platform/migrator';
import { alreadySetUp, setUpCouncil } from '../src/lib/server/council/setup';

const { values } = parseArgs({
	options: {
		council: { type: 'string' },
		name: { type: 'string' },
		email: { type: 'string' },
		origin: { type: 'string' }
	}
});
const config = loadConfig();
const origin = originOf(values.origin);
const database = openDatabase(config.databasePath);
try {
	await migrate(database.db);
	if (await alreadySetUp(database.db)) {
		console.error(
			`${config.databasePath} already has a council or accounts: setup runs once, on an empty database.`
		);
		process.exit(1);
	}
	const asked = async (flag: string | undefined, question: string) => {
		if (flag !== undefined) return flag.trim();
		const rl = createInterface({ input: process.stdin, output: process.stdout });
		try {
			return (await rl.question(question)).trim();
		} finally {
			rl.close();
		}
	};
	const answers = {
		council: await asked(
			values.council,
			'The council’s name (for example, Herefordshire Council): '
		),
		name: await asked(values.name, 'The first administrator’s name: '),
		email: await asked(values.email, 'Their work email address: ')
	};
	const result = await setUpCouncil(database.db, answers, config.invitationHours);
	if (!result.ok) {
		for (const problem of result.problems) console.error(problem);
		process.exitCode = 2;
	} else {
		console.log(`${answers.council} is set up. ${answers.email} is its first administrator.`);
		console.log(`To set the password, open (once, within ${config.invitationHours} hours):`);
		console.log(`${origin}/invitation/${result.token}`);
		console.log('Then add the council’s localities, communities and agencies under Council.');
	}
} finally {
	await database.close();
}
