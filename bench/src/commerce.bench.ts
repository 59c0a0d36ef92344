/**
 * Commerce benchmark (seed 001, issue 14 point 11): order placement drawing stock under
 * contention, one JSON object per line on stdout, also appended to bench/results/commerce.jsonl.
 * BENCH_COMMERCE_ORDERS orders of 1…MAX_LINES lines over BENCH_COMMERCE_VARIANTS variants chosen
 * by a Zipf law (hot variants sell out), from a seeded PRNG, go through
 *  1. the reference: plain PostgreSQL, one transaction per order, conditional UPDATEs of a stock
 *     row per line (commerce-reference.ts);
 *  2. the system in process: the commerce deciders and guards over PostgresEventStore (commerce-system.ts);
 *  3. campaign-command as a process, through its commerce Kafka door (commerce-door.ts);
 * each with the same demand, the reference with BENCH_COMMERCE_CONCURRENCY transactions at once,
 * the system sides with BENCH_COMMERCE_STORE_WINDOW / BENCH_COMMERCE_KAFKA_WINDOW orders in flight
 * (group commit wants many), each checked after its run: no unit oversold, no order refused
 * that the stock left could serve. A system side stops starting orders after
 * BENCH_COMMERCE_BUDGET_S and is measured on the prefix of the demand it decided. The sides run
 * BENCH_COMMERCE_ROUNDS times in turn, each round on fresh schemas and topics; a closing
 * `commerce-summary` line gives each side's median rate and median ratio to its round's reference.
 * See bench/README.md ("Commerce").
 */
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { dropRunSchemas } from './ads-apps';
import { deleteRunTopics } from './ads-cleanup';
import { checkSide, tally } from './commerce-check';
import { runDoor } from './commerce-door';
import { type Demand, type DemandSettings, demandOf, demandSummary } from './commerce-demand';
import { prefixSeconds, runReference, type SideRun } from './commerce-reference';
import { runInProcess } from './commerce-system';
import { resultsLog } from './results';

const num = (name: string, fallback: number, min = 0, whole = true): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || (whole && !Number.isInteger(value))) throw new Error(`${name} must be a number ≥ ${min}, not '${raw}'`);
  return value;
};

const DEMAND: DemandSettings = {
  orders: num('BENCH_COMMERCE_ORDERS', 20_000, 1),
  variants: num('BENCH_COMMERCE_VARIANTS', 1_000, 1),
  variantsPerProduct: num('BENCH_COMMERCE_VARIANTS_PER_PRODUCT', 10, 1),
  stock: num('BENCH_COMMERCE_STOCK', 100, 0),
  customers: num('BENCH_COMMERCE_CUSTOMERS', 1_000, 1),
  zipfS: num('BENCH_COMMERCE_ZIPF_S', 1.1, 0, false),
  maxLines: num('BENCH_COMMERCE_MAX_LINES', 3, 1),
  maxQuantity: num('BENCH_COMMERCE_MAX_QUANTITY', 2, 1),
  seed: num('BENCH_COMMERCE_SEED', 1),
};
const CONCURRENCY = num('BENCH_COMMERCE_CONCURRENCY', 32, 1);
/** Orders in flight through the Kafka door (its partition batches want many at once). */
const KAFKA_WINDOW = num('BENCH_COMMERCE_KAFKA_WINDOW', 1_000, 1);
/** Orders in flight in process (the store's group commit wants many at once, as the door's batches have). */
const STORE_WINDOW = num('BENCH_COMMERCE_STORE_WINDOW', KAFKA_WINDOW, 1);
/** How many times the sides run in turn (the machine's noise between runs is large; the summary takes medians). */
const ROUNDS = num('BENCH_COMMERCE_ROUNDS', 3, 1);
/** Each system side stops starting orders after this long (it is then measured on the prefix it decided). */
const BUDGET_MS = num('BENCH_COMMERCE_BUDGET_S', 90, 1) * 1000;
/** Which sides run: any of reference, store, kafka. */
const SIDES = new Set((process.env.BENCH_COMMERCE_SIDES ?? 'reference,store,kafka').split(',').map((s) => s.trim()));

const emit = resultsLog('commerce');
const round2 = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const SETTINGS_LINE = {
  orders: DEMAND.orders,
  variants: DEMAND.variants,
  stock_per_variant: DEMAND.stock,
  concurrency: CONCURRENCY,
  zipf_s: DEMAND.zipfS,
  max_lines: DEMAND.maxLines,
  max_quantity: DEMAND.maxQuantity,
  seed: DEMAND.seed,
};

interface SideResult {
  readonly run: SideRun;
  readonly rate: number;
  readonly ratio: number | null;
}

/**
 * A side's line. A time-boxed side decided a prefix of the demand (earlier orders find more
 * stock): beside the ratio to the reference's whole run, the ratio to the reference's time for
 * the same prefix.
 */
