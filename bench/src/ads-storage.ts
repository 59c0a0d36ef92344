/**
 * ads-facts-storage: the numbers behind keeping metric facts on a compacted Kafka topic rather
 * than in event-store streams (issue 12, point 3). The same N facts (ads-rows.ts) are
 *  - appended to a fresh PostgresEventStore schema, one event per fact in a stream of its own
 *    keyed like the topic (`ads-metric-<campaignId>|<bucket>`: a restatement would be its
 *    version 2), through `append` (one command per fact, group-committed by the store: what a
 *    door that records each fact as a command pays) and through the store's bulk `insertEvents`
 *    (no command outcome: its cheapest path);
 *  - produced to a fresh `<prefix>ads.metric-facts` made from the contract's own topic spec
 *    (compacted, 6 partitions), keyed `<campaignId>|<bucket>`, Avro values, acks -1, idempotent;
 * then each is read back from the start (a replay's read side). Bytes per fact: the schema's
 * tables with their indexes and TOAST (pg_total_relation_size) / N; the partitions' segment
 * files (`*.log` under the broker's log dir) / N.
 */
import { randomUUID } from 'node:crypto';
import { ads as adsWire } from '@campaign/contracts';
import { type AppendRequestWithoutOutcome, LOG_START, type LogPosition, PostgresEventStore, insertEvents, quoteIdent } from '@campaign/eventstore';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { type BenchCampaign, benchCampaigns, bucketTime, factOf, lastBoundary } from './ads-rows';
import { STORAGE } from './ads-settings';
import { kafkaLogDir, kafkaRun } from './ads-storage-topic';
import type { Emit } from './ads-skip';
import { pool as inParallel } from './stats';

type MetricFact = adsWire.MetricFact;
const { metricFactKey } = adsWire;

const BUCKETS_PER_CAMPAIGN = 100;
const FACT_EVENT = 'AdMetricFactRecorded';

const factsOf = (count: number, orgId: string, tag: string): MetricFact[] => {
  const campaigns: BenchCampaign[] = benchCampaigns(Math.ceil(count / BUCKETS_PER_CAMPAIGN), tag);
  const end = lastBoundary();
  return Array.from({ length: count }, (_, i) => {
    const bucket = i % BUCKETS_PER_CAMPAIGN;
    return factOf(orgId, campaigns[Math.floor(i / BUCKETS_PER_CAMPAIGN)], bucketTime(end, BUCKETS_PER_CAMPAIGN, bucket), bucket, 'bench');
  });
};

const streamOf = (fact: MetricFact) => `ads-metric-${metricFactKey(fact)}`;

/** As analytics-ingest would record it: a service's command in the fact's org. */
const appendRequestOf = (fact: MetricFact): AppendRequestWithoutOutcome => {
  const commandId = randomUUID();
  return {
    streamId: streamOf(fact),
    expectedVersion: 0,
    events: [{ eventId: randomUUID(), type: FACT_EVENT, schemaVersion: 1, data: fact }],
    metadata: {
      context: 'ads',
      occurredAt: fact.observedAt,
      correlationId: commandId,
      causationId: null,
      actor: 'service:analytics-ingest',
      tenant: fact.orgId,
      commandId,
    },
    outcome: null,
  };
};

/** What a fact costs the store: its event row, and the command outcome recorded with it (if any). */
const STORE_TABLES = ['events', 'processed_commands'];

/** Each of those tables with its indexes and TOAST, in bytes. */
const schemaBytes = async (pg: Pool, schema: string): Promise<Record<string, number>> => {
  const { rows } = await pg.query<{ table: string; bytes: string }>(
    `SELECT c.relname AS table, pg_total_relation_size(c.oid)::text AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1`,
    [schema],
  );
  return Object.fromEntries(rows.filter((r) => STORE_TABLES.includes(r.table)).map((r) => [r.table, Number(r.bytes)]));
};

const readAllFromStore = async (store: PostgresEventStore, count: number): Promise<number> => {
  const started = performance.now();
  let after: LogPosition = LOG_START;
  for (let seen = 0; seen < count; ) {
    const events = await store.readCommitted(after, 10_000, 'ads');
    if (events.length === 0) throw new Error(`the store gave back ${seen} of ${count} facts`);
    seen += events.length;
    const last = events[events.length - 1];
    after = { transactionId: last.transactionId, globalPosition: last.globalPosition };
  }
  return (performance.now() - started) / 1000;
};

interface StoreRun {
  readonly seconds: number;
  readonly readSeconds: number;
  readonly bytes: Record<string, number>;
}

