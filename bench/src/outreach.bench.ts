/**
 * Outreach benchmarks (seed 004), one JSON object per line on stdout, also appended to
 * bench/results/outreach.jsonl:
 *  1. outreach-rebuild — the projection's rebuild of the outreach read models from a
 *     reproducible history of BENCH_OUTREACH_EVENTS events, side by side with a raw batched
 *     INSERT of the same final rows in the same run;
 *  2. outreach-ingest — engagement webhooks through analytics-ingest, end to end to the read
 *     model, side by side with plain requests to the same process's /health.
 * BENCH_OUTREACH_PARTS (default `rebuild,ingest`) picks which run. See bench/README.md.
 */
import { runIngestBench } from './outreach/ingest';
import { runRebuildBench } from './outreach/rebuild';
import { resultsLog } from './results';

const emit = resultsLog('outreach');

const main = async () => {
  const parts = (process.env.BENCH_OUTREACH_PARTS ?? 'rebuild,ingest').split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => p !== 'rebuild' && p !== 'ingest');
  if (unknown.length > 0) throw new Error(`BENCH_OUTREACH_PARTS: unknown part(s) ${unknown.join(', ')} (rebuild, ingest)`);
  let failed = false;
  // Each part runs even when the other failed; the failure is a JSON line too.
  for (const [part, run] of [
    ['rebuild', runRebuildBench],
    ['ingest', runIngestBench],
  ] as const) {
    if (!parts.includes(part)) continue;
    try {
      await run(emit);
    } catch (error) {
      failed = true;
      emit({ bench: `outreach-${part}-error`, error: (error as Error).message });
      process.stderr.write(`outreach ${part} failed: ${(error as Error).stack}\n`);
    }
  }
  if (failed) process.exit(1);
};

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
