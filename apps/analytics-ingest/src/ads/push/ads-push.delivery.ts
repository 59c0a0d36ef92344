import { Injectable } from '@nestjs/common';
import type { FactDelivery } from '../../shared/ingest-context';
import { AdsIngestShared } from '../shared/ads-ingest.providers';
import { MetricImportsDoor } from './metric-imports.door';

/**
 * Starts the Kafka import door once the app is up; on shutdown stops it first (its batch
 * finishes, its results are acknowledged), then the shared pieces it publishes through.
 */
@Injectable()
export class AdsPushDelivery implements FactDelivery {
  constructor(
    private readonly imports: MetricImportsDoor,
    private readonly shared: AdsIngestShared,
  ) {}

  start(): Promise<void> {
    return this.imports.start();
  }

  async stop(): Promise<void> {
    await this.imports.stop().catch(() => undefined);
    await this.shared.stop();
  }
}
