import { readConfig } from './config';
import { runTimerRedrive } from './timers/timer-redrive.cli';

/** The scheduler's dead-letter redrive for operators at a shell; see TIMER_REDRIVE_HELP. */
void runTimerRedrive(process.argv.slice(2), readConfig).then(
  ({ code, output }) => {
    process.stdout.write(`${typeof output === 'string' ? output : JSON.stringify(output, null, 2)}\n`);
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
