import { StartRecorder } from './start-recorder';
import type { Starting } from './timer-start';

const at = new Date('2026-01-01T00:00:00.000Z');
const starting = (executionId: string): Starting => ({
  timer: { id: `t-${executionId}`, campaignId: 'c-1', timerType: 'REMIND', dueAt: at, attemptAt: at, attempt: 1, payload: {} },
  executionId,
  startedAt: at,
});
const silent = { log: () => undefined, warn: () => undefined, error: () => undefined };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('StartRecorder', () => {
  // seed 002: timer_executions STARTED while the timer fires
  it("writes the starts of one turn together, and an ending attempt waits for its start's write", async () => {
    let finishWrite: () => void = () => undefined;
    const written: string[][] = [];
    const recorder = new StartRecorder(
      (starts) => {
        written.push(starts.map((s) => s.executionId));
        return new Promise<void>((resolve) => (finishWrite = resolve));
      },
      silent,
      1,
    );
    recorder.begin(starting('e-1'));
    recorder.begin(starting('e-2'));
    await nextTurn();
    expect(written).toEqual([['e-1', 'e-2']]);
    let ended = false;
    const ending = recorder.end('e-1').then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    finishWrite();
    await ending;
    expect(ended).toBe(true);
  });

  it('withdraws a start still waiting when its attempt ends (the outcome brings it), and writes the rest when a writer is free', async () => {
    const releases: (() => void)[] = [];
    const written: string[][] = [];
    const recorder = new StartRecorder(
      (starts) => {
        written.push(starts.map((s) => s.executionId));
        return new Promise<void>((resolve) => releases.push(resolve));
      },
      silent,
      1,
    );
    // Over within the turn it began in: never written.
    recorder.begin(starting('e-0'));
    await recorder.end('e-0');
    recorder.begin(starting('e-1'));
    await nextTurn();
    recorder.begin(starting('e-2'));
    recorder.begin(starting('e-3'));
    await nextTurn();
    // e-1 holds the only writer: e-2 ends while still waiting.
    await recorder.end('e-2');
    releases[0]();
    await recorder.end('e-1');
    await nextTurn();
    expect(written).toEqual([['e-1'], ['e-3']]);
  });

  it('a failed write is not fatal: the attempt ends, its outcome brings the start', async () => {
    const recorder = new StartRecorder(() => Promise.reject(new Error('database down')), silent);
    recorder.begin(starting('e-1'));
    await expect(recorder.end('e-1')).resolves.toBeUndefined();
  });
});
