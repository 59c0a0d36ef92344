import type { IngestContext } from '../shared/ingest-context';
import { AnalyticsIngestService } from './analytics-ingest.service';
import { OrchestrationAnalyticsController } from './analytics.controller';

/**
 * seed 000's facts from outside: content and campaign analytics (`campaign_analytics`), checked
 * row by row and sent to the orchestration command side over Kafka as RecordContentAnalytics.
 */
export const orchestrationContext: IngestContext = {
  name: 'orchestration',
  controllers: [OrchestrationAnalyticsController],
  providers: () => [AnalyticsIngestService],
  topics: ['orchestration'],
  redisStores: [],
  deliveries: [AnalyticsIngestService],
};
