import { randomUUID } from 'node:crypto';
import { freePort, type RunningApp, sleep, startApp, TcpGate } from '@campaign/testing';
import { OPERATOR_HEADERS, Platform, postJson } from './support/platform';

describe('PostgreSQL out of reach: start-up waits, requests get 503', () => {
  const platform = new Platform();
  const real = new URL(platform.env.DATABASE_URL);
  let gate: TcpGate;
  let app: RunningApp | undefined;

  beforeEach(async () => {
    gate = new TcpGate(await freePort(), { host: real.hostname, port: Number(real.port || 5432) });
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    await gate.close();
  });

  it('waits for PostgreSQL and comes up healthy once it can be reached, without exiting', async () => {
    const starting = startApp('timer-scheduler', await freePort(), { ...platform.env, DATABASE_URL: TcpGate.via(platform.env.DATABASE_URL, gate.port) });
    // Refused for a while (longer than one back-off step), then reachable.
    await sleep(4_000);
    await gate.open();

    app = await starting;

    expect(app.process.exitCode).toBeNull();
    expect(app.logs.join('')).toContain('a dependency is unreachable at start-up; trying again');
    const health = (await (await fetch(`${app.url}/health`)).json()) as { checks: { postgres: { ok: boolean } } };
    expect(health.checks.postgres.ok).toBe(true);
  });

  it('with STARTUP_WAIT_MS=0 fails at the first refusal, exit code 1, naming the cause', async () => {
    const failed = startApp('timer-scheduler', await freePort(), {
      ...platform.env,
      DATABASE_URL: TcpGate.via(platform.env.DATABASE_URL, gate.port),
      STARTUP_WAIT_MS: '0',
    });

    await expect(failed).rejects.toThrow(/timer-scheduler exited with 1[\s\S]*service failed to start[\s\S]*ECONNREFUSED/);
  });

  it('a command sent while the database is unreachable gets 503 UNAVAILABLE with Retry-After, and the same request succeeds once it is back', async () => {
    await gate.open();
    app = await startApp('campaign-command', await freePort(), { ...platform.env, DATABASE_URL: TcpGate.via(platform.env.DATABASE_URL, gate.port) });
    const campaignId = randomUUID();
    const create = () =>
      fetch(`${app?.url}/v1/lifecycle/campaigns`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `gate-${campaignId}`, ...OPERATOR_HEADERS },
        body: JSON.stringify({ campaignId, durationHours: 1 }),
      });

    await gate.close();
    const refused = await create();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ status: 'REJECTED', code: 'UNAVAILABLE' });

    await gate.open();
    const accepted = await create();
    expect(accepted.status).toBe(201);
    expect((await postJson(`${app.url}/v1/lifecycle/campaigns/${campaignId}/start`, {})).status).toBe(200);
  });
});
