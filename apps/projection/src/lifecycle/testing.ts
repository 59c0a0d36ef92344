import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { fold, lifecycle } from '@campaign/domain';
import { useSchemasOf } from '../shared/testing';
import { LifecycleProjection } from './lifecycle.projection';

/** A test pool and lifecycle projections in fresh schemas, dropped after the enclosing describe. */
export const useProjectionSchemas = () => useSchemasOf((schema) => new LifecycleProjection(schema));

/**
 * Builds the envelopes of one campaign's history by running commands through the real
 * decider, so projection tests see exactly the events production would.
 */
export class CampaignHistory {
  readonly envelopes: EventEnvelope[] = [];
  private clock: number;

  constructor(readonly campaignId: string = randomUUID(), start = Date.parse('2026-03-01T10:00:00.000Z')) {
    this.clock = start;
  }

  run(type: lifecycle.CampaignCommand['type'], data: Record<string, unknown> = {}, advanceMs = 60_000): this {
    this.clock += advanceMs;
    const now = new Date(this.clock).toISOString();
    const command = { type, data: { campaignId: this.campaignId, ...data }, metadata: { commandId: randomUUID(), now, actor: 'user:analyst' } } as lifecycle.CampaignCommand;
    const state = fold(lifecycle.campaignDecider, this.envelopes as unknown as lifecycle.CampaignEvent[]);
    const decision = lifecycle.campaignDecider.decide(command, state);
    if (!Array.isArray(decision)) throw new Error(`history step ${type} rejected: ${(decision as Error).message}`);
    for (const event of decision as lifecycle.CampaignEvent[]) {
      this.envelopes.push({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: 1,
        context: 'lifecycle',
        streamId: lifecycle.campaignStreamId(this.campaignId),
        streamVersion: this.envelopes.length + 1,
        globalPosition: String(this.envelopes.length + 1),
        occurredAt: now,
        correlationId: command.metadata.commandId,
        causationId: command.metadata.commandId,
        actor: command.metadata.actor,
        tenant: null,
        data: event.data,
      });
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

  constructor(readonly campaignId: string, readonly timerType: lifecycle.TimerType, readonly timerId: string = randomUUID()) {}

  scheduled(scheduledAt: string, createdAt: string, payload: Record<string, unknown> = {}): this {
    return this.record('TimerScheduled', { scheduledAt, payload, createdAt }, createdAt);
  }

  cancelled(cancelledAt: string, reason = 'campaign moved on'): this {
    return this.record('TimerCancelled', { reason, cancelledAt }, cancelledAt);
  }

  started(startedAt: string): this {
    this.executionIds.push(randomUUID());
    return this.record('TimerExecutionStarted', { executionId: this.executionId, attempt: this.executionIds.length, startedAt }, startedAt);
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
