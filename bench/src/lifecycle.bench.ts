/**
 * Lifecycle benchmarks, one JSON object per line on stdout (and in bench/results/):
 *  1. command throughput through campaign-command (HTTP → decide → append → relay → Kafka),
 *     side by side with Emmett's PostgreSQL event store appending the same events to the same
 *     database, and with this project's event store appending without HTTP;
 *  2. end-to-end latency, command sent → read-model row visible, at a fixed offered rate.
 *     The same number of commands also goes through campaign-command's Kafka door (Avro
 *     commands produced in batches, counted until every result and every event is on Kafka).
 * Settings come from the environment (BENCH_COMMANDS, BENCH_CONCURRENCY, BENCH_KAFKA_BATCH,
 * BENCH_RATE, BENCH_SECONDS) so a run can be repeated exactly.
 */
import { randomUUID } from 'node:crypto';
import { lifecycle } from '@campaign/domain';
import { CommandExecutor, PostgresEventStore } from '@campaign/eventstore';
import { freePort, type RunningApp, startApp, testKafka, testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { kafkaDoorThroughput } from './kafka-door';
import { pool as inParallel, rssMegabytes, summarize } from './stats';
import { BENCH_AUTH, outreachSideEnv } from './app-env';
import { resultsLog } from './results';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** Commands per produce request on the Kafka door. */
const KAFKA_BATCH = Number(process.env.BENCH_KAFKA_BATCH ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

const emit = resultsLog('lifecycle');

const createdEvent = (campaignId: string, now: string) => ({
  campaignId,
  durationHours: 24,
  autoClose: true,
  rewardsEnabled: true,
  startTime: null,
  endTime: null,
  metadata: { bench: true },
  createdAt: now,
});

const postCreate = async (url: string, campaignId: string): Promise<void> => {
  const response = await fetch(`${url}/v1/lifecycle/campaigns`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${campaignId}`, ...BENCH_AUTH },
    body: JSON.stringify({ campaignId, durationHours: 24, metadata: { bench: true } }),
  });
  if (response.status !== 201) throw new Error(`create answered ${response.status}: ${await response.text()}`);
};

/** Commands/s through campaign-command, counted until the last event is on Kafka. */
const campaignCommandThroughput = async (app: RunningApp, eventsTopic: string) => {
  const kafka = testKafka();
  const consumer = kafka.consumer({ groupId: `bench-${uniqueSuffix()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [eventsTopic], fromBeginning: true });
  let received = 0;
  let allPublished: () => void = () => undefined;
  const published = new Promise<void>((resolve) => (allPublished = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      received += batch.messages.length;
      if (received >= COMMANDS) allPublished();
    },
  });
  const started = process.hrtime.bigint();
  await inParallel(COMMANDS, CONCURRENCY, () => postCreate(app.url, randomUUID()));
  const answered = Number(process.hrtime.bigint() - started) / 1e6;
  await published;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await consumer.disconnect();
  return { seconds, answeredSeconds: answered / 1000 };
};

const emmettThroughput = async () => {
  const { getPostgreSQLEventStore } = await import('@event-driven-io/emmett-postgresql');
  const store = getPostgreSQLEventStore(process.env.DATABASE_URL ?? '');
  const warm = randomUUID();
  await store.appendToStream(`campaign-${warm}`, [{ type: 'CampaignCreated', data: createdEvent(warm, new Date().toISOString()) }]);
  const started = process.hrtime.bigint();
  await inParallel(COMMANDS, CONCURRENCY, async () => {
    const campaignId = randomUUID();
    await store.appendToStream(`campaign-${campaignId}`, [{ type: 'CampaignCreated', data: createdEvent(campaignId, new Date().toISOString()) }], {
      expectedStreamVersion: 'STREAM_DOES_NOT_EXIST',
    });
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return seconds;
};

/** This project's event store and decider without HTTP or Kafka: the same work Emmett does. */
const eventStoreThroughput = async (pg: Pool, schema: string) => {
  const store = new PostgresEventStore(pg, schema);
  await store.migrate();
  const executor = new CommandExecutor(store, lifecycle.campaignDecider, { context: 'lifecycle', schemaVersionOf: () => 1 });
  const started = process.hrtime.bigint();
  await inParallel(COMMANDS, CONCURRENCY, async () => {
    await executor.execute({
      type: 'CreateCampaign',
      data: { campaignId: randomUUID(), durationHours: 24, metadata: { bench: true } },
      metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 'bench' },
    });
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
};

/** Open-loop load at RATE commands/s; latency = row visible in lifecycle.campaigns − command sent. */
const endToEndLatency = async (command: RunningApp, pg: Pool, readSchema: string) => {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const answered: number[] = [];
  const total = RATE * SECONDS;
  let polling = true;
  const poller = (async () => {
    while (polling || sentAt.size > 0) {
      const pending = [...sentAt.keys()];
      if (pending.length > 0) {
        const { rows } = await pg.query<{ id: string }>(`SELECT id FROM ${readSchema}.campaigns WHERE id = ANY($1::uuid[])`, [pending]);
        const now = performance.now();
        for (const { id } of rows) {
          latencies.push(now - (sentAt.get(id) ?? now));
          sentAt.delete(id);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const campaignId = randomUUID();
    const sent = performance.now();
    sentAt.set(campaignId, sent);
    inFlight.push(postCreate(command.url, campaignId).then(() => void answered.push(performance.now() - sent)));
  }
  await Promise.all(inFlight);
  const achievedRate = total / ((performance.now() - start) / 1000);
  polling = false;
  await poller;
  return { achievedRate, latencies, answered };
};

const waitForRows = async (pg: Pool, schema: string, count: number) => {
  for (;;) {
    const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.campaigns`).catch(() => ({ rows: [{ n: 0 }] }));
    if (rows[0].n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const main = async () => {
  const suffix = uniqueSuffix();
  const env = {
    EVENTSTORE_SCHEMA: `bench_es_${suffix}`,
    LIFECYCLE_SCHEMA: `bench_lc_${suffix}`,
    TOPIC_PREFIX: `bench-${suffix}.`,
    COMMAND_CONSUMER_GROUP: `bench-cc-${suffix}`,
    PROJECTION_GROUP: `bench-pj-${suffix}`,
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
    ...outreachSideEnv(suffix),
  };
  const pg = testPool(CONCURRENCY + 4);
  const command = await startApp('campaign-command', await freePort(), env);
  let projection: RunningApp | null = null;
  try {
    const settings = { commands: COMMANDS, concurrency: CONCURRENCY };
    const ours = await campaignCommandThroughput(command, `${env.TOPIC_PREFIX}lifecycle.events`);
    const door = await kafkaDoorThroughput(env.TOPIC_PREFIX, COMMANDS, KAFKA_BATCH);
    if (door.rejected > 0) throw new Error(`the Kafka door rejected ${door.rejected} of ${COMMANDS} commands`);
    const emmett = await emmettThroughput();
    const store = await eventStoreThroughput(pg, `bench_store_${suffix}`);
    const rate = (seconds: number) => Math.round(COMMANDS / seconds);
    emit({
      bench: 'command-throughput',
      impl: 'campaign-command (HTTP, decide, append, publish to Kafka)',
      ...settings,
      seconds: ours.seconds,
      per_second: rate(ours.seconds),
      answered_per_second: rate(ours.answeredSeconds),
    });
    emit({
      bench: 'command-throughput',
      impl: 'campaign-command (Kafka commands topic, decide, append, results + events on Kafka)',
      commands: COMMANDS,
      kafka_batch: KAFKA_BATCH,
      seconds: door.seconds,
      per_second: rate(door.seconds),
      results_per_second: rate(door.resultsSeconds),
      produced_per_second: rate(door.producedSeconds),
    });
    emit({
      bench: 'command-throughput',
      impl: 'campaign-platform event store (decide + append, in process)',
      ...settings,
      seconds: store,
      per_second: rate(store),
    });
    emit({ bench: 'command-throughput', impl: 'emmett-postgresql appendToStream (reference)', ...settings, seconds: emmett, per_second: rate(emmett) });
    emit({
      bench: 'command-throughput-ratio',
      ours_vs_emmett: Math.round((emmett / ours.seconds) * 100) / 100,
      ours_kafka_vs_emmett: Math.round((emmett / door.seconds) * 100) / 100,
      store_vs_emmett: Math.round((emmett / store) * 100) / 100,
      target: '>= 2',
    });

    // The projection joins only now: the throughput figures above are the command side's alone.
    // It first catches up on the campaigns created so far, which measures its apply rate.
    const catchUpStart = performance.now();
    projection = await startApp('projection', await freePort(), env);
    // Both throughput runs (HTTP and the Kafka door) created COMMANDS campaigns each.
    await waitForRows(pg, env.LIFECYCLE_SCHEMA, 2 * COMMANDS);
    const catchUp = (performance.now() - catchUpStart) / 1000;
    emit({
      bench: 'projection-catch-up',
      events: 2 * COMMANDS,
      seconds: catchUp,
      per_second: Math.round((2 * COMMANDS) / catchUp),
      note: 'includes process start and group join',
    });
    const { achievedRate, latencies, answered } = await endToEndLatency(command, pg, env.LIFECYCLE_SCHEMA);
    emit({ bench: 'command-latency', path: 'HTTP command answered (part of the e2e path)', offered_per_second: RATE, ...summarize(answered) });
    emit({
      bench: 'e2e-latency',
      path: 'HTTP command → lifecycle.campaigns row',
      offered_per_second: RATE,
      achieved_per_second: Math.round(achievedRate),
      seconds: SECONDS,
      ...summarize(latencies),
      target_p99_ms: 50,
    });
    emit({ bench: 'memory', rss_mb: { 'campaign-command': rssMegabytes(command.process.pid ?? 0), projection: rssMegabytes(projection.process.pid ?? 0) } });
  } finally {
    await command.stop();
    await projection?.stop();
    for (const schema of [env.EVENTSTORE_SCHEMA, env.LIFECYCLE_SCHEMA, env.OUTREACH_SCHEMA, env.DISPATCH_SCHEMA, `bench_store_${suffix}`])
      await pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pg.end();
  }
};

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
