import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { demoSignIns } from '../db/seed';
import { generate, GENERATED_TABLES, SCALES, type Scale } from '../db/generate';
import { loadConfig } from '../src/lib/server/platform/config';
import { openDatabase } from '../src/lib/server/platform/db';
import { migrate } from '../src/lib/server/platform/migrator';

// npm run seed -- --scale demo|county|national [--seed N]
const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: 'demo' },
		seed: { type: 'string', default: '1' }
	}
});
const scale = values.scale as Scale;
const seed = Number(values.seed);
if (!SCALES.includes(scale)) {
	console.error(`--scale must be one of ${SCALES.join(', ')}, not "${values.scale}"`);
	process.exit(2);
}
if (!Number.isInteger(seed)) {
	console.error(`--seed must be a whole number, not "${values.seed}"`);
	process.exit(2);
}

const { databasePath } = loadConfig();
const database = openDatabase(databasePath);
const started = performance.now();
try {
	await migrate(database.db);
	const result = await generate(database, {
		scale,
		seed,
		onProgress: (message) => console.log(message)
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	const counts = Object.fromEntries(
		GENERATED_TABLES.map((table) => [
			table,
			(database.sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n
		])
	);
	console.log(`Scale ${scale}, seed ${seed}, today ${result.today}: done in ${seconds} s.`);
	console.log('Rows in the database now:');
	console.table(counts);
	if (databasePath !== ':memory:') {
		database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
		const megabytes = (fs.statSync(databasePath).size / 1024 / 1024).toFixed(1);
		console.log(`${databasePath} is ${megabytes} MB. Demo sign-ins:`);
	} else console.log('Demo sign-ins:');
	console.table(demoSignIns);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await database.close();
}
