/** Pages anyone may open without signing in. */
export function isPublic(path: string): boolean {
	return (
		path === '/sign-in' ||
		path.startsWith('/invitation/') ||
		// A calendar feed: the private token in its address is the key (src/lib/server/calendar/calendar.ts).
		path.startsWith('/calendar/') ||
		path === '/favicon.svg'
	);
}
