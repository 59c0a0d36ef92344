import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { fold, lifecycle } from '@campaign/domain';
import { SeededRandom } from '@campaign/testing';
import { useSchemasOf } from '../shared/testing';
import { LifecycleProjection } from './lifecycle.projection';

/** A test pool and lifecycle projections in fresh schemas, dropped after the enclosing describe. */
export const useProjectionSchemas = () => useSchemasOf((schema) => new LifecycleProjection(schema));

/** The envelope campaign-command stores for an event a lifecycle command decided (version `n` of its stream). */
export const campaignEnvelope = (
  campaignId: string,
  n: number,
  event: lifecycle.CampaignEvent,
  metadata: { readonly now: string; readonly commandId: string; readonly actor: string },
  eventId: string,
): EventEnvelope => ({
  eventId,
  type: event.type,
  schemaVersion: 1,
  context: 'lifecycle',
  streamId: lifecycle.campaignStreamId(campaignId),
  streamVersion: n,
  globalPosition: String(n),
  occurredAt: metadata.now,
  correlationId: metadata.commandId,
  causationId: metadata.commandId,
  actor: metadata.actor,
  tenant: null,
  data: event.data,
});

/**
 * Builds the envelopes of one campaign's history by running commands through the real
 * decider, so projection tests see exactly the events production would.
 */
export class CampaignHistory {
  readonly envelopes: EventEnvelope[] = [];
  private clock: number;

  constructor(
    readonly campaignId: string = randomUUID(),
    start = Date.parse('2026-03-01T10:00:00.000Z'),
  ) {
    this.clock = start;
  }

  run(type: lifecycle.CampaignCommand['type'], data: Record<string, unknown> = {}, advanceMs = 60_000): this {
    this.clock += advanceMs;
    const now = new Date(this.clock).toISOString();
    const command = {
      type,
      data: { campaignId: this.campaignId, ...data },
      metadata: { commandId: randomUUID(), now, actor: 'user:analyst' },
    } as lifecycle.CampaignCommand;
    const state = fold(lifecycle.campaignDecider, this.envelopes as unknown as lifecycle.CampaignEvent[]);
    const decision = lifecycle.campaignDecider.decide(command, state);
    if (!Array.isArray(decision)) throw new Error(`history step ${type} rejected: ${(decision as Error).message}`);
    for (const event of decision as lifecycle.CampaignEvent[]) {
      this.envelopes.push(campaignEnvelope(this.campaignId, this.envelopes.length + 1, event, command.metadata, randomUUID()));
    }
    return this;
  }

  /** CREATED → RUNNING → CLOSED → REWARD_CLAIM → EXPIRED with three participants. */
  static fullLife(campaignId?: string): CampaignHistory {
    return new CampaignHistory(campaignId)
      .run('CreateCampaign', { durationHours: 48, metadata: { name: 'Spring rewards' } }, 0)
      .run('StartCampaign')
      .run('JoinCampaign', { participantId: 'alice' })
      .run('JoinCampaign', { participantId: 'bob' })
      .run('JoinCampaign', { participantId: 'carol' })
      .run('RecordEngagement', { participantId: 'alice', engagementType: 'share' })
      .run('RecordEngagement', { engagementType: 'view' })
      .run('CloseCampaign', { trigger: 'TIMER' })
      .run('OpenRewardClaim')
      .run('ClaimReward', { participantId: 'bob', rewardId: 'voucher-10' })
      .run('ExpireCampaign', { trigger: 'TIMER' });
  }
}

/** An instant `ms` before now, for rows the seed's NOW()-relative queries must (not) select. */
export const ago = (ms: number): string => new Date(Date.now() - ms).toISOString();

/**
 * Builds the envelopes the timer-scheduler records for one timer, in its own stream under
 * the campaign's (lifecycle.timerStreamId), each event stamped with the time it states.
 */
export class TimerHistory {
  readonly envelopes: EventEnvelope[] = [];
  readonly executionIds: string[] = [];

