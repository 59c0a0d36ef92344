/**
 * Test builders for deciders: given events, when a command, then events or a rejection.
 * Exported as `@campaign/domain/testing`; production code never imports it.
 */
import { type Command, type CommandMetadata, type Decider, type Decision, type DomainError, type Event, fold, isRejection } from './shared/decider';
import { toIso } from './shared/validation';
import type {
  CampaignCreated,
  CampaignEvent,
  CampaignStatus,
  EngagementRecorded,
  ParticipantJoined,
  RewardClaimed,
  RewardReminderIssued,
  StateTransitioned,
} from './lifecycle/campaign';
import type {
  CampaignCommand,
  ClaimReward,
  CreateCampaign,
  JoinCampaign,
  RecordEngagement,
  RemindRewardClaim,
  TRANSITION_TARGETS,
} from './lifecycle/campaign.decide';
import { DEFAULT_TIMER_SETTINGS } from './lifecycle/timers';
import type { CampaignTimerView } from './lifecycle/timers.policy';

// --- any decider ---------------------------------------------------------------------------

/**
 * What a decider did with one command, and the assertions a decider test ends in:
 * `given(decider, events).when(command).then(events)`, `.thenRejects(code)` or `.thenNothing()`.
 * Its `then` makes it look like a promise: never `await` it.
 */
export interface Outcome<E extends Event> {
  readonly decision: Decision<E>;
  /** The command was accepted and recorded exactly these events. */
  readonly then: (expected: readonly E[]) => void;
  /** The command was rejected with this code (and, where given, this message and these details). */
  readonly thenRejects: (code: string, also?: { readonly message?: unknown; readonly details?: unknown }) => void;
  /** The command was accepted and recorded nothing (e.g. a repeat of a fact already recorded). */
  readonly thenNothing: () => void;
}

const decisionOf = <E extends Event>(decided: Decision<E> | Outcome<E>): Decision<E> => ('decision' in decided ? decided.decision : decided);

/**
 * `given(decider, events).when(command)` is what `decide` made of the command on the folded
 * events; `accepted` and `rejected` read its decision where a test needs more than `then…`.
 */
export const given = <C extends Command, E extends Event, S>(decider: Decider<C, E, S>, events: readonly E[] = []) => ({
  state: (): S => fold(decider, events),
  when: (command: C): Outcome<E> => {
    const decision = decider.decide(command, fold(decider, events));
    return {
      decision,
      then: (expected) => expect(accepted(decision)).toEqual(expected),
      thenRejects: (code, also = {}) => expect(rejected(decision)).toMatchObject({ code, ...also }),
      thenNothing: () => expect(accepted(decision)).toEqual([]),
    };
  },
});

/** The events of an accepted decision; throws, naming the rejection, when there are none. */
export const accepted = <E extends Event>(decided: Decision<E> | Outcome<E>): readonly E[] => {
  const decision = decisionOf(decided);
  if (isRejection(decision)) throw new Error(`expected events, got ${decision.code}: ${decision.message}`);
  return decision;
};

/** The rejection of a decision; throws, naming the events, when the command was accepted. */
export const rejected = <E extends Event>(decided: Decision<E> | Outcome<E>): DomainError => {
  const decision = decisionOf(decided);
  if (!isRejection(decision)) throw new Error(`expected a rejection, got [${decision.map((e) => e.type).join(', ')}]`);
  return decision;
};

/** The events recorded by deciding `commands` one after the other; each must be accepted. */
export const history = <C extends Command, E extends Event, S>(decider: Decider<C, E, S>, commands: readonly C[]): E[] =>
  commands.reduce<E[]>((events, command) => [...events, ...accepted(given(decider, events).when(command))], []);

/** A value the types forbid but the wire can carry, to test how `decide` rejects it. */
export const unchecked = <T>(value: unknown): T => value as T;

// --- lifecycle (seed 002) ------------------------------------------------------------------

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
export * as outreachTesting from './outreach/testing';
