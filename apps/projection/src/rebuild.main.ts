/**
 * Rebuilds a context's read models from the event store, from the command line:
 *   node apps/projection/dist/rebuild.main.js <context>              # rebuild and swap in
 *   node apps/projection/dist/rebuild.main.js <context> --into x     # build into schema x only
 * where <context> is one of CONTEXTS (contexts.ts). Safe while the projection service runs:
 * the swap waits for its in-flight batch.
 */
import { PostgresEventStore } from '@campaign/eventstore';
import { createPool, databaseConnectionOptions, JsonLogger } from '@campaign/runtime';
import { readProjectionConfig } from './config';
import { createProjection, personalDataOf } from './shared/personal-data';
import { CONTEXTS } from './contexts';
import { contextNamed } from './shared/projection-context';
import { Rebuilder } from './shared/rebuild';

const main = async (): Promise<void> => {
  const [context, ...flags] = process.argv.slice(2);
  const chosen = contextNamed(CONTEXTS, context);
  if (!chosen) throw new Error(`usage: rebuild <${CONTEXTS.map((c) => c.name).join('|')}> [--into <schema>]`);
  const intoAt = flags.indexOf('--into');
  const target = intoAt >= 0 ? flags[intoAt + 1] : undefined;
  const config = readProjectionConfig();
  const logger = new JsonLogger('projection-rebuild', config.LOG_LEVEL);
  const pool = createPool(config.DATABASE_URL, 4, logger, 'projection-rebuild', databaseConnectionOptions(config, { longRunning: true }));
  try {
    const rebuilder = new Rebuilder(pool, new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA), logger);
    const personalData = personalDataOf(pool, config);
    const report = await rebuilder.rebuild((schema) => createProjection(chosen, schema, personalData), {
      liveSchema: chosen.schemaOf(config),
      target,
      swap: target === undefined,
    });
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await pool.end();
  }
};

main().catch((error: Error) => {
  process.stderr.write(`rebuild failed: ${error.message}\n`);
  process.exit(1);
});
