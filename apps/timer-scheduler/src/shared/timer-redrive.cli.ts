import { parseArgs } from 'node:util';
import { createPool, databaseConnectionOptions, JsonLogger } from '@campaign/runtime';
import { listTimerDeadLetters, redriveFailedTimer, TimerRedriveError } from '@campaign/timers';
import type { TimerSchedulerConfig } from '../config';
import { CONTEXTS } from '../contexts';
import { type TimerContext, timerStoreOf } from './timer-context';

export const TIMER_REDRIVE_HELP = `Usage: node apps/timer-scheduler/dist/redrive.main.js --context <context> (--list [--all] | --id <dead letter id>...)

Lists the scheduler's dead letters, or arms the FAILED timers they name again (PENDING, due
now, retries from zero) once their cause is fixed. Refused timers have no timer to arm.
<context> is one of the contexts this app keeps timers for (see src/contexts.ts).

It reads the timer-scheduler's own environment (DATABASE_URL, <CONTEXT>_TIMER_SCHEMA, ...) and acts with
the service's database credentials, without any token: it is for operators with shell access
to the service's hosts. Everyone else uses POST /v1/timers/dead-letters/:context/:id/redrive,
or POST /v1/timers/:context/:timerId/retry by timer id, which need the timers:operate scope.`;

/** What the command printed, and its exit code: 0 all done, 1 a letter refused, 2 bad usage. */
export interface CliOutcome {
  readonly code: number;
  readonly output: unknown;
}

const usage = (message: string): CliOutcome => ({ code: 2, output: { error: message, usage: TIMER_REDRIVE_HELP } });

/** `readConfig` runs only once the arguments are understood: `--help` needs no environment. */
export const runTimerRedrive = async (
  argv: readonly string[],
  readConfig: () => TimerSchedulerConfig,
  contexts: readonly TimerContext[] = CONTEXTS,
): Promise<CliOutcome> => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        context: { type: 'string' },
        list: { type: 'boolean' },
        all: { type: 'boolean' },
        id: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) return { code: 0, output: TIMER_REDRIVE_HELP };
  const context = contexts.find((c) => c.name === values.context);
  if (!context) return usage(`--context is one of ${contexts.map((c) => c.name).join(', ')}`);
  if (!values.list && !values.id?.length) return usage('name --list, or the dead letters to redrive with --id');
  const config = readConfig();
  const logger = new JsonLogger('timer-redrive', 'error');
  const pool = createPool(config.DATABASE_URL, 2, logger, 'timer-redrive', databaseConnectionOptions(config));
  try {
    const store = timerStoreOf(context, pool, config);
    if (values.list) return { code: 0, output: await listTimerDeadLetters(store, values.all ?? false) };
    const results: object[] = [];
    for (const id of values.id ?? []) {
      try {
        results.push({ id, redriven: await redriveFailedTimer(store, id) });
      } catch (error) {
        if (!(error instanceof TimerRedriveError)) throw error;
        results.push({ id, refused: { code: error.code, message: error.message } });
      }
    }
    return { code: results.some((r) => 'refused' in r) ? 1 : 0, output: results };
  } finally {
    await pool.end();
  }
};
