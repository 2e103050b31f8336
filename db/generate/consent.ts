/**
 * The family's consent to share with the MAG: given with the new CAF, renewed while the family is
 * still supported (consent is in date for CONSENT_VALID_MONTHS, 12, before a meeting).
 */
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import { shift, stampOn } from './days';
import { int, type Random } from './random';
import { idOf, insertInto } from './rows';
import type { OpenCase } from './families';

/** What the family agreed to, as each consent row repeats it. */
export interface ConsentTerms {
	givenBy: string;
	youngPerson: string;
	sharedWith: string;
	formLocation: string;
}

export class Consents {
	private readonly insert: Statement;

	constructor(
		sqlite: SQLiteDatabase,
		private readonly rng: Random
	) {
		this.insert = insertInto(sqlite, 'consent', [
			'case_id',
			'kind',
			'replaces_consent_id',
			'given_by',
			'young_person',
			'signed_on',
			'covers_mag',
			'shared_with',
			'form_location',
			'withdrawn_on',
			'recorded_by',
			'recorded_at'
		]);
	}

	/** A consent covering the MAG, signed on `signedOn`, renewing `replaces` if it is given; its id. */
	write(
		caseId: number,
		terms: ConsentTerms,
		signedOn: string,
		replaces: number | null,
		recordedBy: number,
		recordedAt: string
	): number {
		return idOf(
			this.insert.run(
				caseId,
				replaces === null ? 'given' : 'renewed',
				replaces,
				terms.givenBy,
				terms.youngPerson,
				signedOn,
				1,
				terms.sharedWith,
				terms.formLocation,
				null,
				recordedBy,
				recordedAt
			)
		);
	}

	/** A family still supported renews its consent a few weeks before the review it would lapse by. */
	renewIfDue(familyCase: OpenCase, meetingDate: string) {
		if (familyCase.consentSignedOn > shift(meetingDate, -330)) return;
		const signedOn = shift(meetingDate, -int(this.rng, 7, 40));
		familyCase.consentId = this.write(
			familyCase.caseId,
			familyCase.consent,
			signedOn,
			familyCase.consentId,
			familyCase.lead.id,
			stampOn(signedOn, this.rng)
		);
		familyCase.consentSignedOn = signedOn;
	}
}
