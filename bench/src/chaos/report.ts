/** The run's figures as JSON (tmp/chaos/report.json) and as a few lines for a person. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandFigures, ReadModelFigures, TimerFigures } from './checks';
import type { FaultRecord } from './faults';
import type { Crash } from './fleet';
import type { LoadFigures } from './load';

export interface ChaosReport {
  readonly suite: 'chaos';
  readonly mode: 'full' | 'short';
  readonly seed: number;
  readonly replay: string;
  readonly startedAt: string;
  readonly totalSeconds: number;
  readonly cluster: { readonly brokers: 3; readonly replicationFactor: 3; readonly minInsyncReplicas: 2; readonly instancesPerApp: number };
  readonly load: LoadFigures & { readonly targetRate: number; readonly retries: number; readonly unanswered: number; readonly latencyMs: Stats };
  readonly faults: {
    readonly planned: number;
    readonly run: number;
    readonly unrecovered: number;
    readonly recoveryMs: Record<string, Stats>;
    readonly records: readonly FaultRecord[];
  };
  /** Instances that died without being killed (restarted by the suite after 1 s, as an orchestrator would). */
  readonly crashes: readonly Crash[];
  /** /health of the instances still not healthy once the faults were over (and a grace period). */
  readonly unhealthyAtEnd: Record<string, string>;
  readonly drain: { readonly drained: boolean; readonly projection?: number; readonly scheduler?: number; readonly timersDueSoon?: number };
  readonly commands: CommandFigures;
  readonly timers: TimerFigures;
  readonly readModels: ReadModelFigures;
  /** The apps' most frequent warnings and errors over the run (KafkaJS's own chatter left out). */
  readonly logs: Record<string, Record<string, number>>;
  readonly failures: readonly string[];
  readonly passed: boolean;
}

export interface Stats {
  readonly n: number;
  readonly min: number | null;
  readonly median: number | null;
  readonly p99?: number | null;
  readonly max: number | null;
}

export const stats = (values: readonly number[], withP99 = false): Stats => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
  return { n: sorted.length, min: sorted[0] ?? null, median: at(0.5), ...(withP99 ? { p99: at(0.99) } : {}), max: sorted[sorted.length - 1] ?? null };
};

/** Recovery times per kind of fault (kill -9 per app, broker, postgres, redis) and overall. */
export const recoveryStats = (records: readonly FaultRecord[]): Record<string, Stats> => {
  const groups: Record<string, number[]> = { all: [] };
  for (const r of records) {
    if (r.recoveryMs === null) continue;
    const kind = r.fault.startsWith('kill -9') ? r.fault.replace(/-\d+$/, '') : r.fault;
    (groups[kind] ??= []).push(r.recoveryMs);
    groups.all.push(r.recoveryMs);
  }
  return Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, stats(v)]));
};

/** Per app, the warn/error messages the instances logged, most frequent first (top 8). */
export const logDigest = (dir: string): Record<string, Record<string, number>> => {
  const counts: Record<string, Record<string, number>> = {};
  for (const file of readdirSync(dir)) {
    const app = file.replace(/-\d+\.log$/, '');
    const mine = (counts[app] ??= {});
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.startsWith('{') || line.includes('"logger":"kafkajs"')) continue;
      try {
        const entry = JSON.parse(line) as { level?: string; msg?: string };
        if (entry.level !== 'info' && entry.level !== 'debug' && entry.msg) mine[entry.msg] = (mine[entry.msg] ?? 0) + 1;
      } catch {
        // A line cut by kill -9: not a log entry.
      }
    }
  }
  const top = (c: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(c)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8),
    );
  return Object.fromEntries(Object.entries(counts).map(([app, c]) => [app, top(c)]));
};

