import { type CommandEnvelope, CONTRACT_VERSIONS, ContractError } from '@campaign/contracts';
import { ads } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { contextScope, createCommandSigner, type JsonLogger } from '@campaign/runtime';
import type { Kafka } from 'kafkajs';
import type { AnalyticsIngestConfig } from '../../config';
import type { AdsCommandOutcome, AdsCommandSender } from './ads-ingest.ports';

export const ADS_INGEST_ACTOR = 'service:analytics-ingest';

type Data = Readonly<Record<string, unknown>>;
const field = (data: Data, name: string): string => String(data[name] ?? '');

/**
 * The stream an ads command addresses (the ads design's stream ids), its Kafka key: commands
 * of one stream travel on one partition, in order. An unknown type goes by its org.
 */
export const adsStreamKeyOf = (type: string, data: Data, orgId: string): string => {
  if (/AdAccount/.test(type)) return ads.adAccountStreamId(field(data, 'accountId'));
  if (/AdCampaign/.test(type)) return ads.adCampaignStreamId(field(data, 'campaignId'));
  if (/Budget/.test(type)) return ads.adBudgetsStreamId(orgId);
  if (/Alert/.test(type)) return ads.alertStreamId(field(data, 'campaignId'), field(data, 'alertType'));
  if (/Recommendation/.test(type)) return ads.recommendationStreamId(field(data, 'recommendationId'));
  if (/AdAction|Guardrails/.test(type)) return ads.automationStreamId(orgId);
  return orgId;
};

/**
 * Sends ads commands on `<prefix>ads.commands` as this service (scope `ads:service`, which the
 * ads Kafka door requires together with the org in the envelope's tenant) and waits for their
 * results. A command that does not fit its contract is answered as a rejection with the
 * contract's code; a timeout or Kafka failure is thrown (the caller retries with the same
 * command id, which the command side de-duplicates).
 */
export class KafkaAdsCommandSender implements AdsCommandSender {
  private readonly client: KafkaCommandClient;

  constructor(kafka: Kafka, config: AnalyticsIngestConfig, log: JsonLogger) {
    this.client = new KafkaCommandClient(
      kafka,
      {
        context: 'ads',
        topicPrefix: config.TOPIC_PREFIX,
        instanceId: config.INSTANCE_ID,
        // Its results group is `<clientName>-results-<instance>`: apart from the outreach client's.
        clientName: `${config.SERVICE_NAME}-ads`,
        timeoutMs: config.COMMAND_TIMEOUT_MS,
        signer: createCommandSigner(config, config.SERVICE_NAME, [contextScope('ads', 'service')]),
      },
      log,
    );
  }

  start(): Promise<void> {
    return this.client.start();
  }

  stop(): Promise<void> {
    return this.client.stop();
  }

  async send(
    type: string,
    data: Record<string, unknown>,
    options: { readonly orgId: string; readonly commandId: string; readonly streamId?: string },
  ): Promise<AdsCommandOutcome> {
    const envelope: CommandEnvelope = {
      commandId: options.commandId,
      type,
      schemaVersion: CONTRACT_VERSIONS.ads?.commands[type] ?? 1,
      context: 'ads',
      issuedAt: new Date().toISOString(),
      actor: ADS_INGEST_ACTOR,
      correlationId: options.commandId,
      causationId: null,
      tenant: options.orgId,
      data,
    };
    try {
      const result = await this.client.send(envelope, options.streamId ?? adsStreamKeyOf(type, data, options.orgId));
      return { status: result.status, ...(result.code ? { code: result.code } : {}), ...(result.message ? { message: result.message } : {}) };
    } catch (error) {
      if (error instanceof ContractError) return { status: 'REJECTED', code: error.code, message: error.message };
      throw error;
    }
  }
}
