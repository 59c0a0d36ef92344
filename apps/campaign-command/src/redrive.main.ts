import { readCommandConfig } from './config';
import { runRedrive } from './infrastructure/dead-letter-redrive.cli';

/** The dead-letter redrive for operators at a shell; see REDRIVE_HELP. */
void runRedrive(process.argv.slice(2), readCommandConfig).then(
  ({ code, output }) => {
    process.stdout.write(`${typeof output === 'string' ? output : JSON.stringify(output, null, 2)}\n`);
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
