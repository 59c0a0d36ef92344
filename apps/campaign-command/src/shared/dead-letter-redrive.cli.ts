import { parseArgs } from 'node:util';
import { completeProducer, createKafka, DeadLetterRedriveError, kafkaConnectionOptions, parseBrokers } from '@campaign/messaging';
import { createPool, createTokenVerifier, databaseConnectionOptions, JsonLogger } from '@campaign/runtime';
import type { CommandConfig } from '../config';
import { commandRedriver } from './dead-letters.service';

export const REDRIVE_HELP = `Usage: node apps/campaign-command/dist/redrive.main.js --context <context> [--list [--all]] [--offsets 5,6]

Lists the letters of <context>.dead-letter not yet redriven (--list; --all adds the redriven
ones), or redrives them after a fix: all pending letters, or those at --offsets. Raw letters
are republished byte for byte to the topic they were read from; event pointers are read again
from the event store and published to the context's events topic. A letter redriven before is
not republished. A command whose signed token has expired is reported as still failing: its
sender has to send it again.

It reads campaign-command's own environment (DATABASE_URL, KAFKA_BROKERS, TOPIC_PREFIX,
EVENTSTORE_SCHEMA, JWT settings, ...) and acts with the service's own credentials, without
any token: it is for operators with shell access to the service's hosts. Everyone else uses
GET /v1/admin/dead-letters/:context and POST /v1/admin/dead-letters/:context/redrive, which
need the dead-letters:read and dead-letters:redrive scopes.`;

/** What the command printed, and its exit code: 0 done, 1 a letter still failing, 2 bad usage. */
export interface CliOutcome {
  readonly code: number;
  readonly output: unknown;
}

const usage = (message: string): CliOutcome => ({ code: 2, output: { error: message, usage: REDRIVE_HELP } });

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    options: { context: { type: 'string' }, list: { type: 'boolean' }, all: { type: 'boolean' }, offsets: { type: 'string' }, help: { type: 'boolean' } },
  }).values;

/** `readConfig` runs only once the arguments are understood: `--help` needs no environment. */
export const runRedrive = async (argv: readonly string[], readConfig: () => CommandConfig): Promise<CliOutcome> => {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) return { code: 0, output: REDRIVE_HELP };
  if (!values.context) return usage('--context names the context whose dead letters to read');
  const offsets = values.offsets?.split(',').map((o) => o.trim());
  if (offsets?.some((o) => !/^\d{1,19}$/.test(o))) return usage('--offsets is a comma-separated list of non-negative integers');
  const config = readConfig();
  const logger = new JsonLogger('dead-letter-redrive', 'error');
  const pool = createPool(config.DATABASE_URL, 2, logger, 'dead-letter-redrive', databaseConnectionOptions(config));
  const kafka = createKafka({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: 'dead-letter-redrive', ...kafkaConnectionOptions(config) }, logger);
  const producer = completeProducer(kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, logger);
  try {
    await producer.connect();
    const redriver = commandRedriver({ config, kafka, producer, pool, verifier: createTokenVerifier(config) });
    await redriver.migrate();
    if (values.list) return { code: 0, output: await redriver.list(values.context, values.all ?? false) };
    const results = await redriver.redrive(values.context, offsets);
    return { code: results.some((r) => r.outcome === 'still-failing') ? 1 : 0, output: results };
  } catch (error) {
    if (error instanceof DeadLetterRedriveError) return usage(`${error.code}: ${error.message}`);
    throw error;
  } finally {
    await producer.disconnect();
    await pool.end();
  }
};