const storeRun = async (pg: Pool, schema: string, write: (store: PostgresEventStore) => Promise<void>, count: number): Promise<StoreRun> => {
  const store = new PostgresEventStore(pg, schema);
  await store.migrate();
  const started = performance.now();
  await write(store);
  const seconds = (performance.now() - started) / 1000;
  const readSeconds = await readAllFromStore(store, count);
  await pg.query(`VACUUM ANALYZE ${quoteIdent(schema)}.events`);
  return { seconds, readSeconds, bytes: await schemaBytes(pg, schema) };
};

const viaAppend = (facts: readonly MetricFact[]) => async (store: PostgresEventStore) => {
  await inParallel(facts.length, STORAGE.appendConcurrency, async (i) => {
    const request = appendRequestOf(facts[i]);
    const eventIds = request.events.map((e) => e.eventId);
    const { commandId } = request.metadata;
    const outcome = await store.append(request.streamId, 0, request.events, request.metadata, (streamVersion) => ({
      status: 'ACCEPTED',
      commandId,
      streamId: request.streamId,
      streamVersion,
      eventIds,
    }));
    if (outcome.status !== 'ACCEPTED') throw new Error(`append of fact ${i} answered ${outcome.status}`);
  });
};

const viaInsertEvents = (pg: Pool, schema: string, facts: readonly MetricFact[]) => async () => {
  for (let from = 0; from < facts.length; from += STORAGE.batch) {
    await insertEvents(pg, quoteIdent(schema), facts.slice(from, from + STORAGE.batch).map(appendRequestOf));
  }
};

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const sum = (bytes: Record<string, number>) => Object.values(bytes).reduce((a, b) => a + b, 0);

export const runStorageBench = async (emit: Emit): Promise<void> => {
  const n = STORAGE.facts;
  const suffix = uniqueSuffix();
  const pg = testPool(8);
  const facts = factsOf(n, randomUUID(), suffix);
  const schemas = { append: `bench_ads_esa_${suffix}`, bulk: `bench_ads_esb_${suffix}` };
  const settings = { facts: n, batch: STORAGE.batch };
  try {
    const append = await storeRun(pg, schemas.append, viaAppend(facts), n);
    const bulk = await storeRun(pg, schemas.bulk, viaInsertEvents(pg, schemas.bulk, facts), n);
    const kafka = await kafkaRun(facts, `bench-ads-${suffix}.`);
    const storeLine = (impl: string, run: StoreRun, extra: Record<string, unknown>) => ({
      bench: 'ads-facts-storage',
      impl,
      ...settings,
      ...extra,
      seconds: round(run.seconds),
      per_second: Math.round(n / run.seconds),
      read_back_seconds: round(run.readSeconds),
      read_back_per_second: Math.round(n / run.readSeconds),
      bytes: run.bytes,
      bytes_per_fact: Math.round(sum(run.bytes) / n),
    });
    emit(
      storeLine('event store: PostgresEventStore.append, one command and one event per fact, group-committed', append, {
        concurrency: STORAGE.appendConcurrency,
      }),
    );
    emit(storeLine('event store: insertEvents, one event per fact, no command outcome, batch per statement', bulk, {}));
    emit({
      bench: 'ads-facts-storage',
      impl: 'compacted topic ads.metric-facts (contract spec, 6 partitions), Avro, acks -1, idempotent producer',
      ...settings,
      seconds: round(kafka.seconds),
      per_second: Math.round(n / kafka.seconds),
      read_back_seconds: round(kafka.readSeconds),
      read_back_per_second: Math.round(n / kafka.readSeconds),
      avro_value_bytes_per_fact: round(kafka.valueBytes / n, 1),
      log_bytes: kafka.logBytes,
      bytes_per_fact: kafka.logBytes === null ? null : Math.round(kafka.logBytes / n),
      log_dir: kafka.logBytes === null ? `not readable: ${kafkaLogDir()} (set KAFKA_LOG_DIR)` : kafkaLogDir(),
    });
    emit({
      bench: 'ads-facts-storage-ratio',
      topic_vs_append_rate: round(append.seconds / kafka.seconds),
      topic_vs_insert_events_rate: round(bulk.seconds / kafka.seconds),
      append_vs_topic_bytes: kafka.logBytes ? round(sum(append.bytes) / kafka.logBytes) : null,
      insert_events_vs_topic_bytes: kafka.logBytes ? round(sum(bulk.bytes) / kafka.logBytes) : null,
    });
  } finally {
    for (const schema of Object.values(schemas)) await pg.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await pg.end();
  }
};
