import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { fold, lifecycle } from '@campaign/domain';

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
