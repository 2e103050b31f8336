/** Headers for a file to download: its type and name, never cached. */
export function downloadHeaders(type: string, fileName: string): HeadersInit {
	return {
		'Content-Type': type,
		'Content-Disposition': `attachment; filename="${fileName}"`,
		// Set for every response in hooks.server.ts too: a download of minutes is never cached.
		'Cache-Control': 'no-store'
	};
}
