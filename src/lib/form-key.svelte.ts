import { untrack } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's key (src/lib/server/form-keys.ts) on a page that reloads itself while someone types,
 * as the meeting room does whenever anyone changes something. The form keeps the key it was drawn
 * with until its own post succeeds: a click repeated while the first post was still on its way
 * carries the same key even if a live reload brought a new one. After a success the form takes
 * the page's fresh key, so the next action it adds is a new one.
 */
export function heldFormKey(pageKey: () => string) {
	let key = $state(untrack(pageKey));
	const enhance: SubmitFunction =
		() =>
		async ({ result, update }) => {
			await update();
			if (result.type === 'success') key = pageKey();
		};
	return {
		get value() {
			return key;
		},
		enhance
	};
}
