/**
 * The council's outcome plan (docs/domain.md, "Family outcomes and claims"): the headline problems
 * a family may have when the MAG takes it on, the indicators that show each is resolved, and the
 * evidence the council accepts for each. Words and numbers once, for pages and server alike.
 */

/** What an indicator asks for: the outcome achieved, or achieved and then kept for some months. */
export const INDICATOR_MEASURES = {
	achieved: 'Achieved',
	sustained: 'Achieved and sustained'
} as const;
export type IndicatorMeasure = keyof typeof INDICATOR_MEASURES;

/** What a piece of evidence shows. */
export const EVIDENCE_STATUSES = {
	achieved: 'Achieved',
	sustained: 'Sustained'
} as const;
export type EvidenceStatus = keyof typeof EVIDENCE_STATUSES;

/** A sustain period: at least a month, at most two years. */
export const SUSTAIN_MONTHS = { min: 1, max: 24 } as const;

export const OUTCOME_PLAN_LIMITS = {
	/** A headline problem's name. */
	problem: 120,
	/** What an indicator says. */
	indicator: 300,
	/** The evidence the council accepts for an indicator. */
	evidenceAccepted: 500,
	/** What one piece of evidence recorded on a case says. */
	evidence: 500
} as const;

export interface StartingIndicator {
	description: string;
	evidenceAccepted: string;
	measure: IndicatorMeasure;
	sustainMonths: number | null;
}

/**
 * The current national framework's ten headline problems (Supporting Families, 2022 on), each
 * with one starting indicator a council can keep, change or add to. Loaded with one button on the
 * administrator's outcome plan page.
 */
export const NATIONAL_FRAMEWORK: { name: string; indicator: StartingIndicator }[] = [
	{
		name: 'Getting a good education',
		indicator: {
			description: 'Attendance at school is 90% or more',
			evidenceAccepted: 'The school’s or education welfare service’s attendance record',
			measure: 'sustained',
			sustainMonths: 3
		}
	},
	{
		name: 'Good early years development',
		indicator: {
			description: 'The child reaches the expected stage at their development review',
			evidenceAccepted: 'The health visitor’s development review',
			measure: 'achieved',
			sustainMonths: null
		}
	},
	{
		name: 'Improved mental and physical health',
		indicator: {
			description: 'The family member is engaging with the health service they need',
			evidenceAccepted: 'Confirmation from the GP, CAMHS or the health service involved',
			measure: 'sustained',
			sustainMonths: 3
		}
	},
	{
		name: 'Promoting recovery and reducing harm from substance use',
		indicator: {
			description: 'The adult has completed or is engaging with a substance use service',
			evidenceAccepted: 'Confirmation from the substance use service',
			measure: 'sustained',
			sustainMonths: 6
		}
	},
	{
		name: 'Improved family relationships',
		indicator: {
			description: 'The family has completed a parenting or relationship programme',
			evidenceAccepted: 'The programme’s completion record',
			measure: 'achieved',
			sustainMonths: null
		}
	},
	{
		name: 'Children safe from abuse and exploitation',
		indicator: {
			description: 'No new safeguarding concern about the child',
			evidenceAccepted: 'A check of children’s social care records',
			measure: 'sustained',
			sustainMonths: 6
		}
	},
	{
		name: 'Crime prevention and tackling crime',
		indicator: {
			description: 'No new offence or anti-social behaviour incident',
			evidenceAccepted: 'A check of police records',
			measure: 'sustained',
			sustainMonths: 6
		}
	},
	{
		name: 'Safe from domestic abuse',
		indicator: {
			description: 'No new domestic abuse incident',
			evidenceAccepted: 'A check of police and domestic abuse service records',
			measure: 'sustained',
			sustainMonths: 6
		}
	},
	{
		name: 'Secure housing',
		indicator: {
			description: 'The family is in suitable, settled accommodation',
			evidenceAccepted: 'Confirmation from the housing service or landlord',
			measure: 'sustained',
			sustainMonths: 6
		}
	},
	{
		name: 'Financial stability',
		indicator: {
			description: 'The family’s debts are managed and their benefits in payment',
			evidenceAccepted: 'Confirmation from the money advice service or the benefits service',
			measure: 'sustained',
			sustainMonths: 3
		}
	}
];
