import { DomainError } from '../shared/decider';
import { campaignIn, command, givenCampaign, NOW } from '../testing';
import { ALLOWED_TRANSITIONS, CAMPAIGN_STATUSES, type CampaignStatus } from './campaign';
import { TRANSITION_TARGETS } from './campaign.decide';

// seed 002: validate_state_transition() lists the only (OLD.status, NEW.status) pairs allowed.
const COMMAND_FOR: Record<CampaignStatus, keyof typeof TRANSITION_TARGETS | null> = {
  CREATED: null,
  RUNNING: 'StartCampaign',
  CLOSED: 'CloseCampaign',
  REWARD_CLAIM: 'OpenRewardClaim',
  EXPIRED: 'ExpireCampaign',
};

const allowed = new Set(ALLOWED_TRANSITIONS.map(([from, to]) => `${from}→${to}`));
const reachable = CAMPAIGN_STATUSES.flatMap((from) =>
  CAMPAIGN_STATUSES.filter((to) => COMMAND_FOR[to] !== null).map((to) => [from, to] as const),
);

describe('state transitions (seed 002: validate_state_transition)', () => {
  it('allows exactly the six transitions the seed lists', () => {
    expect([...allowed].sort()).toEqual(
      ['CREATED→RUNNING', 'RUNNING→CLOSED', 'CLOSED→REWARD_CLAIM', 'REWARD_CLAIM→EXPIRED', 'RUNNING→EXPIRED', 'CLOSED→EXPIRED'].sort(),
    );
  });

  describe.each(ALLOWED_TRANSITIONS.map(([from, to]) => [from, to]))('%s → %s is a valid transition', (from, to) => {
    it('records StateTransitioned with from, to and the MANUAL trigger by default', () => {
      const decision = givenCampaign(campaignIn(from)).when(command(COMMAND_FOR[to]!));
      expect(decision).toEqual([
        { type: 'StateTransitioned', data: expect.objectContaining({ from, to, trigger: 'MANUAL', transitionedAt: NOW }) },
      ]);
    });

    it('records the TIMER trigger when a timer fired it', () => {
      const decision = givenCampaign(campaignIn(from)).when(command(COMMAND_FOR[to]!, { trigger: 'TIMER' }));
      expect(decision).toEqual([{ type: 'StateTransitioned', data: expect.objectContaining({ trigger: 'TIMER' }) }]);
    });

    it('leaves the campaign in one of the seed\'s five statuses (valid_status)', () => {
      const events = [...campaignIn(from), ...(givenCampaign(campaignIn(from)).when(command(COMMAND_FOR[to]!)) as never[])];
      const state = givenCampaign(events).state();
      expect(state.exists && CAMPAIGN_STATUSES.includes(state.status) && state.status).toBe(to);
    });
  });

  const forbidden = reachable.filter(([from, to]) => !allowed.has(`${from}→${to}`));

  it('covers every forbidden pair reachable through the four transition commands', () => {
    expect(forbidden).toHaveLength(CAMPAIGN_STATUSES.length * 4 - ALLOWED_TRANSITIONS.length);
  });

  it.each(forbidden)('rejects %s → %s as an invalid state transition naming both states', (from, to) => {
    const decision = givenCampaign(campaignIn(from)).when(command(COMMAND_FOR[to]!));
    expect(decision).toBeInstanceOf(DomainError);
    expect(decision).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      message: `Invalid state transition from ${from} to ${to}`,
      details: { from, to },
    });
  });

  it('rejects a transition of a campaign that does not exist', () => {
    expect(givenCampaign().when(command('StartCampaign'))).toMatchObject({ code: 'CAMPAIGN_NOT_FOUND' });
  });

  it('rejects an unknown trigger', () => {
    expect(givenCampaign(campaignIn('CREATED')).when(command('StartCampaign', { trigger: 'CRON' }))).toMatchObject({ code: 'INVALID_TRIGGER' });
  });

  it('cannot open a reward claim when rewards are disabled', () => {
    const decision = givenCampaign(campaignIn('CLOSED', { rewardsEnabled: false })).when(command('OpenRewardClaim'));
    expect(decision).toMatchObject({ code: 'REWARDS_DISABLED' });
  });

  it('is deterministic: the same command on the same history decides the same events', () => {
    const history = campaignIn('RUNNING');
    const close = command('CloseCampaign', { reason: 'sold out' });
    expect(givenCampaign(history).when(close)).toEqual(givenCampaign(history).when(close));
  });

  it('folds a whole life CREATED → RUNNING → CLOSED → REWARD_CLAIM → EXPIRED', () => {
    const events = [...campaignIn('REWARD_CLAIM'), ...(givenCampaign(campaignIn('REWARD_CLAIM')).when(command('ExpireCampaign')) as never[])];
    expect(events.filter((e) => e.type === 'StateTransitioned').map((e) => e.data.to)).toEqual(['RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED']);
    expect(givenCampaign(events).state()).toMatchObject({ exists: true, status: 'EXPIRED' });
  });
});
