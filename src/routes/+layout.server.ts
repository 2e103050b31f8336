import { navigationFor, roleLabel } from '$lib/server/policy/navigation';
import { config } from '$lib/server/platform/config';
import { readCouncilName } from '$lib/server/council/council';
import { appDatabase } from '$lib/server/platform/app-database';
import type { LayoutServerLoad } from './$types';

// Only what the header shows. This protects nothing: every page checks access itself.
export const load: LayoutServerLoad = async ({ locals }) => {
	const signedIn = locals.user && locals.session?.twoFactorVerified ? locals.user : null;
	return {
		serviceName: config.serviceName,
		// Read each time (one row): `npm run setup` or another server may have just set it.
		councilName: await readCouncilName(appDatabase().db),
		viewer: signedIn
			? { name: signedIn.name, role: roleLabel(signedIn), agency: signedIn.agencyName }
			: null,
		navigation: signedIn ? navigationFor(signedIn) : [],
		pendingSignIn: Boolean(locals.user && !locals.session?.twoFactorVerified)
	};
};
