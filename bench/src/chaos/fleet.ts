/**
 * Two instances of each app as processes, on fixed loopback ports for the whole run, so a
 * killed instance comes back where clients look for it. Each instance logs to its own file,
 * and every pid is appended to a file scripts/chaos.sh reads to clean up after a crash.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, REPO_ROOT, sleep } from '@campaign/testing';
import type { ChaosApp } from './settings';

export interface Instance {
  readonly app: ChaosApp;
  readonly index: number;
  readonly port: number;
  readonly url: string;
  process: ChildProcess | null;
  generation: number;
}

/** An instance that exited without being asked to: restarted like an orchestrator would, and reported. */
export interface Crash {
  readonly instance: string;
  readonly at: string;
  readonly exit: string;
  /** The error the process died of, from the end of its log. */
  readonly error: string;
}

export class Fleet {
  readonly instances: Instance[] = [];
  readonly crashes: Crash[] = [];
  private readonly expectedExits = new WeakSet<ChildProcess>();
  private stopping = false;

  constructor(
    private readonly env: Record<string, string>,
    private readonly logDir: string,
    private readonly pidFile: string,
  ) {}

  async add(app: ChaosApp, index: number): Promise<Instance> {
    const port = await freePort();
    const instance: Instance = { app, index, port, url: `http://127.0.0.1:${port}`, process: null, generation: 0 };
    this.instances.push(instance);
    return instance;
  }

  of(app: ChaosApp): Instance[] {
    return this.instances.filter((i) => i.app === app);
  }

  /**
   * Starts the instance's next generation unless one is running (two overlapping faults on one
   * instance restart it once); does not wait for it to be healthy.
   */
  launch(instance: Instance): void {
    const current = instance.process;
    if (current && current.exitCode === null && current.signalCode === null) return;
    instance.generation++;
    const log = openSync(join(this.logDir, `${instance.app}-${instance.index}.log`), 'a');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'apps', instance.app, 'dist', 'main.js')], {
      env: {
        ...process.env,
        ...this.env,
        HTTP_PORT: String(instance.port),
        SERVICE_NAME: instance.app,
        INSTANCE_ID: `${instance.app}-${instance.index}-g${instance.generation}`,
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    if (child.pid) appendFileSync(this.pidFile, `${child.pid}\n`);
    instance.process = child;
    child.once('exit', (code, signal) => {
      if (this.stopping || this.expectedExits.has(child)) return;
      this.crashes.push({
        instance: `${instance.app}-${instance.index}`,
        at: new Date().toISOString(),
        exit: signal ?? `code ${code}`,
        error: this.lastError(instance),
      });
      // Unless a fault's own restart got there first.
      setTimeout(() => {
        if (!this.stopping && instance.process === child) this.launch(instance);
      }, 1_000);
    });
  }

  private lastError(instance: Instance): string {
    try {
      const tail = readFileSync(join(this.logDir, `${instance.app}-${instance.index}.log`), 'utf8').slice(-6_000);
      return /(\w*Error: [^"\\\n]*)/.exec(tail)?.[1] ?? tail.slice(-300);
    } catch {
      return 'no log';
    }
  }

  /** kill -9, and wait until the process is gone. */
  async kill(instance: Instance): Promise<void> {
    const child = instance.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.expectedExits.add(child);
    child.kill('SIGKILL');
    await exited;
  }

  async healthy(instance: Instance): Promise<boolean> {
    try {
      const response = await fetch(`${instance.url}/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.status === 200;
    } catch {
      return false;
    }
  }

  /** What the unhealthy instances answer on /health (or why they do not): for a bug report. */
  async sickReport(): Promise<Record<string, string>> {
    const report: Record<string, string> = {};
    for (const i of this.instances) {
      try {
        const response = await fetch(`${i.url}/health`, { signal: AbortSignal.timeout(2_000) });
        const body = await response.text();
        if (response.status !== 200) report[`${i.app}-${i.index}`] = `${response.status} ${body.slice(0, 800)}`;
      } catch (error) {
        report[`${i.app}-${i.index}`] = `no answer: ${(error as Error).message} (exit ${i.process?.exitCode ?? i.process?.signalCode ?? 'none'})`;
      }
    }
    return report;
  }

  async healthyOnes(): Promise<Instance[]> {
    const states = await Promise.all(this.instances.map((i) => this.healthy(i)));
    return this.instances.filter((_, k) => states[k]);
  }

  async allHealthy(instances: readonly Instance[] = this.instances): Promise<boolean> {
    const states = await Promise.all(instances.map((i) => this.healthy(i)));
    return states.every(Boolean);
  }

  /** Waits until the instances answer 200 on /health; throws naming the ones that do not. */
  async waitHealthy(timeoutMs: number, instances: readonly Instance[] = this.instances): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.allHealthy(instances)) return;
      await sleep(250);
    }
    const sick = [];
    for (const i of instances) if (!(await this.healthy(i))) sick.push(`${i.app}-${i.index}`);
    throw new Error(`not healthy after ${timeoutMs} ms: ${sick.join(', ')} (logs in ${this.logDir})`);
  }

  /** SIGTERM to every instance, SIGKILL to those still running after `graceMs`. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const running = this.instances.map((i) => i.process).filter((p): p is ChildProcess => !!p && p.exitCode === null && p.signalCode === null);
    const exits = running.map((p) => new Promise<void>((resolve) => p.once('exit', () => resolve())));
    for (const p of running) p.kill('SIGTERM');
    const timer = setTimeout(() => running.forEach((p) => p.kill('SIGKILL')), graceMs);
    await Promise.all(exits);
    clearTimeout(timer);
  }
}
