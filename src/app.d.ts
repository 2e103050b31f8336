import type { SessionUser, SessionInfo } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: SessionInfo | null;
		}
		interface PageData {
			title?: string;
		}
	}
}

export {};
