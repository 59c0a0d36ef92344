/**
 * Commands of the lifecycle context and the rules that decide them (seed 002).
 *
 * Which facts are accepted in which state (the seed leaves it open; decided here):
 * - a participant joins and an engagement is recorded only while the campaign is RUNNING;
 * - a reward is claimed only in REWARD_CLAIM, only when rewards are enabled, only by a
 *   participant who joined, and once per participant;
 * - OpenRewardClaim (CLOSED → REWARD_CLAIM) requires rewards_enabled.
 */
import { assertNever, type Command, type Decider, type Decision, DomainError } from '../shared/decider';
import { unstorableTextPath } from '../shared/text';
import { INSTANT_BOUNDS_TEXT, isInstantInBounds, isJsonValue, isNonBlank, isPlainObject, isUuid, parseInstant, toIso } from '../shared/validation';
import {
  type CampaignEvent,
  type CampaignState,
  type CampaignStatus,
  campaignStreamId,
  evolveCampaign,
  type ExistingCampaign,
  initialCampaignState,
  isAllowedTransition,
  type JsonObject,
  type StateTransitioned,
  TRANSITION_TRIGGERS,
  type TransitionTrigger,
} from './campaign';
import { LifecycleErrorCode as Code } from './errors';
import { timerSettingsOf } from './timers';

const HOUR_MS = 3_600_000;
/** seed 002: timers may not be scheduled in the past beyond a 1 minute tolerance. */
export const PAST_TOLERANCE_MS = 60_000;
/** The widest window an INTEGER duration_hours can describe without overflowing timestamps. */
export const MAX_DURATION_HOURS = 24 * 365 * 100;
export const MAX_METADATA_BYTES = 64 * 1024;
const MAX_ID_LENGTH = 200;

export type CreateCampaign = Command<
  'CreateCampaign',
  {
    readonly campaignId: string;
    readonly durationHours: number;
    readonly autoClose?: boolean;
    readonly rewardsEnabled?: boolean;
    readonly startTime?: string | null;
    readonly metadata?: JsonObject;
  }
>;
type TransitionData = { readonly campaignId: string; readonly trigger?: TransitionTrigger; readonly reason?: string | null };
export type StartCampaign = Command<'StartCampaign', TransitionData>;
export type CloseCampaign = Command<'CloseCampaign', TransitionData>;
export type OpenRewardClaim = Command<'OpenRewardClaim', TransitionData>;
export type ExpireCampaign = Command<'ExpireCampaign', TransitionData>;
export type JoinCampaign = Command<'JoinCampaign', { readonly campaignId: string; readonly participantId: string }>;
export type RecordEngagement = Command<
  'RecordEngagement',
  { readonly campaignId: string; readonly participantId?: string | null; readonly engagementType: string }
>;
export type ClaimReward = Command<'ClaimReward', { readonly campaignId: string; readonly participantId: string; readonly rewardId?: string | null }>;

export type RemindRewardClaim = Command<'RemindRewardClaim', { readonly campaignId: string }>;

export type CampaignCommand =
  | CreateCampaign
  | StartCampaign
  | CloseCampaign
  | OpenRewardClaim
  | ExpireCampaign
  | JoinCampaign
  | RecordEngagement
  | ClaimReward
  | RemindRewardClaim;

export type CampaignCommandType = CampaignCommand['type'];

/** The state each transition command moves the campaign to. */
export const TRANSITION_TARGETS = {
  StartCampaign: 'RUNNING',
  CloseCampaign: 'CLOSED',
  OpenRewardClaim: 'REWARD_CLAIM',
  ExpireCampaign: 'EXPIRED',
} as const satisfies Record<string, CampaignStatus>;

const reject = (code: Code, message: string, details: Record<string, string | number | boolean | null> = {}) => new DomainError(code, message, details);

const notFound = (campaignId: string) => reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId });

const nowOf = (command: Command): number => {
  const now = parseInstant(command.metadata.now);
  if (now === null) throw new Error(`command metadata.now is not an ISO instant: ${command.metadata.now}`);
  return now;
};

const jsonSize = (value: unknown): number | null => {
  try {
    return new TextEncoder().encode(JSON.stringify(value)).length;
  } catch {
    return null;
  }
};

/** The start_time given, checked; null when there is none (the campaign is started by hand). */
const startOf = (startTime: unknown, durationHours: number, now: number): number | null | DomainError => {
  if (startTime === null) return null;
  const start = parseInstant(startTime);
  if (start === null) return reject(Code.INVALID_START_TIME, 'start_time must be an ISO-8601 instant with a zone', { startTime: String(startTime) });
  if (start < now - PAST_TOLERANCE_MS) return reject(Code.START_TIME_IN_PAST, 'start_time lies in the past', { startTime: String(startTime) });
  // The end time it sets (seed 002: calculated_end_time) must be storable and readable too.
  if (!isInstantInBounds(start) || !isInstantInBounds(start + durationHours * HOUR_MS)) {
    return reject(Code.INVALID_START_TIME, `start_time and its end time (start_time + duration_hours) must lie ${INSTANT_BOUNDS_TEXT}`, {
      startTime: String(startTime),
      durationHours,
    });
  }
  return start;
};

