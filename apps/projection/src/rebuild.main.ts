/**
 * Rebuilds read models from the event store, from the command line:
 *   node apps/projection/dist/rebuild.main.js lifecycle            # rebuild and swap in
 *   node apps/projection/dist/rebuild.main.js lifecycle --into x   # build into schema x only
 *   node apps/projection/dist/rebuild.main.js outreach              # the same for seed 004's tables
 * Safe while the projection service runs: the swap waits for its in-flight batch.
 */
import { PostgresEventStore } from '@campaign/eventstore';
import { createPool, databaseConnectionOptions, JsonLogger } from '@campaign/runtime';
import { type ProjectionConfig, readProjectionConfig } from './config';
import { LifecycleProjection } from './lifecycle/lifecycle.projection';
import { OutreachProjection } from './outreach/outreach.projection';
import { Rebuilder } from './shared/rebuild';

const CONTEXTS = {
  lifecycle: { create: (schema: string) => new LifecycleProjection(schema), live: (config: ProjectionConfig) => config.LIFECYCLE_SCHEMA },
  outreach: { create: (schema: string) => new OutreachProjection(schema), live: (config: ProjectionConfig) => config.OUTREACH_SCHEMA },
} as const;

const main = async (): Promise<void> => {
  const [context, ...flags] = process.argv.slice(2);
  const chosen = CONTEXTS[context as keyof typeof CONTEXTS];
  if (!chosen) throw new Error(`usage: rebuild <${Object.keys(CONTEXTS).join('|')}> [--into <schema>]`);
  const intoAt = flags.indexOf('--into');
  const target = intoAt >= 0 ? flags[intoAt + 1] : undefined;
  const config = readProjectionConfig();
  const logger = new JsonLogger('projection-rebuild', config.LOG_LEVEL);
  const pool = createPool(config.DATABASE_URL, 4, logger, 'projection-rebuild', databaseConnectionOptions(config, { longRunning: true }));
  try {
    const rebuilder = new Rebuilder(pool, new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA), logger);
    const report = await rebuilder.rebuild(chosen.create, { liveSchema: chosen.live(config), target, swap: target === undefined });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await pool.end();
  }
};

main().catch((error: Error) => {
  process.stderr.write(`rebuild failed: ${error.message}\n`);
  process.exit(1);
});
