import { reportCommandLine } from '@campaign/runtime';
import { readCommandConfig } from './config';
import { runRedrive } from './shared/dead-letter-redrive.cli';

/** The dead-letter redrive for operators at a shell; see REDRIVE_HELP. */
reportCommandLine(runRedrive(process.argv.slice(2), readCommandConfig));
