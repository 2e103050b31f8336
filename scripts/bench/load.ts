// Under load: requests a second that `clients` concurrent clients get from one page, and My
// actions' times while council-wide reports are being worked out.
import { percentile, timedGet } from './client';

/** Requests a second from `clients` clients asking one after another for `seconds`. */
export async function throughput(
	origin: string,
	path: string,
	cookie: string | undefined,
	clients = 16,
	seconds = 10
): Promise<number> {
	const until = performance.now() + seconds * 1000;
	let answered = 0;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			while (performance.now() < until) {
				await timedGet(origin, path, cookie);
				answered++;
			}
		})
	);
	return answered / seconds;
}

/**
 * My actions, one request after another, while another client keeps asking for council-wide
 * reports no one has asked for yet (each for a period of its own, so none is kept): the p95 says
 * whether a page waits behind another's slow query.
 */
export async function myActionsBesideReports(
	origin: string,
	chair: string,
	requests = 60
): Promise<{ p95: number; reportsWorkedOut: number }> {
	let busy = true;
	let reportsWorkedOut = 0;
	const reports = (async () => {
		for (let day = 1; busy; day++) {
			const period = new URLSearchParams({
				area: 'council',
				'from-day': String((day % 28) + 1),
				'from-month': '1',
				'from-year': '2020',
				'to-day': '15',
				'to-month': String((day % 11) + 1),
				'to-year': '2026'
			});
			await timedGet(origin, `/reports/outcomes?${period}`, chair);
			reportsWorkedOut++;
		}
	})();
	const times: number[] = [];
	try {
		for (let i = 0; i < requests; i++) times.push(await timedGet(origin, '/actions', chair));
	} finally {
		busy = false;
		await reports;
	}
	times.sort((a, b) => a - b);
	return { p95: percentile(times, 95), reportsWorkedOut };
}
