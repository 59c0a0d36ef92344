import { campaignIn, command, givenCampaign, historyOf, NOW } from '../testing';
import type { CampaignStatus } from './campaign';

const NOT_RUNNING: CampaignStatus[] = ['CREATED', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED'];
const NOT_CLAIMING: CampaignStatus[] = ['CREATED', 'RUNNING', 'CLOSED', 'EXPIRED'];

const withParticipants = (...ids: string[]) => [
  ...campaignIn('RUNNING'),
  ...ids.flatMap((participantId) => givenCampaign(campaignIn('RUNNING')).when(command('JoinCampaign', { participantId })) as never[]),
];

describe('when the campaign is RUNNING', () => {
  it('a participant joins (PARTICIPANT_COUNT)', () => {
    expect(givenCampaign(campaignIn('RUNNING')).when(command('JoinCampaign', { participantId: 'ada' }))).toEqual([
      { type: 'ParticipantJoined', data: expect.objectContaining({ participantId: 'ada', joinedAt: NOW }) },
    ]);
  });

  it('a participant joins only once', () => {
    expect(givenCampaign(withParticipants('ada')).when(command('JoinCampaign', { participantId: 'ada' }))).toMatchObject({ code: 'PARTICIPANT_ALREADY_JOINED' });
  });

  it('rejects a blank participant id', () => {
    expect(givenCampaign(campaignIn('RUNNING')).when(command('JoinCampaign', { participantId: ' ' }))).toMatchObject({ code: 'INVALID_PARTICIPANT_ID' });
  });

  it('records an engagement by a participant or an anonymous one (ENGAGEMENT_COUNT)', () => {
    const given = givenCampaign(withParticipants('ada'));
    expect(given.when(command('RecordEngagement', { participantId: 'ada', engagementType: 'share' }))).toHaveLength(1);
    expect(given.when(command('RecordEngagement', { engagementType: 'view' }))).toEqual([
      { type: 'EngagementRecorded', data: expect.objectContaining({ participantId: null, engagementType: 'view' }) },
    ]);
  });

  it('rejects an engagement by someone who has not joined', () => {
    expect(givenCampaign(campaignIn('RUNNING')).when(command('RecordEngagement', { participantId: 'eve', engagementType: 'share' }))).toMatchObject({
      code: 'PARTICIPANT_NOT_FOUND',
    });
  });

  it('rejects an engagement without a type', () => {
    expect(givenCampaign(campaignIn('RUNNING')).when(command('RecordEngagement', { engagementType: '' }))).toMatchObject({ code: 'INVALID_ENGAGEMENT_TYPE' });
  });
});

describe.each(NOT_RUNNING)('when the campaign is %s', (status) => {
  it('no participant can join', () => {
    expect(givenCampaign(campaignIn(status)).when(command('JoinCampaign', { participantId: 'ada' }))).toMatchObject({ code: 'CAMPAIGN_NOT_RUNNING', details: { status } });
  });

  it('no engagement can be recorded', () => {
    expect(givenCampaign(campaignIn(status)).when(command('RecordEngagement', { engagementType: 'view' }))).toMatchObject({ code: 'CAMPAIGN_NOT_RUNNING' });
  });
});

describe('when the campaign is REWARD_CLAIM', () => {
  const claiming = () =>
    historyOf(
      command('CreateCampaign', { durationHours: 24 }),
      command('StartCampaign'),
      command('JoinCampaign', { participantId: 'ada' }),
      command('CloseCampaign'),
      command('OpenRewardClaim'),
    );

  it('a participant who joined claims a reward (REWARD_CLAIMED)', () => {
    expect(givenCampaign(claiming()).when(command('ClaimReward', { participantId: 'ada', rewardId: 'voucher' }))).toEqual([
      { type: 'RewardClaimed', data: expect.objectContaining({ participantId: 'ada', rewardId: 'voucher', claimedAt: NOW }) },
    ]);
  });

  it('a participant claims once', () => {
    const events = [...claiming(), ...(givenCampaign(claiming()).when(command('ClaimReward', { participantId: 'ada' })) as never[])];
    expect(givenCampaign(events).when(command('ClaimReward', { participantId: 'ada' }))).toMatchObject({ code: 'REWARD_ALREADY_CLAIMED' });
  });

  it('someone who never joined cannot claim', () => {
    expect(givenCampaign(claiming()).when(command('ClaimReward', { participantId: 'eve' }))).toMatchObject({ code: 'PARTICIPANT_NOT_FOUND' });
  });
});

describe.each(NOT_CLAIMING)('when the campaign is %s', (status) => {
  it('no reward can be claimed', () => {
    expect(givenCampaign(campaignIn(status)).when(command('ClaimReward', { participantId: 'ada' }))).toMatchObject({ code: 'REWARD_CLAIM_NOT_OPEN', details: { status } });
  });
});

describe('when rewards are disabled', () => {
  it('no reward can be claimed, whatever the state', () => {
    expect(givenCampaign(campaignIn('CLOSED', { rewardsEnabled: false })).when(command('ClaimReward', { participantId: 'ada' }))).toMatchObject({ code: 'REWARDS_DISABLED' });
  });
});