const emitSide = (
  round: number,
  demand: Demand,
  bench: string,
  impl: string,
  run: SideRun,
  extra: Record<string, unknown>,
  reference: SideResult | null,
): SideResult => {
  const counts = tally(run.outcomes);
  const rate = counts.decided / run.seconds;
  const ratio = reference ? rate / reference.rate : null;
  const prefix = reference && counts.not_sent > 0 ? prefixSeconds(reference.run, counts.decided) : null;
  emit({
    bench,
    impl,
    round,
    ...SETTINGS_LINE,
    ...extra,
    seconds: round2(run.seconds, 3),
    orders_per_second: Math.round(rate),
    ...counts,
    ...checkSide(demand, run.outcomes, run.sold, run.received),
    ledger_mismatch: run.ledgerMismatch,
    other_rejections: run.otherRejections,
    ...(ratio !== null ? { ratio_vs_reference: round2(ratio), target: '>= 0.5' } : {}),
    ...(prefix
      ? { reference_same_prefix_per_second: Math.round(counts.decided / prefix), ratio_vs_reference_same_prefix: round2(rate / (counts.decided / prefix)) }
      : {}),
  });
  return { run, rate, ratio };
};

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

type SideName = 'reference' | 'store' | 'kafka';

/** One round: each chosen side on schemas and topics of the round's own suffix, dropped afterwards. */
const runRound = async (round: number, demand: Demand, pg: Pool): Promise<Partial<Record<SideName, SideResult>>> => {
  const suffix = uniqueSuffix();
  const results: Partial<Record<SideName, SideResult>> = {};
  try {
    if (SIDES.has('reference')) {
      const run = await runReference(pg, `bench_cref_${suffix}`, demand, DEMAND.stock, CONCURRENCY);
      const impl = 'PostgreSQL: one transaction per order, UPDATE stock … WHERE available >= n per line';
      results.reference = emitSide(round, demand, 'commerce-reference', impl, run, {}, null);
    }
    const reference = results.reference ?? null;
    if (SIDES.has('store')) {
      const impl = 'commerce deciders + guards over PostgresEventStore, in process (CommandExecutor per decider)';
      const run = await runInProcess(pg, suffix, demand, DEMAND.stock, STORE_WINDOW, BUDGET_MS).catch((error: Error) => {
        emit({ bench: 'commerce-system-error', impl, round, ...SETTINGS_LINE, error: (error.stack ?? error.message).slice(0, 2_000) });
        return null;
      });
      const extra = { concurrency: STORE_WINDOW, setup_seconds: round2(run?.setupSeconds ?? 0, 3) };
      if (run) results.store = emitSide(round, demand, 'commerce-system', impl, run, extra, reference);
    }
    if (SIDES.has('kafka')) {
      const run = await runDoor(pg, suffix, demand, DEMAND.stock, KAFKA_WINDOW, BUDGET_MS).catch((error: Error) => {
        emit({ bench: 'commerce-system-error', impl: 'campaign-command Kafka door', round, ...SETTINGS_LINE, error: error.message.slice(0, 2_000) });
        return null;
      });
      const impl = 'campaign-command as a process: commerce Kafka door, decide, append, results on Kafka';
      const extra = { concurrency: KAFKA_WINDOW, kafka_window: KAFKA_WINDOW, setup_seconds: round2(run?.setupSeconds ?? 0, 3), rss_mb: run?.rssMb ?? null };
      if (run) results.kafka = emitSide(round, demand, 'commerce-system', impl, run, extra, reference);
    }
  } finally {
    await dropRunSchemas(pg, suffix);
    await deleteRunTopics(`bench-${suffix}.`);
  }
  return results;
};

const main = async () => {
  const demand = demandOf(DEMAND);
  emit({
    bench: 'commerce-demand',
    ...SETTINGS_LINE,
    variants_per_product: DEMAND.variantsPerProduct,
    customers: DEMAND.customers,
    ...demandSummary(demand, DEMAND.stock),
  });
  // The reference's connections; the store shares them among its window (group commit).
  const pg = testPool(CONCURRENCY + 4);
  const rounds: Partial<Record<SideName, SideResult>>[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) rounds.push(await runRound(round, demand, pg));
  } finally {
    await pg.end();
  }
  const side = (name: SideName) => {
    const results = rounds.flatMap((r) => (r[name] ? [r[name]] : []));
    const rate = median(results.map((r) => r.rate));
    const ratio = median(results.flatMap((r) => (r.ratio === null ? [] : [r.ratio])));
    return {
      [`${name}_rounds`]: results.length,
      [`${name}_median_orders_per_second`]: rate === null ? null : Math.round(rate),
      ...(name === 'reference' ? {} : { [`${name}_median_ratio_vs_reference`]: ratio === null ? null : round2(ratio) }),
    };
  };
  emit({ bench: 'commerce-summary', ...SETTINGS_LINE, rounds: ROUNDS, ...side('reference'), ...side('store'), ...side('kafka'), target: '>= 0.5' });
};

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
