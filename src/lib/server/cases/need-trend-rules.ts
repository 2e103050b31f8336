import { SCORE_MAX, SCORE_MIN, TREND_WORDS } from '../../domain/needs';

/**
 * The rules of a plan that lives, without the database: reading a need's score (0–10) from a
 * form, and saying in words how a need's scores have moved from review to review.
 */

/** A score as typed: the whole number 0–10, or the message to show next to the field. */
export function readScore(
	typed: string,
	n: number
): { ok: true; score: number } | { ok: false; message: string } {
	const text = typed.trim();
	if (text === '')
		return { ok: false, message: `Enter a score from ${SCORE_MIN} to ${SCORE_MAX} for need ${n}` };
	if (!/^\d+$/.test(text))
		return {
			ok: false,
			message: `The score for need ${n} must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}`
		};
	const score = Number(text);
	if (score < SCORE_MIN || score > SCORE_MAX)
		return {
			ok: false,
			message: `The score for need ${n} must be from ${SCORE_MIN} to ${SCORE_MAX}`
		};
	return { ok: true, score };
}

export type TrendWord = keyof typeof TREND_WORDS;

/** Which way the scores went, first to last (in the order of the reviews). */
export function trendOf(scores: number[]): TrendWord {
	if (scores.length === 0) return 'none';
	if (scores.length === 1) return 'single';
	const first = scores[0]!;
	const last = scores[scores.length - 1]!;
	return last > first ? 'improving' : last < first ? 'worsening' : 'steady';
}

/** The trend as a line the record reads out: "4 → 6 → 7, improving". */
export function trendSummary(scores: number[]): string {
	const word = TREND_WORDS[trendOf(scores)];
	return scores.length === 0 ? word : `${scores.join(' → ')}, ${word}`;
}
