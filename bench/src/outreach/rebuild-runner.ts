/**
 * Runs the projection's own rebuild of the outreach read models — its CLI, i.e. Rebuilder +
 * OutreachProjection, the code the app runs — from one event store schema into one target
 * schema, without swapping, and returns the rebuild's own report.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@campaign/testing';
import { BENCH_SECRETS } from '../app-env';

export interface RebuildRun {
  readonly events: number;
  readonly deadLetters: number;
  /** The rebuild's own time (its report): drop + create the schema, replay, refresh the summary view. */
  readonly millis: number;
  /** Waiting for the event store beyond what applying the previous batch hid (the rebuild's report). */
  readonly readWaitMillis: number;
  /** Writing every stream's checkpoint at the end of the replay (the rebuild's report). */
  readonly checkpointMillis: number;
  /** Building the secondary indexes the replay ran without (the rebuild's report). */
  readonly indexMillis: number;
  readonly path: string;
}

const DIST = join(REPO_ROOT, 'apps', 'projection', 'dist');

const runCli = (eventStoreSchema: string, target: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(DIST, 'rebuild.main.js'), 'outreach', '--into', target], {
      env: { ...process.env, ...BENCH_SECRETS, EVENTSTORE_SCHEMA: eventStoreSchema, LOG_LEVEL: 'warn', SERVICE_NAME: 'projection-rebuild' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

/** Rebuilds `target` from `eventStoreSchema`; throws when the rebuild fails. */
export const rebuildOutreach = async (eventStoreSchema: string, target: string): Promise<RebuildRun> => {
  const cli = await runCli(eventStoreSchema, target);
  if (cli.code !== 0) throw new Error(`the rebuild CLI exited with ${cli.code}: ${cli.stderr.slice(-2_000)}`);
  const report = JSON.parse(cli.stdout.trim().split('\n').at(-1) ?? '{}') as RebuildRun;
  const { events, deadLetters, millis, readWaitMillis, checkpointMillis, indexMillis } = report;
  return {
    events,
    deadLetters,
    millis,
    readWaitMillis,
    checkpointMillis,
    indexMillis,
    path: 'node apps/projection/dist/rebuild.main.js outreach --into <schema>',
  };
};
