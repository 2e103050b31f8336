/**
 * The most characters each free-text field takes, in one place so that every form reader (and any
 * hint on a form) agrees. Each is refused with "X must be N characters or fewer", what was typed
 * kept. Short fields hold a name or a phrase; notes hold a few paragraphs, which is as much as a
 * meeting reads out or a list shows; the long item fields hold the whole of an anonymous request.
 */
export const TEXT_LIMITS = {
	/** A person's name: a user, a guest or substitute, a family member, an owner outside the MAG. */
	name: 120,
	/** An agency's name: a guest's, an action owner's, the agency giving a single-agency response. */
	agency: 120,
	jobTitle: 120,
	/** An advice request's setting, a community issue's title and place, a family member's setting. */
	itemShort: 120,
	/** What worries the submitter, what they want, what is happening: the body of an item. */
	itemLong: 2000,
	/** What an action says: one line of an action list. */
	actionDescription: 300,
	/** A note on an action (progress, done, cannot be done) or why an overdue one was closed. */
	actionNote: 1000,
	/** The note of an item's outcome. */
	outcomeNote: 2000,
	/** The support agreed for one need of a new CAF. */
	support: 500,
	/** One need of a new CAF. */
	need: 300,
	/** A review's line of progress on one need. */
	reviewProgress: 300,
	/** The family's own view of the plan at a review, in their words as the lead professional reports it. */
	familyView: 1000,
	/** Why an item is declined, a case handed over, or a flagged action closed. */
	reason: 300,
	/** Why the council is closed on a day. */
	closureReason: 120,
	venue: 200,
	onlineLink: 500,
	/** Who gave consent ("Mother, Jane Smith"). */
	consentGivenBy: 200,
	/** Where the signed consent form is kept. */
	consentFormLocation: 200,
	/** The council's, a locality's or a community's name. */
	placeName: 120,
	/** An agency's kind of service ("Police", "Health"). */
	sector: 120,
	/** Where an agency's information-sharing agreement is kept. */
	agreementLocation: 200,
	/** The confidentiality statement read at a community's meetings. */
	confidentialityStatement: 1500
} as const;
