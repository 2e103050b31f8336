import { chromium } from '@playwright/test';
const [, , url, out, email] = process.argv;
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update'
	]
});
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text()));
if (email) {
	await page.goto('http://localhost:3000/sign-in');
	await page.fill('#email', email);
	await page.fill('#password', 'demo-MAG-meeting-2026');
	await page.click('button:has-text("Sign in")');
	await page.waitForLoadState('networkidle');
}
await page.goto(url);
await page.waitForLoadState('networkidle');
await page.screenshot({ path: out, fullPage: true });
console.log(page.url());
await browser.close();
