/** Pages anyone may open without signing in. */
export function isPublic(path: string): boolean {
	return (
		path === '/sign-in' ||
		// Single sign-on: off to the council's identity provider and back (src/routes/sign-in/council).
		path === '/sign-in/council' ||
		path === '/sign-in/council/callback' ||
		path.startsWith('/invitation/') ||
		// A calendar feed: the private token in its address is the key (src/lib/server/calendar/calendar.ts).
		path.startsWith('/calendar/') ||
		path === '/favicon.svg'
	);
}
