/**
 * The commerce bench's system as a process: campaign-command (libs/testing `startApp`) on
 * schemas, topics and groups of its own, driven through its commerce Kafka door — Avro commands
 * on `<prefix>commerce.commands` keyed by the stream each addresses (libs/messaging
 * KafkaCommandClient, as a service granted `commerce:write`, which names its own ids and its
 * tenant), results read back from `<prefix>commerce.command-results`. Set-up (agent, catalog,
 * stock, customers) goes through the same door before the clock; then every order is sent,
 * BENCH_COMMERCE_KAFKA_WINDOW in flight, until the last result is back. Sold and received units
 * and the stock counters are read from the app's event store afterwards.
 */
import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, partitionKeyOf } from '@campaign/contracts';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { freePort, type RunningApp, startApp, testKafka } from '@campaign/testing';
import type { Pool } from 'pg';
import { adsAppsEnv } from './ads-apps';
import { benchSigner } from './app-env';
import { type BenchCommand, placeOrder, setupPhases } from './commerce-commands';
import type { Demand } from './commerce-demand';
import { counterMismatches, ordersWithin, recordOutcome, storedUnits, type SystemRun } from './commerce-system';
import { rssMegabytes } from './stats';

export interface DoorRun extends SystemRun {
  readonly rssMb: number | null;
}

const envelope = (orgId: string, command: BenchCommand): CommandEnvelope => ({
  commandId: randomUUID(),
  type: command.type,
  schemaVersion: 1,
  context: 'commerce',
  issuedAt: new Date().toISOString(),
  actor: 'service:bench',
  correlationId: null,
  causationId: null,
  tenant: orgId,
  data: command.data,
});

const setUp = async (client: KafkaCommandClient, demand: Demand, stock: number): Promise<void> => {
  for (const phase of setupPhases(demand.shop, stock)) {
    const results = await Promise.all(phase.map((command) => client.send(envelope(demand.shop.orgId, command), partitionKeyOf(command.streamId))));
    const refused = results.find((r) => r.status !== 'ACCEPTED');
    if (refused)
      throw new Error(`set-up ${phase[0].type}…: ${results.filter((r) => r.status !== 'ACCEPTED').length} refused, e.g. ${refused.code}: ${refused.message}`);
  }
};

export const runDoor = async (pg: Pool, suffix: string, demand: Demand, stock: number, window: number, budgetMs: number): Promise<DoorRun> => {
  const env: Record<string, string> = { ...adsAppsEnv(suffix), PERSONAL_DATA_SCHEMA: `bench_cdpd_${suffix}` };
  const app: RunningApp = await startApp('campaign-command', await freePort(), env);
  const options = {
    context: 'commerce',
    topicPrefix: env.TOPIC_PREFIX,
    instanceId: suffix,
    clientName: 'bench-commerce',
    timeoutMs: 600_000,
    signer: benchSigner,
  };
  const client = new KafkaCommandClient(testKafka(), options, new JsonLogger('bench', 'error'));
  try {
    await client.start();
    const setupStart = performance.now();
    await setUp(client, demand, stock);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const outcomes = new Uint8Array(demand.orders.length);
    const otherRejections: Record<string, number> = {};
    const seconds = await ordersWithin(demand.orders.length, window, budgetMs, async (i) => {
      const order = placeOrder(demand, demand.orders[i]);
      const result = await client.send(envelope(demand.shop.orgId, order), partitionKeyOf(order.streamId));
      recordOutcome(outcomes, otherRejections, i, result.status, result.code ?? undefined);
    });
    const rssMb = rssMegabytes(app.process.pid ?? 0);
    const units = await storedUnits(pg, env.EVENTSTORE_SCHEMA, demand.shop.orgId);
    const ledgerMismatch = await counterMismatches(pg, env.EVENTSTORE_SCHEMA, demand, units);
    return { seconds, setupSeconds, outcomes, ...units, ledgerMismatch, otherRejections, rssMb };
  } catch (error) {
    process.stderr.write(`--- campaign-command logs ---\n${app.logs.join('').slice(-4_000)}\n`);
    throw error;
  } finally {
    await client.stop().catch(() => undefined);
    await app.stop().catch((error: Error) => process.stderr.write(`${error.message}\n`));
  }
};
