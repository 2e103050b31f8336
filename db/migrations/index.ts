import type { Kysely } from 'kysely';
import * as m20261123_0900_foundation from './20261123_0900_foundation';
import * as m20261123_1400_meetings from './20261123_1400_meetings';
import * as m20261123_1500_new_caf from './20261123_1500_new_caf';
import * as m20261123_1700_meeting_room from './20261123_1700_meeting_room';
import * as m20261124_1000_mail_outbox from './20261124_1000_mail_outbox';
import * as m20261124_1100_calendar_feed from './20261124_1100_calendar_feed';
import * as m20261124_1200_action_follow_up from './20261124_1200_action_follow_up';
import * as m20261124_1300_audit_chain from './20261124_1300_audit_chain';
import * as m20261124_1500_retention from './20261124_1500_retention';
import * as m20261124_1400_case_record from './20261124_1400_case_record';
import * as m20261124_1600_reporting from './20261124_1600_reporting';
import * as m20261124_1700_report_indexes from './20261124_1700_report_indexes';
import * as m20261125_0900_item_versions from './20261125_0900_item_versions';
import * as m20261125_1000_form_keys from './20261125_1000_form_keys';
import * as m20261202_1000_confidentiality from './20261202_1000_confidentiality';
import * as m20261202_1300_council_structure from './20261202_1300_council_structure';
import * as m20261202_1400_single_sign_on from './20261202_1400_single_sign_on';
import * as m20261203_1400_caf_drafts from './20261203_1400_caf_drafts';
import * as m20261203_1500_action_reopened from './20261203_1500_action_reopened';
import * as m20261203_1700_minutes_corrections from './20261203_1700_minutes_corrections';
import * as m20261203_1710_room_review_later from './20261203_1710_room_review_later';
import * as m20261204_1000_consent_agencies from './20261204_1000_consent_agencies';
import * as m20261204_1020_living_plan from './20261204_1020_living_plan';
import * as m20261204_1030_outcome_plan from './20261204_1030_outcome_plan';
import * as m20261204_1040_front_door from './20261204_1040_front_door';

export interface Migration {
	up: (db: Kysely<unknown>) => Promise<void>;
}

/**
 * Every migration, by file name. Listed by hand (not read from the folder at run time) so the same
 * list works in the built server, the command-line scripts and the tests. Append; never edit a
 * migration that has landed: write a new one.
 */
export const migrations: Record<string, Migration> = {
	'20261123_0900_foundation': m20261123_0900_foundation,
	'20261123_1400_meetings': m20261123_1400_meetings,
	'20261123_1500_new_caf': m20261123_1500_new_caf,
	'20261123_1700_meeting_room': m20261123_1700_meeting_room,
	'20261124_1000_mail_outbox': m20261124_1000_mail_outbox,
	'20261124_1100_calendar_feed': m20261124_1100_calendar_feed,
	'20261124_1200_action_follow_up': m20261124_1200_action_follow_up,
	'20261124_1300_audit_chain': m20261124_1300_audit_chain,
	'20261124_1400_case_record': m20261124_1400_case_record,
	'20261124_1500_retention': m20261124_1500_retention,
	'20261124_1600_reporting': m20261124_1600_reporting,
	'20261124_1700_report_indexes': m20261124_1700_report_indexes,
	'20261125_0900_item_versions': m20261125_0900_item_versions,
	'20261125_1000_form_keys': m20261125_1000_form_keys,
	'20261202_1000_confidentiality': m20261202_1000_confidentiality,
	'20261202_1300_council_structure': m20261202_1300_council_structure,
	'20261202_1400_single_sign_on': m20261202_1400_single_sign_on,
	'20261203_1400_caf_drafts': m20261203_1400_caf_drafts,
	'20261203_1500_action_reopened': m20261203_1500_action_reopened,
	'20261203_1700_minutes_corrections': m20261203_1700_minutes_corrections,
	'20261203_1710_room_review_later': m20261203_1710_room_review_later,
	'20261204_1000_consent_agencies': m20261204_1000_consent_agencies,
	'20261204_1020_living_plan': m20261204_1020_living_plan,
	'20261204_1030_outcome_plan': m20261204_1030_outcome_plan,
	'20261204_1040_front_door': m20261204_1040_front_door
};
