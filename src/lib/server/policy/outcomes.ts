import { membershipRole } from '../people/communities';
import { requireFullCase } from './case-record';
import { refuse } from './refusal';

/**
 * The problems that apply to a case, and the evidence of its outcomes, are recorded by the
 * family's lead professional or the MAG's chair (docs/domain.md, "Family outcomes and claims").
 * Whoever sees the case in full reads them.
 */
export async function requireOutcomeRecorder(locals: App.Locals, id: string) {
	const found = await requireFullCase(locals, id);
	if (!(await mayRecordOutcomes(found)))
		refuse('Only the lead professional or the chair records a family’s outcomes');
	return found;
}

export async function mayRecordOutcomes(found: Awaited<ReturnType<typeof requireFullCase>>) {
	if (found.found.leadProfessionalId === found.user.id) return true;
	return (await membershipRole(found.db, found.user.id, found.found.communityId)) === 'chair';
}