  constructor(
    readonly campaignId: string,
    readonly timerType: lifecycle.TimerType,
    readonly timerId: string = randomUUID(),
  ) {}

  scheduled(scheduledAt: string, createdAt: string, payload: Record<string, unknown> = {}): this {
    return this.record('TimerScheduled', { scheduledAt, payload, createdAt }, createdAt);
  }

  cancelled(cancelledAt: string, reason = 'campaign moved on'): this {
    return this.record('TimerCancelled', { reason, cancelledAt }, cancelledAt);
  }

  /** `attempt` defaults to the executions so far (an operator's retry starts again from 1). */
  started(startedAt: string, attempt = this.executionIds.length + 1): this {
    this.executionIds.push(randomUUID());
    return this.record('TimerExecutionStarted', { executionId: this.executionId, attempt, startedAt }, startedAt);
  }

  completed(completedAt: string, executionTimeMs: number, result: Record<string, unknown> = { status: 'ACCEPTED' }): this {
    return this.record('TimerExecutionCompleted', { executionId: this.executionId, result, completedAt, executionTimeMs }, completedAt);
  }

  failed(completedAt: string, executionTimeMs: number, retryCount: number, nextAttemptAt: string | null, error = 'command timed out'): this {
    const data = { executionId: this.executionId, error, retryCount, nextAttemptAt, completedAt, executionTimeMs };
    return this.record('TimerExecutionFailed', data, completedAt);
  }

  private get executionId(): string {
    return this.executionIds[this.executionIds.length - 1];
  }

  private record(type: lifecycle.TimerEventType, fields: Record<string, unknown>, occurredAt: string): this {
    const correlationId = randomUUID();
    this.envelopes.push({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'lifecycle',
      streamId: lifecycle.timerStreamId(this.campaignId, this.timerId),
      streamVersion: this.envelopes.length + 1,
      globalPosition: String(this.envelopes.length + 1),
      occurredAt,
      correlationId,
      causationId: null,
      actor: 'service:timer-scheduler',
      tenant: null,
      data: { timerId: this.timerId, campaignId: this.campaignId, timerType: this.timerType, ...fields },
    });
    return this;
  }
}

// Random commands for property tests: the same seed gives the same commands, so a failure replays.
export { SeededRandom as Random };
type Random = SeededRandom;

/** Pieces of text a caller could send: scripts, emoji (surrogate pairs), quotes, and what PostgreSQL refuses. */
const TEXT_PIECES = [
  'spring',
  'Zoë',
  '漢字',
  'שלום',
  '🌱',
  '👩‍💻',
  ' ',
  '\n',
  '"',
  "'; DROP TABLE campaigns; --",
  '\\',
  '%00',
  '\u200b',
  '\ufeff',
  '\uFFFD',
  '\u0000',
  '\ud800',
  '\udfff',
  '\u0001',
  'x'.repeat(300),
] as const;

/** A version-4 UUID drawn from `random`, so ids replay with the seed too. */
export const randomUuid = (random: Random): string => {
  const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
};

export const randomText = (random: Random, maxPieces = 4): string => Array.from({ length: random.int(1, maxPieces) }, () => random.pick(TEXT_PIECES)).join('');

const randomJson = (random: Random, depth: number): unknown => {
  const kind = random.int(0, depth > 0 ? 7 : 5);
  if (kind === 0) return randomText(random);
  if (kind === 1) return random.pick([0, -1, 1.5, 1e308, -1e-308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2]);
  if (kind === 2) return random.chance(0.5);
  if (kind === 3) return null;
  if (kind === 4) return '';
  if (kind === 5) return random.pick(['2999-12-31T23:59:59Z', '+010000-01-01T00:00:00.000Z', '0000-01-01']);
  if (kind === 6) return Array.from({ length: random.int(0, 4) }, () => randomJson(random, depth - 1));
  return randomObject(random, depth - 1);
};

const randomObject = (random: Random, depth: number): Record<string, unknown> =>
  Object.fromEntries(Array.from({ length: random.int(0, 4) }, () => [randomText(random, 2), randomJson(random, depth)]));

