/**
 * Rebuilds read models from the event store, from the command line:
 *   node apps/projection/dist/rebuild.main.js lifecycle            # rebuild and swap in
 *   node apps/projection/dist/rebuild.main.js lifecycle --into x   # build into schema x only
 * Safe while the projection service runs: the swap waits for its in-flight batch.
 */
import { PostgresEventStore } from '@campaign/eventstore';
import { createPool, JsonLogger } from '@campaign/runtime';
import { readProjectionConfig } from './config';
import { LifecycleProjection } from './lifecycle/lifecycle.projection';
import { Rebuilder } from './shared/rebuild';

const CONTEXTS = { lifecycle: (schema: string) => new LifecycleProjection(schema) } as const;

const main = async (): Promise<void> => {
  const [context, ...flags] = process.argv.slice(2);
  const create = CONTEXTS[context as keyof typeof CONTEXTS];
  if (!create) throw new Error(`usage: rebuild <${Object.keys(CONTEXTS).join('|')}> [--into <schema>]`);
  const intoAt = flags.indexOf('--into');
  const target = intoAt >= 0 ? flags[intoAt + 1] : undefined;
  const config = readProjectionConfig();
  const logger = new JsonLogger('projection-rebuild', config.LOG_LEVEL);
  const pool = createPool(config.DATABASE_URL, 4, logger, 'projection-rebuild');
  try {
    const rebuilder = new Rebuilder(pool, new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA), logger);
    const report = await rebuilder.rebuild(create, { liveSchema: config.LIFECYCLE_SCHEMA, target, swap: target === undefined });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await pool.end();
  }
};

main().catch((error: Error) => {
  process.stderr.write(`rebuild failed: ${error.message}\n`);
  process.exit(1);
});
