import { reportCommandLine } from '@campaign/runtime';
import { readConfig } from './config';
import { runTimerRedrive } from './shared/timer-redrive.cli';

/** The scheduler's dead-letter redrive for operators at a shell; see TIMER_REDRIVE_HELP. */
reportCommandLine(runTimerRedrive(process.argv.slice(2), readConfig));