const TIMER_SECONDS = [0, 1, 3600, lifecycle.MAX_TIMER_SETTING_SECONDS, lifecycle.MAX_TIMER_SETTING_SECONDS + 1, -1, 1.5];
const TIMER_KEYS = Object.keys(lifecycle.DEFAULT_TIMER_SETTINGS);

const randomMetadata = (random: Random): Record<string, unknown> => {
  const metadata = randomObject(random, 3);
  if (random.chance(0.3)) metadata.timers = Object.fromEntries(TIMER_KEYS.filter(() => random.chance(0.5)).map((key) => [key, random.pick(TIMER_SECONDS)]));
  return metadata;
};

/** Start times near the edges: the year-9999 case that once dead-lettered its campaign, year 3000, leap days, offsets. */
export const EXTREME_START_TIMES = [
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999999999+14:00',
  '3000-01-01T00:00:00Z',
  '2999-12-31T23:59:59.999Z',
  '2999-12-31T22:00:00-02:00',
  '2900-02-29T00:00:00Z',
  '2400-02-29T12:00:00+14:00',
  '0000-01-01T00:00:00Z',
  '1999-12-31T23:59:59Z',
] as const;

const DURATIONS = [1, 24, 48, 1000, lifecycle.MAX_DURATION_HOURS, lifecycle.MAX_DURATION_HOURS - 1, lifecycle.MAX_DURATION_HOURS + 1, 0, -1, 1.5];

const randomStartTime = (random: Random, now: number): string | null => {
  const kind = random.int(0, 4);
  if (kind === 0) return null;
  if (kind === 1) return random.pick(EXTREME_START_TIMES);
  if (kind === 2) return new Date(now + random.int(-120, 600) * 1000).toISOString();
  // Anywhere from now to the end of year 9999, at a random offset.
  const at = now + Math.floor(random.next() * (Date.UTC(9999, 11, 31) - now));
  return kind === 3 ? new Date(at).toISOString() : new Date(at).toISOString().replace('Z', random.pick(['+05:30', '-23:59', '+00:00']));
};

export const randomCreate = (random: Random, campaignId: string, now: number, startTime = randomStartTime(random, now)) => ({
  type: 'CreateCampaign' as const,
  data: {
    campaignId,
    durationHours: random.chance(0.7) ? random.int(1, 2000) : random.pick(DURATIONS),
    autoClose: random.chance(0.5),
    rewardsEnabled: random.chance(0.7),
    startTime,
    metadata: randomMetadata(random),
  },
});

const TRANSITIONS = ['StartCampaign', 'CloseCampaign', 'OpenRewardClaim', 'ExpireCampaign'] as const;

/** Any command but CreateCampaign, with the values a wire could carry for it. */
export const randomFollowUp = (random: Random, campaignId: string, participants: readonly string[]) => {
  const participant = () => (participants.length > 0 && random.chance(0.7) ? random.pick(participants) : randomText(random, 3).slice(0, 200));
  switch (random.int(0, 6)) {
    case 0:
    case 1: {
      const trigger = random.chance(0.9) ? random.pick(lifecycle.TRANSITION_TRIGGERS) : 'LATER';
      return { type: random.pick(TRANSITIONS), data: { campaignId, trigger, reason: random.chance(0.5) ? null : randomText(random) } };
    }
    case 2:
    case 3:
      return { type: 'JoinCampaign' as const, data: { campaignId, participantId: participant() } };
    case 4:
      return {
        type: 'RecordEngagement' as const,
        data: { campaignId, participantId: random.chance(0.3) ? null : participant(), engagementType: randomText(random, 2).slice(0, 60) },
      };
    case 5:
      return { type: 'ClaimReward' as const, data: { campaignId, participantId: participant(), rewardId: random.chance(0.5) ? null : randomText(random) } };
    default:
      return { type: 'RemindRewardClaim' as const, data: { campaignId } };
  }
};
