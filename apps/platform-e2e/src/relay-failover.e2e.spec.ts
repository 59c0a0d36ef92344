import { randomUUID } from 'node:crypto';
import type { RunningApp } from '@campaign/testing';
import { waitFor } from '@campaign/testing';
import { getJson, Platform, postJson } from './support/platform';

interface Health {
  readonly checks: { readonly 'outbox-relay'?: { readonly detail?: { readonly leader?: boolean } } };
}

const isLeader = async (app: RunningApp): Promise<boolean> =>
  ((await getJson(`${app.url}/health`)).body as unknown as Health).checks['outbox-relay']?.detail?.leader === true;

/**
 * The relay's leadership is a lease PostgreSQL enforces: a leader that freezes (SIGSTOP) and
 * so stops renewing it loses it, and the other instance publishes instead.
 */
describe('relay fail-over: a frozen leader does not hold publishing', () => {
  const platform = new Platform();
  let instances: RunningApp[] = [];

  beforeAll(async () => {
    const env = { RELAY_LEASE_MS: '3000' };
    instances = [await platform.startInstance('campaign-command', 'a', env), await platform.startInstance('campaign-command', 'b', env)];
    await platform.start('projection');
    // Three starts in turn, each given a minute to be healthy.
  }, 240_000);
  afterAll(async () => {
    for (const app of instances) if (app.process.exitCode === null) app.process.kill('SIGCONT');
    await platform.stopAll();
  });

  it('SIGSTOP of the leading instance: the other takes over and the next command reaches the read model', async () => {
    const leader = await waitFor('one instance to lead the relay', async () => {
      for (const app of instances) if (await isLeader(app)) return app;
      return undefined;
    });
    const follower = instances.find((app) => app !== leader) as RunningApp;
    leader.process.kill('SIGSTOP');
    const campaignId = randomUUID();
    const created = await postJson(`${follower.url}/v1/lifecycle/campaigns`, { campaignId, durationHours: 2 });
    expect(created.status).toBe(201);
    await waitFor(
      'the campaign in the read model, published by the other instance',
      async () => (await getJson(`${platform.url('projection')}/v1/lifecycle/campaigns/${campaignId}`)).status === 200,
      { timeoutMs: 60_000 },
    );
    expect(await isLeader(follower)).toBe(true);
    leader.process.kill('SIGCONT');
    // Back from its freeze, the old leader finds its lease gone and does not lead alongside.
    await waitFor('the old leader to step down', async () => !(await isLeader(leader)), { timeoutMs: 30_000 });
  });
});
