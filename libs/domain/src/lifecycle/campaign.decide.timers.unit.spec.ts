/**
 * What the lifecycle decider rules about timers: the per-campaign timer settings CreateCampaign
 * accepts, and the RemindRewardClaim command the REWARD_REMINDER timer sends.
 */
import { given } from '../testing';
import { CAMPAIGN_STATUSES, type JsonObject } from './campaign';
import { campaignDecider } from './campaign.decide';
import { atNow, CAMPAIGN_ID, campaignIn, HOUR_MS, lifecycleCommand as command, lifecycleEvent as event } from './testing';
import { MAX_TIMER_SETTING_SECONDS, timerSettingsOf } from './timers';

const whenCreating = (metadata: JsonObject) => given(campaignDecider).when(command.create({ metadata }));

describe('when the campaign does not exist', () => {
  it.each<[string, JsonObject]>([
    ['an unknown key', { timers: { closeAfterSeconds: 60 } }],
    ['a negative setting', { timers: { rewardClaimWindowSeconds: -1 } }],
    ['a fraction of a second', { timers: { rewardClaimOpensAfterSeconds: 0.5 } }],
    ['a setting too large', { timers: { expireAfterCloseSeconds: MAX_TIMER_SETTING_SECONDS + 1 } }],
    ['a setting that is not a number', { timers: { rewardReminderBeforeExpirySeconds: '3600' } }],
    ['timers that are not an object', { timers: [3600] }],
  ])('CreateCampaign with metadata.timers holding %s is rejected as INVALID_TIMER_SETTINGS', (_what, metadata) => {
    whenCreating(metadata).thenRejects('INVALID_TIMER_SETTINGS', { message: timerSettingsOf(metadata) });
  });

  it('CreateCampaign with valid metadata.timers records them in the metadata as given', () => {
    const metadata = { name: 'Spring', timers: { rewardClaimWindowSeconds: 3600, rewardReminderBeforeExpirySeconds: 0 } };
    whenCreating(metadata).then([event.created({ metadata })]);
  });

  it('CreateCampaign with metadata.timers = {} takes every default', () => {
    whenCreating({ timers: {} }).then([event.created({ metadata: { timers: {} } })]);
  });

  it('RemindRewardClaim on a campaign that does not exist is rejected as CAMPAIGN_NOT_FOUND', () => {
    given(campaignDecider)
      .when(command.remind())
      .thenRejects('CAMPAIGN_NOT_FOUND', { details: { campaignId: CAMPAIGN_ID } });
  });
});

describe('when the campaign is REWARD_CLAIM', () => {
  // seed 002: REWARD_REMINDER timer — reminds participants while the reward claim is open
  it('RemindRewardClaim records RewardReminderIssued at the time of the command', () => {
    given(campaignDecider, campaignIn('REWARD_CLAIM'))
      .when(command.remind({}, { now: atNow(HOUR_MS) }))
      .then([event.reminderIssued(atNow(HOUR_MS))]);
  });

  it('a reminder leaves the campaign as it was', () => {
    const claims = campaignIn('REWARD_CLAIM');
    expect(given(campaignDecider, [...claims, event.reminderIssued()]).state()).toEqual(given(campaignDecider, claims).state());
  });
});

describe.each(CAMPAIGN_STATUSES.filter((s) => s !== 'REWARD_CLAIM'))('when the campaign is %s', (status) => {
  // seed 002: REWARD_REMINDER only makes sense while rewards can be claimed
  it('RemindRewardClaim is rejected as REWARD_CLAIM_NOT_OPEN', () => {
    given(campaignDecider, campaignIn(status))
      .when(command.remind())
      .thenRejects('REWARD_CLAIM_NOT_OPEN', { details: { campaignId: CAMPAIGN_ID, status } });
  });

  it('RemindRewardClaim is rejected as REWARD_CLAIM_NOT_OPEN for a campaign without rewards too', () => {
    const withoutRewards = campaignIn(status, { created: { rewardsEnabled: false } });
    given(campaignDecider, withoutRewards).when(command.remind()).thenRejects('REWARD_CLAIM_NOT_OPEN');
  });
});

it('RemindRewardClaim addresses the campaign stream', () => {
  expect(campaignDecider.streamIdOf(command.remind())).toBe(`campaign-${CAMPAIGN_ID}`);
});
