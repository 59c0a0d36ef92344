import { accepted, given, history } from '../testing';
import type { CampaignEvent } from './campaign';
import { campaignDecider } from './campaign.decide';
import { after, command } from './testing';
import { CAMPAIGN_STATUSES, type CampaignStatus } from './values';

// docs/orchestration.md: draft → active ⇄ paused → completed / cancelled (and a draft may be
// discarded: draft → cancelled) — restated here rather than read from the code, so a wrong
// table in the code fails.
const ALLOWED: ReadonlyArray<readonly [CampaignStatus, CampaignStatus]> = [
  ['draft', 'active'],
  ['draft', 'cancelled'],
  ['active', 'paused'],
  ['paused', 'active'],
  ['active', 'completed'],
  ['active', 'cancelled'],
  ['paused', 'completed'],
  ['paused', 'cancelled'],
];
const isAllowed = (from: CampaignStatus, to: CampaignStatus) => ALLOWED.some(([f, t]) => f === from && t === to);

/** The way to each status from a new draft. */
const PATH: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: [],
  active: ['active'],
  paused: ['active', 'paused'],
  completed: ['active', 'completed'],
  cancelled: ['cancelled'],
};
const campaignIn = (status: CampaignStatus): CampaignEvent[] =>
  history(campaignDecider, [command.createCampaign(), ...PATH[status].map((to, i) => command.changeStatus({ status: to }, after(i + 1)))]) as CampaignEvent[];

it('the campaign statuses are draft, active, paused, completed, cancelled', () => {
  expect(CAMPAIGN_STATUSES).toEqual(['draft', 'active', 'paused', 'completed', 'cancelled']);
});

describe.each(CAMPAIGN_STATUSES)('when the campaign is %s', (from) => {
  for (const to of CAMPAIGN_STATUSES.filter((other) => other !== from)) {
    if (isAllowed(from, to))
      it(`${from} → ${to} is recorded as CampaignStatusChanged`, () => {
        const [changed] = accepted(given(campaignDecider, campaignIn(from)).when(command.changeStatus({ status: to }, after(60))));
        expect(changed).toMatchObject({ type: 'CampaignStatusChanged', data: { from, to } });
      });
    else
      it(`${from} → ${to} is CAMPAIGN_STATUS_TRANSITION_INVALID`, () => {
        given(campaignDecider, campaignIn(from))
          .when(command.changeStatus({ status: to }, after(60)))
          .thenRejects('CAMPAIGN_STATUS_TRANSITION_INVALID', { details: { from, to } });
      });
  }

  it(`${from} → ${from} records nothing (a repeated request)`, () => {
    given(campaignDecider, campaignIn(from))
      .when(command.changeStatus({ status: from }, after(60)))
      .thenNothing();
  });
});
