import { untrack } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * A form's key (src/lib/server/http/form-keys.ts) on a page that reloads itself while someone types,
 * as the meeting room does whenever anyone changes something. The form keeps the key it was drawn
 * with until its own post succeeds: a click repeated while the first post was still on its way
 * carries the same key even if a live reload brought a new one. After a success the form draws a
 * fresh key itself, so the next action it adds is a new one. (Not the page's next key: a live
 * reload in flight can make the page's own reload resolve before the new data lands, and the old
 * key would then turn the next action into a "repeat" of the last, silently dropped.) A key is
 * only ever compared with the same person's earlier posts, so one made here is as good.
 */
export function heldFormKey(pageKey: () => string) {
	// A form drawn again (the room re-rendering it after a reload) starts from the page's key, which
	// may be the one its last post used if the page's data is older than that post: never reuse it.
	const pageKeyNow = untrack(pageKey);
	let key = $state(usedKeys.includes(pageKeyNow) ? freshKey() : pageKeyNow);
	const enhance: SubmitFunction =
		() =>
		async ({ result, update }) => {
			// Before the reload, which a live reload racing it can cut short (and never resolve).
			if (result.type === 'success') {
				usedKeys.push(key);
				key = freshKey();
			}
			await update();
		};
	return {
		get value() {
			return key;
		},
		enhance
	};
}

/** Keys this tab has posted with successfully (only ever filled in the browser, never on the server). */
const usedKeys: string[] = [];

/** 128 random bits in the server's own form (base64url, 22 characters). */
function freshKey(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return btoa(String.fromCharCode(...bytes))
		.replaceAll('+', '-')
		.replaceAll('/', '_')
		.replace(/=+$/, '');
}
