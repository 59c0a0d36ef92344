import { Inject, Injectable } from '@nestjs/common';
import { ADS_INGEST_CONFIG, type AdsIngestConfig } from '../shared/ads-ingest.config';
import { CAMPAIGN_DIRECTORY, type CampaignDirectory, METRIC_FACTS_PUBLISHER, type MetricFactsPublisher } from '../shared/ads-ingest.ports';
import { checkPush, type PushOutcome, type PushRequest } from './metric-push.check';

/**
 * A push of metric rows, whichever door it came through: every row judged, then — only when all
 * are good — their facts published and acknowledged. Nothing of a rejected push is produced.
 * A publish that fails throws (the door answers "retry"); the same push again produces the same
 * keys, so a retry never counts a bucket twice.
 */
@Injectable()
export class MetricPushService {
  constructor(
    @Inject(CAMPAIGN_DIRECTORY) private readonly directory: CampaignDirectory,
    @Inject(METRIC_FACTS_PUBLISHER) private readonly facts: MetricFactsPublisher,
    @Inject(ADS_INGEST_CONFIG) readonly config: AdsIngestConfig,
  ) {}

  async push(request: Omit<PushRequest, 'maxErrors'>): Promise<PushOutcome> {
    const outcome = await checkPush({ ...request, maxErrors: this.config.ADS_PUSH_MAX_ERRORS }, this.directory);
    if (outcome.status === 'ACCEPTED') await this.facts.publish(outcome.facts);
    return outcome;
  }
}
