import type { SessionUser, SessionInfo } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: SessionInfo | null;
		}
		interface Error {
			message: string;
			/** The reference of an unexpected error, to quote: its entry in the server's log has it. */
			errorId?: string;
		}
		interface PageData {
			title?: string;
			/** A page for a projector: drawn without the site's header, menu and footer. */
			presentation?: boolean;
		}
	}
}

export {};
