import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './infrastructure';
import { sleep } from './helpers';

/** The node flags the apps run with: infra/node-flags (read by scripts/up.sh too). */
const APP_NODE_FLAGS = readFileSync(join(REPO_ROOT, 'infra', 'node-flags'), 'utf8');

/** How long a stopped app may take to exit before it is killed. */
const STOP_GRACE_MS = 30_000;

/**
 * Ports handed to apps: below Linux's ephemeral range (32768–60999) and clear of the brokers'
 * (9092–9093, 19092–19094, 29xxx). A port from the ephemeral range could be taken by an outgoing
 * connection between an app's kill and its restart on the same port: the fault suite saw restarts
 * fail with EADDRINUSE until the run gave up.
 */
const APP_PORTS = { from: 11_000, to: 18_999 };
let nextPort = APP_PORTS.from + Math.floor(Math.random() * (APP_PORTS.to - APP_PORTS.from));

const listenable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A TCP port free on loopback right now, for an app started next (see APP_PORTS). */
export const freePort = async (): Promise<number> => {
  for (let tried = 0; tried < APP_PORTS.to - APP_PORTS.from; tried++) {
    const port = nextPort;
    nextPort = nextPort + 1 >= APP_PORTS.to ? APP_PORTS.from : nextPort + 1;
    if (await listenable(port)) return port;
  }
  throw new Error(`no free port in ${APP_PORTS.from}–${APP_PORTS.to}`);
};

/** The four apps, and the orchestration context's reference agent (a worker outside them). */
export type AppName = 'campaign-command' | 'projection' | 'timer-scheduler' | 'analytics-ingest' | 'reference-agent';

export interface RunningApp {
  readonly name: AppName;
  readonly url: string;
  readonly process: ChildProcess;
  readonly logs: string[];
  /** Sends a signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts an app from its build output as a real process and waits until its
 * /health answers 200. Logs are kept for the test to print when something fails.
 */
export const startApp = async (name: AppName, port: number, env: Record<string, string>, entry = 'main.js'): Promise<RunningApp> => {
  // The flags every app runs with (infra/node-flags, as scripts/up.sh starts them), then
  // APP_NODE_ARGS: node flags for the apps only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to
  // profile them under a bench; NODE_OPTIONS refuses --cpu-prof and would profile the runner too).
  const nodeArgs = [APP_NODE_FLAGS, process.env.APP_NODE_ARGS ?? ''].join(' ').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(REPO_ROOT, 'apps', name, 'dist', entry)], {
    env: { ...process.env, ...env, HTTP_PORT: String(port), SERVICE_NAME: name },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const keep = (chunk: Buffer) => {
    logs.push(chunk.toString());
    if (logs.length > 2_000) logs.splice(0, logs.length - 2_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    // An app that exits while starting fails the start at once, not at the timeout.
    const deadline = Date.now() + 60_000;
    for (let healthy = false; !healthy; await sleep(200)) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`${name} did not become healthy within 60 s`);
      healthy = await fetch(`${url}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${name} logs ---\n${logs.join('').slice(-5_000)}`);
  }
  return {
    name,
    url,
    process: child,
    logs,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      // An app whose graceful shutdown hangs must not outlive the run (its pipes would keep jest
      // from exiting), nor pass unnoticed: past the apps' own shutdown timeout it is killed, and
      // the stop fails naming it.
      let hung = false;
      const killer = setTimeout(() => ((hung = true), child.kill('SIGKILL')), STOP_GRACE_MS);
      const code = await exited.finally(() => clearTimeout(killer));
      if (hung) throw new Error(`${name} did not exit within ${STOP_GRACE_MS} ms of ${signal}; killed\n${logs.join('').slice(-3_000)}`);
      return code;
    },
  };
};
