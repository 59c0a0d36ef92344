/**
 * The facts behind the seed's campaign_metrics (PARTICIPANT_COUNT, ENGAGEMENT_COUNT,
 * REWARD_CLAIMED). Seed 002 lists the metric types but not when each fact may happen; the
 * rules tested here are the ones campaign.decide.ts settles on.
 */
import {
  campaignIn,
  given,
  lifecycleCommand as command,
  lifecycleEvent as event,
  NOW,
  PARTICIPANT,
  rejected,
} from '../testing';
import { CAMPAIGN_STATUSES, type CampaignEvent, type CampaignStatus } from './campaign';
import { campaignDecider } from './campaign.decide';

const BOB = 'participant:bob';
const otherThan = (status: CampaignStatus) => CAMPAIGN_STATUSES.filter((s) => s !== status);
const givenCampaign = (events: readonly CampaignEvent[]) => given(campaignDecider, events);

describe('when the campaign is RUNNING', () => {
  const running = campaignIn('RUNNING');
  const withAda = campaignIn('RUNNING', { whileRunning: [event.joined(PARTICIPANT)] });

  // seed 002: metric_type PARTICIPANT_COUNT
  it('a participant joins (PARTICIPANT_COUNT)', () => {
    expect(givenCampaign(running).when(command.join())).toEqual([event.joined(PARTICIPANT)]);
  });

  it('a participant who already joined cannot join again (PARTICIPANT_ALREADY_JOINED)', () => {
    expect(rejected(givenCampaign(withAda).when(command.join()))).toMatchObject({
      code: 'PARTICIPANT_ALREADY_JOINED',
      details: { participantId: PARTICIPANT },
    });
  });

  it('another participant still joins after the first', () => {
    expect(givenCampaign(withAda).when(command.join({ participantId: BOB }))).toEqual([event.joined(BOB)]);
  });

  it.each(['', '   ', 'p'.repeat(201)])('a participant id %p that is blank or too long is rejected', (participantId) => {
    expect(rejected(givenCampaign(running).when(command.join({ participantId })))).toMatchObject({ code: 'INVALID_PARTICIPANT_ID' });
  });

  // seed 002: metric_type ENGAGEMENT_COUNT
  it('an engagement by a participant who joined is recorded (ENGAGEMENT_COUNT)', () => {
    expect(givenCampaign(withAda).when(command.engage({ participantId: PARTICIPANT, engagementType: 'share' }))).toEqual([
      event.engaged(PARTICIPANT, 'share'),
    ]);
  });

  it.each([undefined, null])('an anonymous engagement (participantId %p) is recorded', (participantId) => {
    expect(givenCampaign(running).when(command.engage({ participantId, engagementType: 'view' }))).toEqual([event.engaged(null, 'view')]);
  });

  it('an engagement by someone who has not joined is rejected (PARTICIPANT_NOT_FOUND)', () => {
    expect(rejected(givenCampaign(withAda).when(command.engage({ participantId: BOB })))).toMatchObject({
      code: 'PARTICIPANT_NOT_FOUND',
      details: { participantId: BOB },
    });
  });

  it.each(['', '  ', 't'.repeat(51)])('an engagement type %p that is blank or longer than 50 characters is rejected', (engagementType) => {
    expect(rejected(givenCampaign(running).when(command.engage({ engagementType })))).toMatchObject({ code: 'INVALID_ENGAGEMENT_TYPE' });
  });
});

describe.each(otherThan('RUNNING'))('when the campaign is %s', (status) => {
  const events = campaignIn(status, { whileRunning: [event.joined(PARTICIPANT)] });

  it('no participant can join (CAMPAIGN_NOT_RUNNING)', () => {
    expect(rejected(givenCampaign(events).when(command.join({ participantId: BOB })))).toMatchObject({
      code: 'CAMPAIGN_NOT_RUNNING',
      details: { status },
    });
  });

  it('no engagement can be recorded, by a participant or anonymously (CAMPAIGN_NOT_RUNNING)', () => {
    for (const participantId of [PARTICIPANT, null]) {
      expect(rejected(givenCampaign(events).when(command.engage({ participantId })))).toMatchObject({
        code: 'CAMPAIGN_NOT_RUNNING',
        details: { status },
      });
    }
  });
});

describe('when the campaign is REWARD_CLAIM', () => {
  const claiming = campaignIn('REWARD_CLAIM', { whileRunning: [event.joined(PARTICIPANT), event.joined(BOB)] });
  const adaClaimed = [...claiming, event.rewardClaimed(PARTICIPANT, 'voucher-1')];

  // seed 002: metric_type REWARD_CLAIMED
  it('a participant who joined claims a reward (REWARD_CLAIMED)', () => {
    expect(givenCampaign(claiming).when(command.claim({ rewardId: 'voucher-1' }))).toEqual([event.rewardClaimed(PARTICIPANT, 'voucher-1')]);
  });

  it('a claim without a reward id is recorded with rewardId null', () => {
    expect(givenCampaign(claiming).when(command.claim())).toEqual([event.rewardClaimed(PARTICIPANT, null)]);
  });

  it('someone who never joined cannot claim (PARTICIPANT_NOT_FOUND)', () => {
    expect(rejected(givenCampaign(claiming).when(command.claim({ participantId: 'participant:eve' })))).toMatchObject({
      code: 'PARTICIPANT_NOT_FOUND',
      details: { participantId: 'participant:eve' },
    });
  });

  it('a participant claims once (REWARD_ALREADY_CLAIMED)', () => {
    expect(rejected(givenCampaign(adaClaimed).when(command.claim({ rewardId: 'voucher-2' })))).toMatchObject({
      code: 'REWARD_ALREADY_CLAIMED',
      details: { participantId: PARTICIPANT },
    });
  });

  it('another participant still claims after the first', () => {
    expect(givenCampaign(adaClaimed).when(command.claim({ participantId: BOB }))).toEqual([
      { type: 'RewardClaimed', data: expect.objectContaining({ participantId: BOB, claimedAt: NOW }) },
    ]);
  });
});

describe.each(otherThan('REWARD_CLAIM'))('when the campaign is %s', (status) => {
  it('no reward can be claimed, even by a participant who joined (REWARD_CLAIM_NOT_OPEN)', () => {
    const events = campaignIn(status, { whileRunning: [event.joined(PARTICIPANT)] });
    expect(rejected(givenCampaign(events).when(command.claim()))).toMatchObject({ code: 'REWARD_CLAIM_NOT_OPEN', details: { status } });
  });
});

// A campaign without rewards never reaches REWARD_CLAIM, so these are all the states it can be in.
describe.each(otherThan('REWARD_CLAIM'))('when the campaign is %s with rewards disabled', (status) => {
  it('no reward can be claimed (REWARDS_DISABLED)', () => {
    const events = campaignIn(status, { created: { rewardsEnabled: false }, whileRunning: [event.joined(PARTICIPANT)] });
    expect(rejected(givenCampaign(events).when(command.claim()))).toMatchObject({ code: 'REWARDS_DISABLED' });
  });
});
