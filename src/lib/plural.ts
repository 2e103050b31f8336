/** A count and its unit as people say it: "1 minute", "30 minutes", "1.5 hours". */
export function plural(count: number, unit: string): string {
	return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
