// The bench's HTTP client: signing in as a demo account and timing requests over loopback.
import { DEMO_PASSWORD } from '../../db/seed';

export interface Client {
	origin: string;
}

export async function signIn(origin: string, email: string): Promise<string> {
	const response = await fetch(`${origin}/sign-in?/signIn`, {
		method: 'POST',
		headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('mag_session='));
	if (!cookie) throw new Error(`Could not sign in as ${email} (status ${response.status})`);
	return cookie.split(';')[0]!;
}

export function percentile(sorted: readonly number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A request's time from sending it to the last byte of its answer, in milliseconds. */
export async function timedGet(origin: string, path: string, cookie?: string): Promise<number> {
	const started = performance.now();
	const response = await fetch(`${origin}${path}`, {
		headers: cookie ? { Cookie: cookie } : {},
		redirect: 'manual'
	});
	await response.arrayBuffer();
	if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
	return performance.now() - started;
}

/** Posts a form action as the browser's enhanced form does, and waits for its answer. */
export async function postAction(
	origin: string,
	path: string,
	cookie: string,
	fields: Record<string, string>
): Promise<number> {
	const response = await fetch(`${origin}${path}`, {
		method: 'POST',
		headers: {
			Cookie: cookie,
			Origin: origin,
			Accept: 'application/json',
			'Content-Type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
	await response.arrayBuffer();
	return response.status;
}

export interface Timing {
	first: number;
	median: number;
	p95: number;
}

/** The first request on its own (council-wide reports are worked out then), then N more. */
export async function timePage(
	origin: string,
	path: string,
	cookie: string,
	requests: number
): Promise<Timing> {
	const first = await timedGet(origin, path, cookie);
	for (let i = 0; i < 4; i++) await timedGet(origin, path, cookie);
	const times: number[] = [];
	for (let i = 0; i < requests; i++) times.push(await timedGet(origin, path, cookie));
	times.sort((a, b) => a - b);
	return { first, median: percentile(times, 50), p95: percentile(times, 95) };
}
