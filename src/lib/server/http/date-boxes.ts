import { readDateInput } from '../../dates';

/** A GOV.UK date input read from a GET form's query (`<id>-day`, `-month`, `-year`). */
export interface DateBoxes {
	day: string;
	month: string;
	year: string;
}

export function dateBoxes(params: URLSearchParams, id: string): DateBoxes {
	return {
		day: params.get(`${id}-day`)?.trim() ?? '',
		month: params.get(`${id}-month`)?.trim() ?? '',
		year: params.get(`${id}-year`)?.trim() ?? ''
	};
}

export function boxesOf(date: string): DateBoxes {
	return {
		day: String(+date.slice(8, 10)),
		month: String(+date.slice(5, 7)),
		year: date.slice(0, 4)
	};
}

/** An optional UK date: none when all three boxes are empty, else the date or what is wrong. */
export function optionalDate(boxes: DateBoxes, name: string) {
	if (!boxes.day && !boxes.month && !boxes.year) return { ok: true as const, date: undefined };
	const read = readDateInput(boxes.day, boxes.month, boxes.year);
	return read.ok ? read : { ok: false as const, message: read.message.replace('The date', name) };
}
