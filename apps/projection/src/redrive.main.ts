/**
 * Lists and redrives the events a context's read models could not apply, from the command line:
 *   node apps/projection/dist/redrive.main.js <context> --list [--all]     # the dead letters (JSON lines)
 *   node apps/projection/dist/redrive.main.js <context>                    # redrive every held stream
 *   node apps/projection/dist/redrive.main.js <context> --events <id>,<id> # only those letters' streams
 * where <context> is one of CONTEXTS (contexts.ts).
 * Run it after the fix is deployed. It connects with the service's own database credentials
 * (the same environment as the projection), so it is for operators with shell access; the
 * same is offered over HTTP with the projection:admin scope. Safe while the service runs.
 */
import { PostgresEventStore } from '@campaign/eventstore';
import { eventStoreSource } from '@campaign/messaging';
import { createPool, databaseConnectionOptions, JsonLogger } from '@campaign/runtime';
import { readProjectionConfig } from './config';
import { createProjection, personalDataOf } from './shared/personal-data';
import { CONTEXTS } from './contexts';
import { listDeadLetters } from './shared/dead-letters';
import { contextNamed } from './shared/projection-context';
import { ProjectionRunner } from './shared/projection-runner';

const USAGE = `usage: redrive <${CONTEXTS.map((c) => c.name).join('|')}> [--list [--all]] [--events <id>,<id>]`;

const main = async (): Promise<void> => {
  const [context, ...flags] = process.argv.slice(2);
  const chosen = contextNamed(CONTEXTS, context);
  if (!chosen) throw new Error(USAGE);
  const eventsAt = flags.indexOf('--events');
  const eventIds = eventsAt >= 0 ? (flags[eventsAt + 1] ?? '').split(',').filter(Boolean) : undefined;
  if (eventIds?.length === 0) throw new Error(USAGE);
  const config = readProjectionConfig();
  const logger = new JsonLogger('projection-redrive', config.LOG_LEVEL);
  const pool = createPool(config.DATABASE_URL, 2, logger, 'projection-redrive', databaseConnectionOptions(config));
  try {
    const projection = createProjection(chosen, chosen.schemaOf(config), personalDataOf(pool, config));
    if (flags.includes('--list')) {
      for (const letter of await listDeadLetters(pool, projection.schema, { all: flags.includes('--all'), limit: 10_000 }))
        process.stdout.write(`${JSON.stringify(letter)}\n`);
      return;
    }
    const runner = new ProjectionRunner(pool, projection, true, eventStoreSource(new PostgresEventStore(pool, config.EVENTSTORE_SCHEMA)));
    process.stdout.write(`${JSON.stringify(await runner.redrive(eventIds))}\n`);
  } finally {
    await pool.end();
  }
};

main().catch((error: Error) => {
  process.stderr.write(`redrive failed: ${error.message}\n`);
  process.exit(1);
});
