/**
 * Setting up a council on an empty database (`npm run setup`): its name and its first
 * administrator, who gets a single-use link to set a password. Refused once anyone has an account
 * or a council is set up, so it can never take over a running service.
 */
import type { DB } from '../platform/db';
import { emailProblem } from '../http/forms';
import { TEXT_LIMITS } from '../../domain/text-limits';
import { createFirstAdministrator } from '../people/invitations';
import { councilExists, saveCouncilName } from './council';

export type SetUpResult = { ok: true; token: string } | { ok: false; problems: string[] };

export function setUpProblems(answers: { council: string; name: string; email: string }): string[] {
	const problems: string[] = [];
	if (!answers.council) problems.push('Enter the council’s name');
	else if (answers.council.length > TEXT_LIMITS.placeName)
		problems.push(`The council’s name must be ${TEXT_LIMITS.placeName} characters or fewer`);
	if (!answers.name) problems.push('Enter the administrator’s name');
	else if (answers.name.length > TEXT_LIMITS.name)
		problems.push(`The administrator’s name must be ${TEXT_LIMITS.name} characters or fewer`);
	const email = emailProblem(answers.email);
	if (email) problems.push(email);
	return problems;
}

export async function alreadySetUp(db: DB): Promise<boolean> {
	const someone = await db.selectFrom('user').select('id').limit(1).executeTakeFirst();
	return someone !== undefined || (await councilExists(db));
}

export async function setUpCouncil(
	db: DB,
	answers: { council: string; name: string; email: string },
	invitationHours: number,
	now = new Date()
): Promise<SetUpResult> {
	const problems = setUpProblems(answers);
	if (problems.length > 0) return { ok: false, problems };
	if (await alreadySetUp(db))
		return {
			ok: false,
			problems: [
				'This database already has a council or accounts: setup runs once, on an empty database. ' +
					'Administrators invite everyone else from the Users page.'
			]
		};
	await saveCouncilName(db, answers.council, null, now);
	const admin = await createFirstAdministrator(
		db,
		{ name: answers.name, email: answers.email },
		invitationHours,
		now
	);
	if (!admin.ok) return { ok: false, problems: [`An account already uses ${answers.email}`] };
	return { ok: true, token: admin.token };
}
