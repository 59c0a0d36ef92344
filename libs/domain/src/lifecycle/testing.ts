/** Test builders of the lifecycle context (seed 002), exported by `@campaign/domain/testing` as `lifecycleTesting`. */
import type { Command, CommandMetadata } from '../shared/decider';
import { toIso } from '../shared/validation';
import type {
  CampaignCreated,
  CampaignEvent,
  CampaignStatus,
  EngagementRecorded,
  ParticipantJoined,
  RewardClaimed,
  RewardReminderIssued,
  StateTransitioned,
} from './campaign';
import type { CampaignCommand, ClaimReward, CreateCampaign, JoinCampaign, RecordEngagement, RemindRewardClaim, TRANSITION_TARGETS } from './campaign.decide';
import { DEFAULT_TIMER_SETTINGS } from './timers';
import type { CampaignTimerView } from './timers.policy';

export const NOW = '2026-04-01T09:00:00.000Z';
export const CAMPAIGN_ID = '3f6c1e9a-2b7d-4c1e-9f3a-5d6e7f8a9b0c';
export const PARTICIPANT = 'participant:ada';
export const HOUR_MS = 3_600_000;

/** The instant `offsetMs` after (or before) NOW. */
export const atNow = (offsetMs: number): string => toIso(Date.parse(NOW) + offsetMs);

export const COMMAND_METADATA: CommandMetadata = {
  commandId: '0b9e3c1d-7a2f-4e5b-8c6d-1f2a3b4c5d6e',
  now: NOW,
  actor: 'user:test',
};

type Build<C extends Command> = (data?: Partial<C['data']>, metadata?: Partial<CommandMetadata>) => C;

const build =
  <C extends CampaignCommand>(type: C['type'], defaults: C['data']): Build<C> =>
  (data = {}, metadata = {}) =>
    ({ type, data: { ...defaults, ...data }, metadata: { ...COMMAND_METADATA, ...metadata } }) as C;

export type TransitionCommand = Extract<CampaignCommand, { type: keyof typeof TRANSITION_TARGETS }>;

const transition = (type: TransitionCommand['type']) => build<TransitionCommand>(type, { campaignId: CAMPAIGN_ID });

/** Lifecycle commands on CAMPAIGN_ID at NOW by `user:test`; `data` and `metadata` override. */
export const lifecycleCommand = {
  create: build<CreateCampaign>('CreateCampaign', { campaignId: CAMPAIGN_ID, durationHours: 24 }),
  start: transition('StartCampaign'),
  close: transition('CloseCampaign'),
  openRewardClaim: transition('OpenRewardClaim'),
  expire: transition('ExpireCampaign'),
  transition: (type: TransitionCommand['type'], data?: Partial<TransitionCommand['data']>, metadata?: Partial<CommandMetadata>) =>
    transition(type)(data, metadata),
  join: build<JoinCampaign>('JoinCampaign', { campaignId: CAMPAIGN_ID, participantId: PARTICIPANT }),
  engage: build<RecordEngagement>('RecordEngagement', { campaignId: CAMPAIGN_ID, engagementType: 'share' }),
  claim: build<ClaimReward>('ClaimReward', { campaignId: CAMPAIGN_ID, participantId: PARTICIPANT }),
  remind: build<RemindRewardClaim>('RemindRewardClaim', { campaignId: CAMPAIGN_ID }),
};

/** Lifecycle events of CAMPAIGN_ID at NOW, as `decide` records them for the default commands. */
export const lifecycleEvent = {
  created: (data: Partial<CampaignCreated['data']> = {}): CampaignCreated => ({
    type: 'CampaignCreated',
    data: {
      campaignId: CAMPAIGN_ID,
      durationHours: 24,
      autoClose: true,
      rewardsEnabled: true,
      startTime: null,
      endTime: null,
      metadata: {},
      createdAt: NOW,
      ...data,
    },
  }),
  transitioned: (from: CampaignStatus, to: CampaignStatus, data: Partial<StateTransitioned['data']> = {}): StateTransitioned => ({
    type: 'StateTransitioned',
    data: { campaignId: CAMPAIGN_ID, from, to, trigger: 'MANUAL', reason: null, startTime: null, endTime: null, transitionedAt: NOW, ...data },
  }),
  joined: (participantId: string = PARTICIPANT): ParticipantJoined => ({
    type: 'ParticipantJoined',
    data: { campaignId: CAMPAIGN_ID, participantId, joinedAt: NOW },
  }),
  engaged: (participantId: string | null = null, engagementType = 'share'): EngagementRecorded => ({
    type: 'EngagementRecorded',
    data: { campaignId: CAMPAIGN_ID, participantId, engagementType, recordedAt: NOW },
  }),
  rewardClaimed: (participantId: string = PARTICIPANT, rewardId: string | null = null): RewardClaimed => ({
    type: 'RewardClaimed',
    data: { campaignId: CAMPAIGN_ID, participantId, rewardId, claimedAt: NOW },
  }),
  reminderIssued: (remindedAt: string = NOW): RewardReminderIssued => ({
    type: 'RewardReminderIssued',
    data: { campaignId: CAMPAIGN_ID, remindedAt },
  }),
};

/** The states a campaign passes through to reach each status by the shortest allowed path. */
const PATH_TO: Record<CampaignStatus, readonly CampaignStatus[]> = {
  CREATED: ['CREATED'],
  RUNNING: ['CREATED', 'RUNNING'],
  CLOSED: ['CREATED', 'RUNNING', 'CLOSED'],
  REWARD_CLAIM: ['CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM'],
  EXPIRED: ['CREATED', 'RUNNING', 'EXPIRED'],
};

export interface CampaignHistoryOptions {
  /** Overrides of the CampaignCreated data, e.g. `{ rewardsEnabled: false }`. */
  readonly created?: Partial<CampaignCreated['data']>;
  /** Events recorded while RUNNING (joins, engagements), before the campaign moves on. */
  readonly whileRunning?: readonly CampaignEvent[];
}

/** The events of a campaign brought to `status` by manual transitions, all at NOW. */
export const campaignIn = (status: CampaignStatus, options: CampaignHistoryOptions = {}): CampaignEvent[] => {
  const created = lifecycleEvent.created(options.created);
  const window = { startTime: NOW, endTime: atNow(created.data.durationHours * HOUR_MS) };
  const path = PATH_TO[status];
  return [
    created,
    ...path
      .slice(1)
      .flatMap((to, i) =>
        to === 'RUNNING' ? [lifecycleEvent.transitioned(path[i], to, window), ...(options.whileRunning ?? [])] : [lifecycleEvent.transitioned(path[i], to)],
      ),
  ];
};

/** What the timer-scheduler remembers of CAMPAIGN_ID: created with the defaults, unless overridden. */
export const timerView = (overrides: Partial<CampaignTimerView> = {}): CampaignTimerView => ({
  campaignId: CAMPAIGN_ID,
  status: 'CREATED',
  autoClose: true,
  rewardsEnabled: true,
  settings: DEFAULT_TIMER_SETTINGS,
  ...overrides,
});
