/**
 * Test builders for deciders: given events, when a command, then events or a rejection.
 * Exported as `@campaign/domain/testing`; production code never imports it.
 */
import { type Command, type Decider, type Decision, type Event, fold } from './shared/decider';
import type { CampaignEvent, CampaignState, CampaignStatus } from './lifecycle/campaign';
import { campaignDecider, type CampaignCommand } from './lifecycle/campaign.decide';

export const NOW = '2026-04-01T09:00:00.000Z';
export const CAMPAIGN_ID = '3f6c1e9a-2b7d-4c1e-9f3a-5d6e7f8a9b0c';

export const given = <C extends Command, E extends Event, S>(decider: Decider<C, E, S>, events: readonly E[] = []) => ({
  state: (): S => fold(decider, events),
  when: (command: C): Decision<E> => decider.decide(command, fold(decider, events)),
});

export const givenCampaign = (events: readonly CampaignEvent[] = []) => given<CampaignCommand, CampaignEvent, CampaignState>(campaignDecider, events);

let sequence = 0;

/** A lifecycle command with fixed time and actor; `data` merges over `campaignId`. */
export const command = <T extends CampaignCommand['type']>(
  type: T,
  data: Record<string, unknown> = {},
  now: string = NOW,
): CampaignCommand =>
  ({ type, data: { campaignId: CAMPAIGN_ID, ...data }, metadata: { commandId: `cmd-${++sequence}`, now, actor: 'user:test' } }) as CampaignCommand;

/** The events a campaign has after running `commands` in order from nothing (each must be accepted). */
export const historyOf = (...commands: CampaignCommand[]): CampaignEvent[] =>
  commands.reduce<CampaignEvent[]>((events, next) => {
    const decision = givenCampaign(events).when(next);
    if (!Array.isArray(decision)) throw new Error(`history step ${next.type} was rejected: ${(decision as Error).message}`);
    return [...events, ...(decision as CampaignEvent[])];
  }, []);

const STEPS_TO: Record<CampaignStatus, CampaignCommand['type'][]> = {
  CREATED: [],
  RUNNING: ['StartCampaign'],
  CLOSED: ['StartCampaign', 'CloseCampaign'],
  REWARD_CLAIM: ['StartCampaign', 'CloseCampaign', 'OpenRewardClaim'],
  EXPIRED: ['StartCampaign', 'ExpireCampaign'],
};

/** The events of a campaign brought to `status` by manual commands; `create` overrides creation fields. */
export const campaignIn = (status: CampaignStatus, create: Record<string, unknown> = {}): CampaignEvent[] =>
  historyOf(command('CreateCampaign', { durationHours: 24, ...create }), ...STEPS_TO[status].map((type) => command(type)));
