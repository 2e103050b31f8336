/**
 * The address of a list with some of its query changed (a page, a sort), keeping the filters;
 * a value of null drops that part. Used by pagination links and sortable column headings.
 */
export function listAddress(url: URL, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(url.searchParams);
	for (const [name, value] of Object.entries(changes)) {
		if (value === null) params.delete(name);
		else params.set(name, value);
	}
	const query = params.toString();
	return query ? `?${query}` : url.pathname;
}

/** "Showing 1–50 of 748 actions": which rows of a paged list are on the screen. */
export function showingLine(
	shown: { from: number; to: number; total: number },
	one: string,
	many: string
): string {
	return `Showing ${shown.from}–${shown.to} of ${shown.total} ${shown.total === 1 ? one : many}`;
}
