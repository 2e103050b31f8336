import { navigationFor, roleLabel } from '$lib/server/policy/navigation';
import { config } from '$lib/server/platform/config';
import { councilName } from '$lib/server/council/council';
import type { LayoutServerLoad } from './$types';

// Only what the header shows. This protects nothing: every page checks access itself.
export const load: LayoutServerLoad = ({ locals }) => {
	const signedIn = locals.user && locals.session?.twoFactorVerified ? locals.user : null;
	return {
		serviceName: config.serviceName,
		councilName: councilName(),
		viewer: signedIn
			? { name: signedIn.name, role: roleLabel(signedIn), agency: signedIn.agencyName }
			: null,
		navigation: signedIn ? navigationFor(signedIn) : [],
		pendingSignIn: Boolean(locals.user && !locals.session?.twoFactorVerified)
	};
};
