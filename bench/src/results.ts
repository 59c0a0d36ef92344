import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@campaign/testing';

/**
 * The emitter of one bench run: each line, stamped with the run's start time, goes to stdout
 * and is appended to bench/results/<name>.jsonl (kept out of git; README.md quotes the figures).
 */
export const resultsLog = (name: string): ((line: Record<string, unknown>) => void) => {
  const directory = join(REPO_ROOT, 'bench', 'results');
  const run = new Date().toISOString();
  return (line) => {
    const record = JSON.stringify({ run, ...line });
    process.stdout.write(`${record}\n`);
    mkdirSync(directory, { recursive: true });
    appendFileSync(join(directory, `${name}.jsonl`), `${record}\n`);
  };
};