const create = (command: CreateCampaign, state: CampaignState): Decision<CampaignEvent> => {
  const { campaignId, durationHours, startTime = null, metadata = {} } = command.data;
  const { autoClose = true, rewardsEnabled = true } = command.data;
  // Lowercase only: the stream id is the raw string, so `ABC…` and `abc…` would be two campaigns of one UUID.
  if (!isUuid(campaignId) || campaignId !== campaignId.toLowerCase()) {
    return reject(Code.INVALID_CAMPAIGN_ID, 'campaignId must be a UUID in lowercase', { campaignId: String(campaignId) });
  }
  if (state.exists) return reject(Code.CAMPAIGN_ALREADY_EXISTS, `Campaign ${campaignId} already exists`, { campaignId });
  // seed 002: CONSTRAINT valid_duration CHECK (duration_hours > 0)
  if (!Number.isInteger(durationHours) || durationHours <= 0 || durationHours > MAX_DURATION_HOURS) {
    return reject(Code.INVALID_DURATION, `duration_hours must be a whole number from 1 to ${MAX_DURATION_HOURS}`, {
      durationHours: Number.isFinite(durationHours) ? durationHours : String(durationHours),
    });
  }
  if (typeof autoClose !== 'boolean' || typeof rewardsEnabled !== 'boolean') {
    return reject(Code.INVALID_FLAG, 'auto_close and rewards_enabled must be booleans');
  }
  const now = nowOf(command);
  const start = startOf(startTime, durationHours, now);
  if (start instanceof DomainError) return start;
  const size = jsonSize(metadata);
  if (size === null || size > MAX_METADATA_BYTES || !isPlainObject(metadata) || !isJsonValue(metadata)) {
    return reject(Code.INVALID_METADATA, `metadata must be a JSON object of at most ${MAX_METADATA_BYTES} bytes`);
  }
  const timerSettings = timerSettingsOf(metadata);
  if (typeof timerSettings === 'string') return reject(Code.INVALID_TIMER_SETTINGS, timerSettings);
  // seed 002: calculated_end_time — end_time = start_time + duration_hours * 1 hour
  const endTime = start === null ? null : toIso(start + durationHours * HOUR_MS);
  return [
    {
      type: 'CampaignCreated',
      data: {
        campaignId,
        durationHours,
        autoClose,
        rewardsEnabled,
        startTime: start === null ? null : toIso(start),
        endTime,
        metadata,
        createdAt: toIso(now),
      },
    },
  ];
};

const transition = (command: StartCampaign | CloseCampaign | OpenRewardClaim | ExpireCampaign, state: CampaignState): Decision<CampaignEvent> => {
  const { campaignId, trigger = 'MANUAL', reason = null } = command.data;
  if (!state.exists) return notFound(campaignId);
  if (!TRANSITION_TRIGGERS.includes(trigger)) {
    return reject(Code.INVALID_TRIGGER, `trigger must be one of ${TRANSITION_TRIGGERS.join(', ')}`, { trigger: String(trigger) });
  }
  const to = TRANSITION_TARGETS[command.type];
  const from = state.status;
  // seed 002: validate_state_transition — 'Invalid state transition from % to %'
  if (!isAllowedTransition(from, to)) {
    return reject(Code.INVALID_STATE_TRANSITION, `Invalid state transition from ${from} to ${to}`, { from, to });
  }
  if (to === 'REWARD_CLAIM' && !state.rewardsEnabled) {
    return reject(Code.REWARDS_DISABLED, `Campaign ${campaignId} has rewards disabled; it cannot open a reward claim`, { campaignId });
  }
  const now = nowOf(command);
  const window = to === 'RUNNING' ? startWindow(state, now) : { startTime: null, endTime: null };
  const event: StateTransitioned = {
    type: 'StateTransitioned',
    data: { campaignId, from, to, trigger, reason, ...window, transitionedAt: toIso(now) },
  };
  return [event];
};

/** A campaign runs from the moment it actually starts; the end follows from the duration. */
const startWindow = (state: ExistingCampaign, now: number) => ({
  startTime: toIso(now),
  endTime: toIso(now + state.durationHours * HOUR_MS),
});

