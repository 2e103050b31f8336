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

/**
 * Where to go back to after updating an action: the My actions address it was opened from (with
 * its filters and page), or null for anything that is not a local /actions list address — so a
 * `from` in the address can never send anyone to another site or page.
 */
export function myActionsReturn(value: string | null | undefined): string | null {
	if (!value || !value.startsWith('/actions') || value.startsWith('//')) return null;
	let url: URL;
	try {
		url = new URL(value, 'http://local.invalid');
	} catch {
		return null;
	}
	if (url.origin !== 'http://local.invalid' || url.pathname !== '/actions') return null;
	url.searchParams.delete('updated');
	url.searchParams.delete('next');
	return url.pathname + url.search;
}
