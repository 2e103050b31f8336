// `npm test` drives Debian's Chromium. Without it the browser tests cannot run: say so and stop,
// rather than skip them quietly.
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
	console.error(`No Chromium at ${chromium}: the end-to-end tests need it.
Install it with:   sudo apt-get update && sudo apt-get install -y chromium
or point CHROMIUM_PATH at a Chromium or Chrome binary.`);
	process.exit(1);
}
