/**
 * Ads benchmarks (seed 003, issue 12 point 11 and point 3's numbers), one JSON object per line
 * on stdout, also appended to bench/results/ads.jsonl:
 *  1. ads-metric-ingest — metric rows pushed through analytics-ingest's POST /v1/ads/metrics
 *     until every row is queryable in campaign_metrics, beside a raw batched INSERT … ON
 *     CONFLICT DO UPDATE of the same rows in a fresh table of the same database;
 *  2. ads-performance-query — GET /v1/ads/performance?days=7 on the projection over
 *     10,000 campaigns × 90 days of 15-minute buckets, beside the seed's query run raw, with
 *     both answers compared;
 *  3. ads-facts-storage — the same facts appended to the event store and produced to the
 *     compacted topic: rates and bytes per fact.
 * BENCH_ADS_PARTS (default `ingest,query,storage`) picks which run. A part whose pieces are
 * missing prints `{"bench": …, "skipped": …}`. See bench/README.md.
 */
import { runIngestBench } from './ads-ingest';
import { runQueryBench } from './ads-query';
import { adsParts } from './ads-settings';
import { BenchSkipped } from './ads-skip';
import { runStorageBench } from './ads-storage';
import { resultsLog } from './results';

const emit = resultsLog('ads');

const RUNS = { ingest: runIngestBench, query: runQueryBench, storage: runStorageBench } as const;
const NAMES = { ingest: 'ads-metric-ingest', query: 'ads-performance-query', storage: 'ads-facts-storage' } as const;

const main = async () => {
  let failed = false;
  // Each part runs even when another failed or was skipped; both are JSON lines too.
  for (const part of adsParts()) {
    try {
      await RUNS[part](emit);
    } catch (error) {
      if (error instanceof BenchSkipped) {
        emit({ bench: error.bench, skipped: error.why });
        continue;
      }
      failed = true;
      emit({ bench: `${NAMES[part]}-error`, error: (error as Error).message.slice(0, 2_000) });
      process.stderr.write(`ads ${part} failed: ${(error as Error).stack}\n`);
    }
  }
  if (failed) process.exit(1);
};

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
