/**
 * outreach-rebuild: a reproducible history of BENCH_OUTREACH_EVENTS outreach events is written
 * into a fresh event store schema; the projection's rebuild replays it into the outreach read
 * models (events/s), and in the same run the same final rows go into a fresh copy of the schema
 * with plain batched INSERTs (the reference: events/s equivalent = events / insert time).
 */
import { PostgresEventStore, quoteIdent } from '@campaign/eventstore';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { writeHistory } from './history';
import { type HistoryPlan, planHistory } from './history-plan';
import { insertRows, OUTREACH_TABLES, readFinalRows, rowCount } from './raw-insert';
import { rebuildOutreach } from './rebuild-runner';
import { checkCounters, tableCounts } from './verify';

export type Emit = (line: Record<string, unknown>) => void;

const EVENTS = Number(process.env.BENCH_OUTREACH_EVENTS ?? 1_000_000);
const SEED = Number(process.env.BENCH_OUTREACH_SEED ?? 4);
/** Events per insertEvents statement while writing the history. */
const STORE_BATCH = Number(process.env.BENCH_OUTREACH_STORE_BATCH ?? 5_000);
/** Rows per INSERT statement of the reference. */
const INSERT_BATCH = Number(process.env.BENCH_OUTREACH_INSERT_BATCH ?? 5_000);

const note = (message: string) => process.stderr.write(`[outreach-rebuild] ${message}\n`);
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

const seedStore = async (pool: Pool, schema: string, plan: HistoryPlan): Promise<{ events: number; seconds: number }> => {
  await new PostgresEventStore(pool, schema).migrate();
  const started = performance.now();
  let last = 0;
  const events = await writeHistory(pool, schema, plan, SEED, STORE_BATCH, (written) => {
    if (performance.now() - last < 5_000) return;
    last = performance.now();
    note(`history: ${written}/${plan.events} events written`);
  });
  const seconds = (performance.now() - started) / 1000;
  await pool.query(`ANALYZE ${quoteIdent(schema)}.events`);
  return { events, seconds };
};

/** What the plan says the rebuilt tables must hold. */
const expectedRows = (plan: HistoryPlan) => ({
  organizations: plan.orgs.length,
  user_profiles: plan.orgs.length * 3,
  message_templates: plan.orgs.length * 4,
  leads: plan.leads,
  campaigns: plan.campaigns.length,
  campaign_contacts: plan.contacts,
  engagement_tracking: plan.engagementRows,
});

export const runRebuildBench = async (emit: Emit): Promise<void> => {
  const suffix = uniqueSuffix();
  const schemas = { store: `bench_oes_${suffix}`, emptyStore: `bench_oes0_${suffix}`, rebuilt: `bench_or_${suffix}`, copy: `bench_orc_${suffix}` };
  const pool = testPool(6);
  try {
    const plan = planHistory(SEED, EVENTS);
    note(`plan: ${plan.events} events, ${plan.contacts} contacts in ${plan.campaigns.length} campaigns of ${plan.orgs.length} orgs (seed ${SEED})`);
    const history = await seedStore(pool, schemas.store, plan);
    if (history.events !== plan.events) throw new Error(`wrote ${history.events} events, planned ${plan.events}`);
    const settings = { events: plan.events, seed: SEED, orgs: plan.orgs.length, campaigns: plan.campaigns.length, contacts: plan.contacts };
    emit({
      bench: 'outreach-history',
      impl: "PostgresEventStore insertEvents (the store's bulk append)",
      ...settings,
      store_batch: STORE_BATCH,
      seconds: round(history.seconds, 2),
      per_second: round(history.events / history.seconds),
    });

    note('rebuilding the outreach read models from the event store');
    const wallStart = performance.now();
    const rebuild = await rebuildOutreach(schemas.store, schemas.rebuilt);
    const wall = (performance.now() - wallStart) / 1000;
    // Untimed: without statistics on the fresh tables the check's per-contact EXISTS may be
    // planned as a scan of engagement_tracking per contact (minutes at 1,000,000 events).
    await pool.query(`ANALYZE ${OUTREACH_TABLES.map((t) => `${quoteIdent(schemas.rebuilt)}.${quoteIdent(t)}`).join(', ')}`);
    const counters = await checkCounters(pool, schemas.rebuilt);
    const rows = await tableCounts(pool, schemas.rebuilt, OUTREACH_TABLES);
    const expected = expectedRows(plan);
    const rowsMatch = OUTREACH_TABLES.every((t) => rows[t] === expected[t]);
    const ok = counters.mismatched_campaigns === 0 && rowsMatch && rebuild.deadLetters === 0 && rebuild.events === plan.events;
    const rebuildSeconds = rebuild.millis / 1000;

    note('reference: the same rows with batched INSERTs into a fresh copy of the schema');
    await new PostgresEventStore(pool, schemas.emptyStore).migrate();
    // Rebuilding from an empty store creates the fresh copy, and measures the rebuild's fixed
    // cost (drop and create the schema, refresh the summary view) that the replay rate excludes.
    const empty = await rebuildOutreach(schemas.emptyStore, schemas.copy);
    const replaySeconds = Math.max(0.001, (rebuild.millis - empty.millis) / 1000);
    const finalRows = await readFinalRows(pool, schemas.rebuilt);
    const insertSeconds = await insertRows(pool, schemas.copy, finalRows, INSERT_BATCH);
    const copied = await tableCounts(pool, schemas.copy, OUTREACH_TABLES);
    const copyMatches = OUTREACH_TABLES.every((t) => copied[t] === rows[t]);

    emit({
      bench: 'outreach-rebuild',
      impl: 'projection rebuild (Rebuilder + OutreachProjection: 10,000-event batches, the next read while one is applied, checkpoints written and secondary indexes built at the end)',
      path: rebuild.path,
      ...settings,
      seconds: round(rebuildSeconds, 2),
      wall_seconds: round(wall, 2),
      per_second: round(rebuild.events / rebuildSeconds),
      read_wait_seconds: round(rebuild.readWaitMillis / 1000, 2),
      checkpoint_seconds: round(rebuild.checkpointMillis / 1000, 2),
      index_seconds: round(rebuild.indexMillis / 1000, 2),
      fixed_seconds: round(empty.millis / 1000, 2),
      replay_per_second: round(rebuild.events / replaySeconds),
      dead_letters: rebuild.deadLetters,
      rows,
      correctness: { ok, counters_equal_seed_counts: counters.mismatched_campaigns === 0, ...counters, rows_match_plan: rowsMatch, expected_rows: expected },
    });
    emit({
      bench: 'outreach-rebuild',
      impl: `raw batched INSERT … SELECT FROM unnest (${INSERT_BATCH} rows per statement) of the same final rows (reference)`,
      ...settings,
      rows: rowCount(finalRows),
      seconds: round(insertSeconds, 2),
      rows_per_second: round(rowCount(finalRows) / insertSeconds),
      per_second_equivalent: round(plan.events / insertSeconds),
      copy_matches: copyMatches,
    });
    emit({
      bench: 'outreach-rebuild-ratio',
      rebuild_vs_raw_insert: round(insertSeconds / rebuildSeconds, 2),
      replay_vs_raw_insert: round(insertSeconds / replaySeconds, 2),
      target: '>= 0.5',
      correctness_ok: ok && copyMatches,
    });
  } finally {
    if (process.env.BENCH_KEEP !== '1') for (const schema of Object.values(schemas)) await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await pool.end();
  }
};
