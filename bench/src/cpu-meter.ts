/**
 * CPU time spent on the whole machine between two readings of /proc (Linux): every process's
 * user + system time, grouped by what it is (an app by its dist/main.js, PostgreSQL, the Kafka
 * broker, Redis, this bench), and the machine's busy time across all cores. Says whether a part
 * was bound by the CPU (busy ≈ cores × seconds) and where each row's CPU went.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Kernel clock ticks a second (USER_HZ): 100 on every Linux this project runs on. */
const TICKS_PER_SECOND = 100;

export interface CpuReading {
  readonly at: number;
  /** Busy ticks of all cores (/proc/stat: everything but idle and iowait). */
  readonly busy: number;
  /** Ticks per process (pid → [group, ticks]). */
  readonly processes: ReadonlyMap<number, readonly [string, number]>;
}

export interface CpuSpent {
  readonly cores: number;
  readonly seconds: number;
  /** Core-seconds the machine was busy (all processes, the kernel's too). */
  readonly busy_core_seconds: number;
  /** busy / (cores × seconds): 1 is every core busy the whole time. */
  readonly busy_share: number;
  /** Core-seconds per group of processes. */
  readonly by_process: Record<string, number>;
}

const groupOf = (pid: number, comm: string): string => {
  if (pid === process.pid) return 'bench';
  if (comm === 'postgres') return 'postgres';
  if (comm.startsWith('redis')) return 'redis';
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  if (cmdline.includes('kafka.Kafka')) return 'kafka';
  const app = /apps\/([a-z-]+)\/dist\/main\.js/.exec(cmdline);
  return app ? app[1] : 'other';
};

export const readCpu = (): CpuReading => {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …
  const busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields[7] ?? 0);
  const processes = new Map<number, readonly [string, number]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after its closing one.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const after = stat.slice(close + 2).split(' ');
      processes.set(pid, [groupOf(pid, comm), Number(after[11]) + Number(after[12])]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  return { at: performance.now(), busy, processes };
};

/** What was spent between `from` and now (a process that ended in between is not counted). */
export const cpuSince = (from: CpuReading, to: CpuReading = readCpu()): CpuSpent => {
  const byProcess: Record<string, number> = {};
  for (const [pid, [group, ticks]] of to.processes) {
    const before = from.processes.get(pid)?.[1] ?? 0;
    byProcess[group] = (byProcess[group] ?? 0) + (ticks - before);
  }
  const cores = cpus().length;
  const seconds = (to.at - from.at) / 1000;
  const busy = (to.busy - from.busy) / TICKS_PER_SECOND;
  return {
    cores,
    seconds: round(seconds),
    busy_core_seconds: round(busy),
    busy_share: round(busy / (cores * seconds)),
    by_process: Object.fromEntries(
      Object.entries(byProcess)
        .filter(([, ticks]) => ticks > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([group, ticks]) => [group, round(ticks / TICKS_PER_SECOND)]),
    ),
  };
};

/** Microseconds of CPU (all cores) per row, per group and in all. */
export const perRow = (spent: CpuSpent, rows: number): Record<string, number> => ({
  all: Math.round((spent.busy_core_seconds * 1e6) / rows),
  ...Object.fromEntries(Object.entries(spent.by_process).map(([group, seconds]) => [group, Math.round((seconds * 1e6) / rows)])),
});

const round = (n: number) => Math.round(n * 100) / 100;
