import { readFileSync } from 'node:fs';

/** Percentiles and rates for benchmark reports. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
};

export const summarize = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p90_ms: round(percentile(sorted, 90)),
    p99_ms: round(percentile(sorted, 99)),
    max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
};

/** Runs `work(i)` for i in [0, total) with at most `concurrency` in flight. */
export const pool = async (total: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> => {
  let next = 0;
  let failure: { reason: unknown } | null = null;
  const worker = async () => {
    // After a failure no new item starts; the others in flight finish before it is thrown (their
    // schemas are usually dropped next, which would deadlock with a statement still running).
    for (let i = next++; i < total && !failure; i = next++) await work(i);
  };
  const settled = await Promise.allSettled(Array.from({ length: concurrency }, worker));
  for (const s of settled) if (s.status === 'rejected') failure ??= { reason: s.reason };
  if (failure) throw failure.reason;
};

export const rssMegabytes = (pid: number): number | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
};
