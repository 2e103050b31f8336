import { describe, expect, it } from 'vitest';
import { agencyFigures } from '$lib/server/actions/follow-up';
import {
	REVIEW_DATE,
	addAction,
	database,
	fixture,
	otherCommunityMeeting,
	useActionsFixture
} from './fixture';

useActionsFixture();

describe('the follow-up board', () => {
	it("counts each agency's actions as a hand count of the same data does", async () => {
		// Today is 22 June 2027. The dataset, by agency:
		//   Police:  open due 1 Jun (overdue), in progress due 22 Jun (today: not overdue),
		//            open due 1 Jul, done, done, cannot be done
		//   Housing: open due 21 Jun (overdue), in progress due 10 Jun (overdue), done ×4, closed
		//   Youth:   closed
		//   (and a Police action in another community, which counts nowhere here)
		// By hand:
		//   Police:  owned 6, completed 2, open 3, cannot 1, closed 0, overdue 1,
		//            rate 2 ÷ (2 + 3 + 1) = 33.3% → 33
		//   Housing: owned 7, completed 4, open 2, cannot 0, closed 1, overdue 2,
		//            rate 4 ÷ (4 + 2 + 0) = 66.7% → 67
		//   Youth:   owned 1, completed 0, open 0, cannot 0, closed 1, overdue 0, no rate (0 ÷ 0)
		const police = 'West Mercia Police';
		const housing = 'Housing Solutions';
		await addAction({ agency: police, due: '2027-06-01' });
		await addAction({ agency: police, due: '2027-06-22', status: 'in-progress' });
		await addAction({ agency: police, due: '2027-07-01' });
		await addAction({ agency: police, status: 'done' });
		await addAction({ agency: police, status: 'done' });
		await addAction({ agency: police, status: 'cannot-be-done' });
		await addAction({ agency: housing, owner: null, ownerName: 'Ann Lee', due: '2027-06-21' });
		await addAction({
			agency: housing,
			owner: 'submitter',
			due: '2027-06-10',
			status: 'in-progress'
		});
		for (let done = 0; done < 4; done++) await addAction({ agency: housing, status: 'done' });
		await addAction({ agency: housing, status: 'closed' });
		await addAction({ agency: 'Youth Service', status: 'closed' });
		const elsewhere = await otherCommunityMeeting();
		await addAction({ agency: police, ...elsewhere });

		expect(await agencyFigures(database.db, fixture.communityId, REVIEW_DATE)).toEqual([
			{
				agency: housing,
				owned: 7,
				completed: 4,
				open: 2,
				cannotBeDone: 0,
				closed: 1,
				overdue: 2,
				completionRate: 67
			},
			{
				agency: police,
				owned: 6,
				completed: 2,
				open: 3,
				cannotBeDone: 1,
				closed: 0,
				overdue: 1,
				completionRate: 33
			},
			{
				agency: 'Youth Service',
				owned: 1,
				completed: 0,
				open: 0,
				cannotBeDone: 0,
				closed: 1,
				overdue: 0,
				completionRate: null
			}
		]);
	});
});
