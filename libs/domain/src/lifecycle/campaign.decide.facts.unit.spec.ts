/**
 * The facts behind the seed's campaign_metrics (PARTICIPANT_COUNT, ENGAGEMENT_COUNT,
 * REWARD_CLAIMED). Seed 002 lists the metric types but not when each fact may happen; the
 * rules tested here are the ones campaign.decide.ts settles on.
 */
import { given } from '../testing';
import { CAMPAIGN_STATUSES, type CampaignEvent, type CampaignStatus } from './campaign';
import { campaignDecider } from './campaign.decide';
import { campaignIn, lifecycleCommand as command, lifecycleEvent as event, NOW, PARTICIPANT } from './testing';

const BOB = 'participant:bob';
const otherThan = (status: CampaignStatus) => CAMPAIGN_STATUSES.filter((s) => s !== status);
const givenCampaign = (events: readonly CampaignEvent[]) => given(campaignDecider, events);

describe('when the campaign is RUNNING', () => {
  const running = campaignIn('RUNNING');
  const withAda = campaignIn('RUNNING', { whileRunning: [event.joined(PARTICIPANT)] });

  // seed 002: metric_type PARTICIPANT_COUNT
  it('a participant joins (PARTICIPANT_COUNT)', () => {
    givenCampaign(running)
      .when(command.join())
      .then([event.joined(PARTICIPANT)]);
  });

  it('a participant who already joined cannot join again (PARTICIPANT_ALREADY_JOINED)', () => {
    givenCampaign(withAda)
      .when(command.join())
      .thenRejects('PARTICIPANT_ALREADY_JOINED', { details: { participantId: PARTICIPANT } });
  });

  it('another participant still joins after the first', () => {
    givenCampaign(withAda)
      .when(command.join({ participantId: BOB }))
      .then([event.joined(BOB)]);
  });

  it.each(['', '   ', 'p'.repeat(201)])('a participant id %p that is blank or too long is rejected', (participantId) => {
    givenCampaign(running).when(command.join({ participantId })).thenRejects('INVALID_PARTICIPANT_ID');
  });

  // seed 002: metric_type ENGAGEMENT_COUNT
  it('an engagement by a participant who joined is recorded (ENGAGEMENT_COUNT)', () => {
    givenCampaign(withAda)
      .when(command.engage({ participantId: PARTICIPANT, engagementType: 'share' }))
      .then([event.engaged(PARTICIPANT, 'share')]);
  });

  it.each([undefined, null])('an anonymous engagement (participantId %p) is recorded', (participantId) => {
    givenCampaign(running)
      .when(command.engage({ participantId, engagementType: 'view' }))
      .then([event.engaged(null, 'view')]);
  });

  it('an engagement by someone who has not joined is rejected (PARTICIPANT_NOT_FOUND)', () => {
    givenCampaign(withAda)
      .when(command.engage({ participantId: BOB }))
      .thenRejects('PARTICIPANT_NOT_FOUND', { details: { participantId: BOB } });
  });

  it.each(['', '  ', 't'.repeat(51)])('an engagement type %p that is blank or longer than 50 characters is rejected', (engagementType) => {
    givenCampaign(running).when(command.engage({ engagementType })).thenRejects('INVALID_ENGAGEMENT_TYPE');
  });
});

describe.each(otherThan('RUNNING'))('when the campaign is %s', (status) => {
  const events = campaignIn(status, { whileRunning: [event.joined(PARTICIPANT)] });

  it('no participant can join (CAMPAIGN_NOT_RUNNING)', () => {
    givenCampaign(events)
      .when(command.join({ participantId: BOB }))
      .thenRejects('CAMPAIGN_NOT_RUNNING', { details: { status } });
  });

  it('no engagement can be recorded, by a participant or anonymously (CAMPAIGN_NOT_RUNNING)', () => {
    for (const participantId of [PARTICIPANT, null]) {
      givenCampaign(events).when(command.engage({ participantId })).thenRejects('CAMPAIGN_NOT_RUNNING', { details: { status } });
    }
  });
});

describe('when the campaign is REWARD_CLAIM', () => {
  const claiming = campaignIn('REWARD_CLAIM', { whileRunning: [event.joined(PARTICIPANT), event.joined(BOB)] });
  const adaClaimed = [...claiming, event.rewardClaimed(PARTICIPANT, 'voucher-1')];

  // seed 002: metric_type REWARD_CLAIMED
  it('a participant who joined claims a reward (REWARD_CLAIMED)', () => {
    givenCampaign(claiming)
      .when(command.claim({ rewardId: 'voucher-1' }))
      .then([event.rewardClaimed(PARTICIPANT, 'voucher-1')]);
  });

  it('a claim without a reward id is recorded with rewardId null', () => {
    givenCampaign(claiming)
      .when(command.claim())
      .then([event.rewardClaimed(PARTICIPANT, null)]);
  });

  it('someone who never joined cannot claim (PARTICIPANT_NOT_FOUND)', () => {
    givenCampaign(claiming)
      .when(command.claim({ participantId: 'participant:eve' }))
      .thenRejects('PARTICIPANT_NOT_FOUND', { details: { participantId: 'participant:eve' } });
  });

  it('a participant claims once (REWARD_ALREADY_CLAIMED)', () => {
    givenCampaign(adaClaimed)
      .when(command.claim({ rewardId: 'voucher-2' }))
      .thenRejects('REWARD_ALREADY_CLAIMED', { details: { participantId: PARTICIPANT } });
  });

  it('another participant still claims after the first', () => {
    givenCampaign(adaClaimed)
      .when(command.claim({ participantId: BOB }))
      .then([{ type: 'RewardClaimed', data: expect.objectContaining({ participantId: BOB, claimedAt: NOW }) }]);
  });
});

describe.each(otherThan('REWARD_CLAIM'))('when the campaign is %s', (status) => {
  it('no reward can be claimed, even by a participant who joined (REWARD_CLAIM_NOT_OPEN)', () => {
    const events = campaignIn(status, { whileRunning: [event.joined(PARTICIPANT)] });
    givenCampaign(events).when(command.claim()).thenRejects('REWARD_CLAIM_NOT_OPEN', { details: { status } });
  });
});

// A campaign without rewards never reaches REWARD_CLAIM, so these are all the states it can be in.
describe.each(otherThan('REWARD_CLAIM'))('when the campaign is %s with rewards disabled', (status) => {
  it('no reward can be claimed (REWARDS_DISABLED)', () => {
    const events = campaignIn(status, { created: { rewardsEnabled: false }, whileRunning: [event.joined(PARTICIPANT)] });
    givenCampaign(events).when(command.claim()).thenRejects('REWARDS_DISABLED');
  });
});
