/**
 * The reward campaign of the lifecycle context (seed 002): its states, the transitions the
 * seed allows, the events that record what happened, and how they fold into state.
 */
import type { Event } from '../shared/decider';

// seed 002: CONSTRAINT valid_status CHECK (status IN ('CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED'))
export const CAMPAIGN_STATUSES = ['CREATED', 'RUNNING', 'CLOSED', 'REWARD_CLAIM', 'EXPIRED'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

// seed 002: validate_state_transition() — every other (from, to) pair is rejected.
export const ALLOWED_TRANSITIONS: ReadonlyArray<readonly [CampaignStatus, CampaignStatus]> = [
  ['CREATED', 'RUNNING'],
  ['RUNNING', 'CLOSED'],
  ['CLOSED', 'REWARD_CLAIM'],
  ['REWARD_CLAIM', 'EXPIRED'],
  ['RUNNING', 'EXPIRED'],
  ['CLOSED', 'EXPIRED'],
];

export const isAllowedTransition = (from: CampaignStatus, to: CampaignStatus): boolean => ALLOWED_TRANSITIONS.some(([f, t]) => f === from && t === to);

/** What caused a transition; recorded as the state log's trigger_event. */
export const TRANSITION_TRIGGERS = ['MANUAL', 'TIMER', 'SYSTEM'] as const;
export type TransitionTrigger = (typeof TRANSITION_TRIGGERS)[number];

export type JsonObject = Readonly<Record<string, unknown>>;

export type CampaignCreated = Event<
  'CampaignCreated',
  {
    readonly campaignId: string;
    readonly durationHours: number;
    readonly autoClose: boolean;
    readonly rewardsEnabled: boolean;
    readonly startTime: string | null;
    readonly endTime: string | null;
    readonly metadata: JsonObject;
    readonly createdAt: string;
  }
>;

export type StateTransitioned = Event<
  'StateTransitioned',
  {
    readonly campaignId: string;
    readonly from: CampaignStatus;
    readonly to: CampaignStatus;
    readonly trigger: TransitionTrigger;
    readonly reason: string | null;
    /** Set when the transition fixes the campaign's window (on start). */
    readonly startTime: string | null;
    readonly endTime: string | null;
    readonly transitionedAt: string;
  }
>;

export type ParticipantJoined = Event<'ParticipantJoined', { readonly campaignId: string; readonly participantId: string; readonly joinedAt: string }>;

export type EngagementRecorded = Event<
  'EngagementRecorded',
  {
    readonly campaignId: string;
    readonly participantId: string | null;
    readonly engagementType: string;
    readonly recordedAt: string;
  }
>;

export type RewardClaimed = Event<
  'RewardClaimed',
  {
    readonly campaignId: string;
    readonly participantId: string;
    readonly rewardId: string | null;
    readonly claimedAt: string;
  }
>;

/** A reminder that the reward-claim window is open (sent by the REWARD_REMINDER timer). */
export type RewardReminderIssued = Event<'RewardReminderIssued', { readonly campaignId: string; readonly remindedAt: string }>;

export type CampaignEvent = CampaignCreated | StateTransitioned | ParticipantJoined | EngagementRecorded | RewardClaimed | RewardReminderIssued;

export type CampaignEventType = CampaignEvent['type'];

export const CAMPAIGN_EVENT_TYPES: readonly CampaignEventType[] = [
  'CampaignCreated',
  'StateTransitioned',
  'ParticipantJoined',
  'EngagementRecorded',
  'RewardClaimed',
  'RewardReminderIssued',
];

export interface ExistingCampaign {
  readonly exists: true;
  readonly campaignId: string;
  readonly status: CampaignStatus;
  readonly durationHours: number;
  readonly autoClose: boolean;
  readonly rewardsEnabled: boolean;
  readonly startTime: string | null;
  readonly endTime: string | null;
  readonly participants: ReadonlySet<string>;
  readonly rewardsClaimedBy: ReadonlySet<string>;
}

export type CampaignState = { readonly exists: false } | ExistingCampaign;

export const initialCampaignState = (): CampaignState => ({ exists: false });

export const campaignStreamId = (campaignId: string): string => `campaign-${campaignId}`;

const withAdded = (set: ReadonlySet<string>, value: string): ReadonlySet<string> => new Set(set).add(value);

export const evolveCampaign = (state: CampaignState, event: CampaignEvent): CampaignState => {
  if (event.type === 'CampaignCreated') {
    const { campaignId, durationHours, autoClose, rewardsEnabled, startTime, endTime } = event.data;
    return {
      exists: true,
      campaignId,
      status: 'CREATED',
      durationHours,
      autoClose,
      rewardsEnabled,
      startTime,
      endTime,
      participants: new Set(),
      rewardsClaimedBy: new Set(),
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'StateTransitioned':
      return {
        ...state,
        status: event.data.to,
        startTime: event.data.startTime ?? state.startTime,
        endTime: event.data.endTime ?? state.endTime,
      };
    case 'ParticipantJoined':
      return { ...state, participants: withAdded(state.participants, event.data.participantId) };
    case 'RewardClaimed':
      return { ...state, rewardsClaimedBy: withAdded(state.rewardsClaimedBy, event.data.participantId) };
    case 'EngagementRecorded':
    case 'RewardReminderIssued':
      return state;
  }
};
