// JavaScript per page, as the browser fetches it: every script a page loads, gzipped.
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

export async function javascriptPerPage(
	origin: string,
	cookie: string,
	paths: readonly string[]
): Promise<{ path: string; kilobytes: number }[]> {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update'
		]
	});
	try {
		const [name, value] = cookie.split('=') as [string, string];
		const context = await browser.newContext();
		await context.addCookies([{ name, value, url: origin }]);
		const sizes = [];
		for (const path of paths) {
			const page = await context.newPage();
			const scripts: Promise<number>[] = [];
			page.on('response', (response) => {
				if (response.request().resourceType() === 'script')
					scripts.push(response.body().then((body) => gzipSync(body).length));
			});
			// Not 'networkidle': the room keeps its event stream open. The app's modules are all
			// asked for within moments of the page loading.
			await page.goto(`${origin}${path}`, { waitUntil: 'load' });
			await page.waitForTimeout(1500);
			const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
			sizes.push({ path, kilobytes: bytes / 1024 });
			await page.close();
		}
		return sizes;
	} finally {
		await browser.close();
	}
}
