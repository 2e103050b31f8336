import { error } from '@sveltejs/kit';
import { appDatabase } from '$lib/server/platform/app-database';
import { feedFor, userForFeedToken } from '$lib/server/calendar/calendar';
import { config } from '$lib/server/platform/config';
import type { RequestHandler } from './$types';

/** A person's calendar feed, read by their calendar app without a session: the token is the key. */
export const GET: RequestHandler = async ({ params, url }) => {
	const { db } = appDatabase();
	const owner = await userForFeedToken(db, params.token);
	if (!owner) error(404, 'Not found');
	const body = await feedFor(db, owner.userId, { origin: url.origin, name: config.serviceName });
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'no-store'
		}
	});
};
