/** What the room's tests share: the moment things happen at, and a form as the browser posts it. */
export const at = new Date('2027-05-11T09:00:00Z');

export function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}
