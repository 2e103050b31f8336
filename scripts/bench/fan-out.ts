// The live view with a full room: N followers hold the room's event stream open; the chair takes
// an item; each follower, told of the change, reloads the room's data as the browser does
// (invalidateAll). The figure is the time from the chair's click to the last follower's new
// screen, over ten changes.
import { percentile, postAction } from './client';

interface Follower {
	/** Resolves with the moment this follower's new screen arrived, after the next change. */
	nextScreen(): Promise<number>;
	close(): void;
}

async function follow(origin: string, meetingId: number, cookie: string): Promise<Follower> {
	const controller = new AbortController();
	const response = await fetch(`${origin}/meetings/${meetingId}/room/events`, {
		headers: { Cookie: cookie, Accept: 'text/event-stream' },
		signal: controller.signal
	});
	if (response.status !== 200) throw new Error(`The room's events answered ${response.status}`);
	const reader = response.body!.getReader();
	const decoder = new TextDecoder();
	const next: { screen: ((at: number) => void) | null } = { screen: null };
	const reload = async () => {
		const answer = await fetch(
			`${origin}/meetings/${meetingId}/room/__data.json?x-sveltekit-invalidated=11`,
			{ headers: { Cookie: cookie } }
		);
		await answer.arrayBuffer();
		return performance.now();
	};
	// The stream's first words ("retry: …") say the server is following for us.
	await reader.read();
	void (async () => {
		try {
			for (;;) {
				const { value, done } = await reader.read();
				if (done) return;
				if (!decoder.decode(value).includes('data: change')) continue;
				const resolve = next.screen;
				next.screen = null;
				const at = await reload();
				resolve?.(at);
			}
		} catch {
			// closed by the bench
		}
	})();
	return {
		nextScreen: () => new Promise((resolve) => (next.screen = resolve)),
		close: () => controller.abort()
	};
}

export interface FanOut {
	followers: number;
	median: number;
	p95: number;
}

/** Ten changes (the chair taking one of two items in turn) watched by `count` followers. */
export async function timeFanOut(
	origin: string,
	room: { meetingId: number; items: [number, number]; chair: string; members: string[] },
	count: number,
	changes = 10
): Promise<FanOut> {
	const followers = await Promise.all(
		Array.from({ length: count }, (_, i) =>
			follow(origin, room.meetingId, room.members[i % room.members.length]!)
		)
	);
	try {
		const lasts: number[] = [];
		for (let change = 0; change < changes; change++) {
			const screens = followers.map((f) => f.nextScreen());
			const clicked = performance.now();
			const status = await postAction(
				origin,
				`/meetings/${room.meetingId}/room?/take`,
				room.chair,
				{ item: String(room.items[change % 2]) }
			);
			if (status !== 200) throw new Error(`Taking an item answered ${status}`);
			const arrived = await Promise.all(screens);
			lasts.push(Math.max(...arrived) - clicked);
		}
		lasts.sort((a, b) => a - b);
		return { followers: count, median: percentile(lasts, 50), p95: percentile(lasts, 95) };
	} finally {
		for (const f of followers) f.close();
	}
}
