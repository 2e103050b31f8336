import { followMeeting } from '$lib/server/platform/live';
import { requireMeetingMember } from '$lib/server/policy/meeting';
import type { RequestHandler } from './$types';

/**
 * Server-sent events for the live view: a bare "change" whenever anything in the running meeting
 * changes; each browser then reloads the page data it is allowed to see. Nothing else is sent, so
 * no family data travels on this stream.
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const { meeting } = await requireMeetingMember(locals, params.id);
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			send('retry: 1000\n\n');
			const unfollow = followMeeting(meeting.id, () => send('data: change\n\n'));
			// A comment every 20 seconds keeps proxies from closing an idle stream.
			const heartbeat = setInterval(() => send(': still here\n\n'), 20_000);
			stop = () => {
				clearInterval(heartbeat);
				unfollow();
			};
			request.signal.addEventListener('abort', () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed
				}
			});
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: {
			'Content-Type': 'text/event-stream',
			'Cache-Control': 'no-store',
			Connection: 'keep-alive'
		}
	});
};
