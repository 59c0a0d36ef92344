import { decodeEvent, type EventEnvelope, topicsFor } from '@campaign/contracts';
import { groupConsumer, type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import type { HealthRegistry, JsonLogger } from '@campaign/runtime';
import type { Consumer, Kafka } from 'kafkajs';
import type { AdsCommandSender } from '../shared/ads-ingest.ports';
import type { FactDelivery } from '../../shared/ingest-context';
import type { AlertingStore } from './alerting.store';
import type { InsightsStore } from './insights.store';
import { derivedId } from './derived-id';
import { resultMetricsOf, resultSpans } from './recommendations/result-metrics';
import { settled } from './command-outcome';

export interface EventsConsumerOptions {
  readonly topicPrefix: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
}

type Data = Readonly<Record<string, unknown>>;
const text = (data: Data, name: string): string => String(data[name] ?? '');

/** The recommendation statuses as their events tell them (seed 003 ai_recommendations.status). */
const STATUS_OF: Readonly<Record<string, string>> = {
  RecommendationAccepted: 'accepted',
  RecommendationRejected: 'rejected',
  RecommendationExecuted: 'executed',
};

/**
 * Follows `<prefix>ads.events` with its own group for what the analyzer must know — which
 * recommendations are still pending (one per campaign and type), each org's autonomy guardrails
 * and budget allocations — records a recommendation executed when the action asked for it was (RecordRecommendationExecuted
 * on AdActionExecuted), and answers RecommendationResultRequested with RecordRecommendationResult,
 * the campaign's figures before and after the execution from the alerting buckets. Every effect is idempotent
 * (upserts; the result command's id derives from the recommendation), so redelivery is harmless.
 */
export class InsightEventsConsumer implements FactDelivery {
  private consumer: Consumer | null = null;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: EventsConsumerOptions,
    private readonly store: AlertingStore,
    private readonly insights: InsightsStore,
    private readonly commands: AdsCommandSender,
    private readonly health: HealthRegistry,
    private readonly log: JsonLogger,
  ) {}

  async start(): Promise<void> {
    await this.store.migrate();
    const { consumer, check } = groupConsumer(this.kafka, { groupId: this.options.groupId, sessionTimeoutMs: this.options.sessionTimeoutMs });
    this.health.register('ads-alerting-events', check);
    const topic = topicsFor('ads', this.options.topicPrefix).events;
    const batches = await runBatchConsumer(consumer, { topics: [topic], fromBeginning: true, handle: (batch) => this.handle(batch) }, this.log);
    this.health.register('ads-alerting-events-batches', batches.check);
    this.consumer = consumer;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  async handle(batch: PartitionBatch): Promise<void> {
    for (const message of batch.messages) {
      let event: EventEnvelope;
      try {
        event = decodeEvent(message.value ?? Buffer.alloc(0));
      } catch {
        // The campaign directory sets undecodable events aside on the dead-letter topic; here they are only not ours.
        continue;
      }
      await this.apply(event);
    }
  }

  private async apply(event: EventEnvelope): Promise<void> {
    const data = event.data as Data;
    const orgId = text(data, 'orgId') || event.tenant || '';
    switch (event.type) {
      case 'RecommendationProposed':
        if (!orgId) return;
        return this.insights.saveRecommendation({
          recommendationId: text(data, 'recommendationId'),
          orgId,
          campaignId: text(data, 'campaignId'),
          recommendationType: text(data, 'recommendationType'),
        });
      case 'RecommendationAccepted':
      case 'RecommendationRejected':
      case 'RecommendationExecuted':
        return this.insights.setRecommendationStatus(text(data, 'recommendationId'), STATUS_OF[event.type]);
      case 'BudgetAllocationSet':
        if (!orgId) return;
        return this.insights.saveAllocation(orgId, {
          allocationId: text(data, 'allocationId'),
          periodStart: text(data, 'periodStart'),
          periodEnd: text(data, 'periodEnd'),
          totalBudget: text(data, 'totalBudget'),
          allocations: (data.allocations ?? {}) as Record<string, string>,
          aiSuggested: data.aiSuggested === true,
          createdAt: text(data, 'createdAt') || event.occurredAt,
        });
      case 'AutomationGuardrailsSet': {
        const org = orgId || event.streamId.replace(/^ads-automation-/, '');
        return this.insights.saveGuardrails(org, data.autonomousEnabled === true, Number(data.confidenceFloor ?? 1));
      }
      case 'AdActionRequested':
        if (!data.recommendationId || !orgId) return;
        return this.insights.saveAction(text(data, 'actionId'), text(data, 'recommendationId'), orgId);
      case 'AdActionExecuted':
        return this.recordExecuted(text(data, 'actionId'), text(data, 'executedAt'));
      case 'RecommendationResultRequested':
        return this.recordResult(event, orgId);
      default:
        return;
    }
  }

  /** seed 003 status → executed: the recommendation's action ran on the platform. */
  private async recordExecuted(actionId: string, executedAt: string): Promise<void> {
    const asked = await this.insights.actionOf(actionId);
    if (!asked) return;
    const outcome = settled(
      await this.commands.send(
        'RecordRecommendationExecuted',
        { recommendationId: asked.recommendationId, actionId, executedAt },
        { orgId: asked.orgId, commandId: derivedId(asked.recommendationId, 'executed', actionId) },
      ),
      'RecordRecommendationExecuted',
    );
    if (outcome.status !== 'ACCEPTED')
      this.log.warn('recommendation execution refused', { recommendationId: asked.recommendationId, actionId, code: outcome.code });
  }

  /** seed 003 result_metrics: the campaign's figures in the window before execution and after it. */
  private async recordResult(event: EventEnvelope, orgId: string): Promise<void> {
    const data = event.data as Data;
    const recommendationId = text(data, 'recommendationId');
    const executedAt = Date.parse(text(data, 'executedAt'));
    const windowEnd = Date.parse(text(data, 'windowEnd'));
    if (!orgId || Number.isNaN(executedAt) || Number.isNaN(windowEnd)) {
      this.log.warn('result request without org or window ignored', { recommendationId, eventId: event.eventId });
      return;
    }
    const spans = resultSpans(executedAt, windowEnd);
    const buckets = await this.store.buckets(text(data, 'campaignId'), spans.before.from, spans.after.to);
    const outcome = settled(
      await this.commands.send(
        'RecordRecommendationResult',
        { recommendationId, resultMetrics: resultMetricsOf(buckets, executedAt, windowEnd) },
        { orgId, commandId: derivedId(recommendationId, 'result', windowEnd) },
      ),
      'RecordRecommendationResult',
    );
    if (outcome.status !== 'ACCEPTED') this.log.warn('recommendation result refused', { recommendationId, code: outcome.code, message: outcome.message });
  }
}