/** Every invariant the suite promises, named when it fails. */
export const failuresOf = (r: Omit<ChaosReport, 'failures' | 'passed' | 'logs'>): string[] => {
  const failures: string[] = [];
  if (r.commands.lost > 0) failures.push(`${r.commands.lost} acknowledged commands lost`);
  if (r.commands.duplicateEffects > 0) failures.push(`${r.commands.duplicateEffects} commands with duplicate effects`);
  if (r.timers.firedTwice > 0) failures.push(`${r.timers.firedTwice} timers fired twice`);
  if (r.timers.neverFired > 0) failures.push(`${r.timers.neverFired} due timers never fired`);
  if (r.timers.failed > 0) failures.push(`${r.timers.failed} timers FAILED`);
  if (r.timers.stuck > 0) failures.push(`${r.timers.stuck} due timers still waiting`);
  if (!r.readModels.equal) failures.push('read models differ from a rebuild');
  if (!r.drain.drained) failures.push(`did not drain: ${JSON.stringify(r.drain)}`);
  if (r.faults.run < r.faults.planned) failures.push(`only ${r.faults.run} of ${r.faults.planned} faults ran in the time allowed`);
  if (r.faults.unrecovered > 0) failures.push(`${r.faults.unrecovered} faults without recovery`);
  const sick = Object.keys(r.unhealthyAtEnd);
  if (sick.length > 0) failures.push(`still unhealthy after the faults: ${sick.join(', ')}`);
  if (r.crashes.length > 0)
    failures.push(`${r.crashes.length} app instances crashed on their own (${[...new Set(r.crashes.map((c) => c.error))].join(' | ')})`);
  if (r.commands.acknowledged === 0) failures.push('no command was acknowledged');
  return failures;
};

const ms = (s: Stats) => (s.n === 0 ? 'n/a' : `${s.min} / ${s.median} / ${s.max} ms`);

export const summary = (r: ChaosReport): string => {
  const lines = [
    `chaos ${r.mode}: seed ${r.seed} (replay: ${r.replay}), ${r.totalSeconds} s in all`,
    `  load: ${r.load.acknowledgedPerSecond.toFixed(0)} commands/s acknowledged (target ${r.load.targetRate}) over ${r.load.seconds.toFixed(0)} s, ` +
      `${r.load.campaigns} campaigns (${r.load.timerCampaigns} started by timer), ${r.load.retries} retries, ${r.load.unanswered} unanswered, ` +
      `answer p50/p99 ${r.load.latencyMs.median}/${r.load.latencyMs.p99} ms`,
    `  faults: ${r.faults.run}/${r.faults.planned} run, ${r.faults.unrecovered} unrecovered; recovery min/median/max:`,
    ...Object.entries(r.faults.recoveryMs).map(([kind, s]) => `    ${kind.padEnd(34)} ${ms(s)} (${s.n})`),
    ...r.faults.records
      .filter((f) => f.recoveryMs === null)
      .map(
        (f) =>
          `    NOT RECOVERED at ${f.atSeconds} s: ${f.fault} — repaired in ${f.actionMs} ms, all healthy ${f.healthyMs ?? 'never'}, probes RUNNING ${f.flowMs ?? 'never'}` +
          `${f.error ? `; error: ${f.error}` : ''}${f.stuck ? `; still: ${JSON.stringify(f.stuck).slice(0, 400)}` : ''}`,
      ),
    `  crashes (instances that died unasked, restarted after 1 s): ${r.crashes.length}${r.crashes.length ? ` — ${r.crashes.map((c) => c.instance).join(', ')}` : ''}`,
    `  commands: ${r.commands.acknowledged} acknowledged (${r.commands.accepted} accepted), lost ${r.commands.lost}, duplicate effects ${r.commands.duplicateEffects}`,
    `  timers: ${r.timers.expected} due, fired once ${r.timers.firedOnce}, twice ${r.timers.firedTwice}, never ${r.timers.neverFired} ` +
      `(declined as late ${r.timers.declined}, failed ${r.timers.failed}, stuck ${r.timers.stuck}; lateness p50/p99/max ${r.timers.latenessMs.p50}/${r.timers.latenessMs.p99}/${r.timers.latenessMs.max} ms)`,
    `  read models vs rebuild: ${r.readModels.equal ? 'equal' : 'DIFFERENT'} (${Object.entries(r.readModels.tables)
      .map(([t, v]) => `${t} ${v.rows}${v.live === v.rebuilt ? '' : ' ≠'}`)
      .join(', ')})`,
    r.passed ? 'chaos: PASSED' : `chaos: FAILED — ${r.failures.join('; ')}`,
  ];
  return lines.join('\n');
};
