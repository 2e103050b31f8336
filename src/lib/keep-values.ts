import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For `use:enhance` on forms that edit something in place: after a successful save the fields keep
 * showing what was saved, instead of the browser resetting them to the values the page first loaded.
 */
export const keepValues: SubmitFunction =
	() =>
	({ update }) =>
		update({ reset: false });