const requireRunning = (state: CampaignState, campaignId: string): DomainError | ExistingCampaign => {
  if (!state.exists) return notFound(campaignId);
  if (state.status !== 'RUNNING') {
    return reject(Code.CAMPAIGN_NOT_RUNNING, `Campaign ${campaignId} is ${state.status}, not RUNNING`, { campaignId, status: state.status });
  }
  return state;
};

const join = (command: JoinCampaign, state: CampaignState): Decision<CampaignEvent> => {
  const { campaignId, participantId } = command.data;
  const running = requireRunning(state, campaignId);
  if (running instanceof DomainError) return running;
  if (!isNonBlank(participantId, MAX_ID_LENGTH)) return reject(Code.INVALID_PARTICIPANT_ID, 'participantId must be a non-blank string');
  if (running.participants.has(participantId)) {
    return reject(Code.PARTICIPANT_ALREADY_JOINED, `Participant ${participantId} already joined campaign ${campaignId}`, { participantId });
  }
  return [{ type: 'ParticipantJoined', data: { campaignId, participantId, joinedAt: toIso(nowOf(command)) } }];
};

const engage = (command: RecordEngagement, state: CampaignState): Decision<CampaignEvent> => {
  const { campaignId, participantId = null, engagementType } = command.data;
  const running = requireRunning(state, campaignId);
  if (running instanceof DomainError) return running;
  if (!isNonBlank(engagementType, 50)) return reject(Code.INVALID_ENGAGEMENT_TYPE, 'engagementType must be a non-blank string of at most 50 characters');
  if (participantId !== null && !running.participants.has(participantId)) {
    return reject(Code.PARTICIPANT_NOT_FOUND, `Participant ${participantId} has not joined campaign ${campaignId}`, { participantId });
  }
  return [{ type: 'EngagementRecorded', data: { campaignId, participantId, engagementType, recordedAt: toIso(nowOf(command)) } }];
};

const claim = (command: ClaimReward, state: CampaignState): Decision<CampaignEvent> => {
  const { campaignId, participantId, rewardId = null } = command.data;
  if (!state.exists) return notFound(campaignId);
  if (!state.rewardsEnabled) return reject(Code.REWARDS_DISABLED, `Campaign ${campaignId} has rewards disabled`, { campaignId });
  if (state.status !== 'REWARD_CLAIM') {
    return reject(Code.REWARD_CLAIM_NOT_OPEN, `Campaign ${campaignId} is ${state.status}; rewards are claimed in REWARD_CLAIM`, {
      campaignId,
      status: state.status,
    });
  }
  if (!state.participants.has(participantId)) {
    return reject(Code.PARTICIPANT_NOT_FOUND, `Participant ${participantId} has not joined campaign ${campaignId}`, { participantId });
  }
  if (state.rewardsClaimedBy.has(participantId)) {
    return reject(Code.REWARD_ALREADY_CLAIMED, `Participant ${participantId} already claimed a reward`, { participantId });
  }
  return [{ type: 'RewardClaimed', data: { campaignId, participantId, rewardId, claimedAt: toIso(nowOf(command)) } }];
};

const remind = (command: RemindRewardClaim, state: CampaignState): Decision<CampaignEvent> => {
  const { campaignId } = command.data;
  if (!state.exists) return notFound(campaignId);
  if (state.status !== 'REWARD_CLAIM') {
    return reject(Code.REWARD_CLAIM_NOT_OPEN, `Campaign ${campaignId} is ${state.status}; reminders go out in REWARD_CLAIM`, {
      campaignId,
      status: state.status,
    });
  }
  return [{ type: 'RewardReminderIssued', data: { campaignId, remindedAt: toIso(nowOf(command)) } }];
};

export const decideCampaign = (command: CampaignCommand, state: CampaignState): Decision<CampaignEvent> => {
  // Whatever door the command came through: accepted, such text would dead-letter its projection.
  const unstorable = unstorableTextPath(command.data);
  if (unstorable !== null) {
    return reject(Code.INVALID_TEXT, `${unstorable} holds text that cannot be stored (U+0000 or an unpaired surrogate)`, { field: unstorable });
  }
  switch (command.type) {
    case 'CreateCampaign':
      return create(command, state);
    case 'StartCampaign':
    case 'CloseCampaign':
    case 'OpenRewardClaim':
    case 'ExpireCampaign':
      return transition(command, state);
    case 'JoinCampaign':
      return join(command, state);
    case 'RecordEngagement':
      return engage(command, state);
    case 'ClaimReward':
      return claim(command, state);
    case 'RemindRewardClaim':
      return remind(command, state);
    default:
      return assertNever(command);
  }
};

export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState> = {
  initialState: initialCampaignState,
  decide: decideCampaign,
  evolve: evolveCampaign,
  streamIdOf: (command) => campaignStreamId(command.data.campaignId),
};
