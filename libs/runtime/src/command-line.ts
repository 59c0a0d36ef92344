/** What an operator's command-line tool answers: an exit code and what to print. */
export interface CommandLineOutcome {
  readonly code: number;
  readonly output: unknown;
}

/** Prints a tool's answer (text as is, anything else as JSON) and sets the exit code; a throw prints its message and exits 1. */
export const reportCommandLine = (outcome: Promise<CommandLineOutcome>): void => {
  void outcome.then(
    ({ code, output }) => {
      process.stdout.write(`${typeof output === 'string' ? output : JSON.stringify(output, null, 2)}\n`);
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    },
  );
};
