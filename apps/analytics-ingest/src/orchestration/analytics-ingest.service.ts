import { createHash } from 'node:crypto';
import { type CommandEnvelope, CONTRACT_VERSIONS, ContractError } from '@campaign/contracts';
import { orchestration } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { CONFIG, createCommandSigner, JsonLogger, KAFKA, LOGGER, contextScope } from '@campaign/runtime';
import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { AnalyticsIngestConfig } from '../config';
import type { FactDelivery } from '../shared/ingest-context';
import type { Measurement, RowError } from './analytics-rows';

export const ANALYTICS_ACTOR = 'service:analytics-ingest';

/** Rejections that say nothing about the measurement: the command side could not decide now. */
const TRANSIENT = new Set(['INTERNAL_ERROR']);

export class CommandSideUnavailable extends Error {}

/** What became of a push: how many measurements were recorded, and why each other one was not. */
export interface RecordOutcome {
  readonly accepted: number;
  readonly errors: RowError[];
}

/**
 * The command id of a push's row: a function of the org, the push's id (its Idempotency-Key, so
 * a push sent again names the same commands and is answered from their first outcomes) and the
 * row. `ingest-` is reserved for this service: nobody else can take these ids first.
 */
export const measurementCommandId = (orgId: string, pushId: string, row: number): string =>
  `ingest-analytics-${createHash('sha256').update(`${orgId}\u0000${pushId}\u0000${row}`).digest('hex').slice(0, 40)}`;

/**
 * Sends seed 000's measurements to the orchestration command side as RecordContentAnalytics
 * (`<prefix>orchestration.commands`, as a service of the context: scope orchestration:service,
 * the org in the envelope's tenant) and waits for every result.
 */
@Injectable()
export class AnalyticsIngestService implements FactDelivery {
  private readonly commands: KafkaCommandClient;

  constructor(
    @Inject(CONFIG) config: AnalyticsIngestConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) kafka: Kafka,
  ) {
    this.commands = new KafkaCommandClient(
      kafka,
      {
        context: 'orchestration',
        topicPrefix: config.TOPIC_PREFIX,
        instanceId: config.INSTANCE_ID,
        // Its results group is `<clientName>-results-<instance>`: apart from the other contexts' clients.
        clientName: `${config.SERVICE_NAME}-orchestration`,
        timeoutMs: config.COMMAND_TIMEOUT_MS,
        signer: createCommandSigner(config, config.SERVICE_NAME, [contextScope('orchestration', 'service')]),
      },
      log,
    );
  }

  start(): Promise<void> {
    return this.commands.start();
  }

  stop(): Promise<void> {
    return this.commands.stop();
  }

  /** Records every measurement of the org's push; throws CommandSideUnavailable when it must be sent again. */
  async record(orgId: string, pushId: string, measurements: readonly Measurement[]): Promise<RecordOutcome> {
    const issuedAt = new Date().toISOString();
    const outcomes = await Promise.all(
      measurements.map((measurement, i) => this.send(orgId, measurementCommandId(orgId, pushId, i + 1), measurement, issuedAt)),
    );
    const errors = outcomes.flatMap((outcome, i) =>
      outcome === null ? [] : [{ row: i + 1, field: outcome.field, code: outcome.code, message: outcome.message }],
    );
    return { accepted: outcomes.length - errors.length, errors };
  }

  /** Null when recorded; else the command side's (or the contract's) reason. */
  private async send(orgId: string, commandId: string, measurement: Measurement, issuedAt: string) {
    const envelope: CommandEnvelope = {
      commandId,
      type: 'RecordContentAnalytics',
      schemaVersion: CONTRACT_VERSIONS.orchestration?.commands.RecordContentAnalytics ?? 1,
      context: 'orchestration',
      issuedAt,
      actor: ANALYTICS_ACTOR,
      correlationId: commandId,
      causationId: null,
      tenant: orgId,
      data: { ...measurement },
    };
    let result;
    try {
      result = await this.commands.send(envelope, orchestration.contentStreamId(orgId, measurement.campaignId));
    } catch (error) {
      if (error instanceof ContractError) return { code: error.code, field: '(row)', message: error.message };
      this.log.warn('measurement not delivered', { commandId, error: (error as Error).message });
      throw new CommandSideUnavailable((error as Error).message);
    }
    if (result.status === 'ACCEPTED') return null;
    const code = result.code ?? 'REJECTED';
    if (TRANSIENT.has(code)) throw new CommandSideUnavailable(`${code}: ${result.message ?? ''}`);
    const field = typeof result.details?.field === 'string' ? result.details.field : '(row)';
    return { code, field, message: result.message ?? code };
  }
}
