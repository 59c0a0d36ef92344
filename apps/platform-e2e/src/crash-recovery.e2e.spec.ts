import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dumpTables, REPO_ROOT, sleep, testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { Platform, postJson } from './support/platform';

const LIFECYCLE_TABLES = [
  { table: 'campaigns', orderBy: 'id' },
  { table: 'campaign_state_log', orderBy: 'id' },
  { table: 'campaign_metrics', orderBy: 'id' },
];

const CAMPAIGNS = 500;
const STEPS = ['create', 'start', 'join-a', 'join-b'] as const;

describe('crash recovery: kill -9 during a load of 2,000 commands', () => {
  const platform = new Platform();
  let pool: Pool;

  beforeAll(async () => {
    pool = testPool(4);
    await platform.start('campaign-command');
    await platform.start('projection');
  });
  afterAll(async () => {
    await platform.stopAll();
    await pool.end();
  });

  /**
   * Sends one command until it is answered, with the same Idempotency-Key, as a careful client
   * would; gives up after 90 s (a restart takes well under that), naming the command.
   */
  const sendUntilAnswered = async (path: string, body: object, key: string) => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      try {
        const response = await postJson(`${platform.url('campaign-command')}/v1/lifecycle/campaigns${path}`, body, { 'idempotency-key': key });
        if (response.status < 500) return response;
      } catch {
        // campaign-command is down (killed); keep trying until it is back.
      }
      await sleep(100);
    }
    throw new Error(`no answer to ${key} within 90 s`);
  };

  const stepRequest = (campaignId: string, step: (typeof STEPS)[number]) => {
    switch (step) {
      case 'create':
        return { path: '', body: { campaignId, durationHours: 12 } };
      case 'start':
        return { path: `/${campaignId}/start`, body: {} };
      case 'join-a':
        return { path: `/${campaignId}/participants`, body: { participantId: 'a' } };
      case 'join-b':
        return { path: `/${campaignId}/participants`, body: { participantId: 'b' } };
    }
  };

  it('loses and doubles nothing: the read models equal a rebuild from the event store', async () => {
    const campaignIds = Array.from({ length: CAMPAIGNS }, () => randomUUID());
    const accepted: { campaignId: string; eventIds: string[] }[] = [];
    let sent = 0;
    const load = async (ids: string[]) => {
      for (const campaignId of ids) {
        for (const step of STEPS) {
          const { path, body } = stepRequest(campaignId, step);
          const response = await sendUntilAnswered(path, body, `${campaignId}:${step}`);
          expect(response.body.status).toBe('ACCEPTED');
          accepted.push({ campaignId, eventIds: response.body.eventIds as string[] });
          sent++;
        }
      }
    };
    const workers = Array.from({ length: 20 }, (_, w) => load(campaignIds.filter((_, i) => i % 20 === w)));
    const chaos = (async () => {
      await waitFor('500 commands', async () => sent >= 500, { timeoutMs: 120_000 });
      await platform.kill('campaign-command');
      await platform.start('campaign-command');
      await waitFor('1,200 commands', async () => sent >= 1_200, { timeoutMs: 120_000 });
      await platform.kill('projection');
      await platform.start('projection');
    })();
    await Promise.all([...workers, chaos]);
    expect(accepted).toHaveLength(CAMPAIGNS * STEPS.length);

    const schema = platform.lifecycleSchema;
    await waitFor(
      'the projection to catch up',
      async () => {
        const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.campaign_metrics WHERE metric_type = 'PARTICIPANT_COUNT'`);
        return rows[0].n === CAMPAIGNS * 2;
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );

    const eventIds = accepted.flatMap((a) => a.eventIds);
    const { rows: stored } = await pool.query(`SELECT count(*)::int AS n FROM ${platform.env.EVENTSTORE_SCHEMA}.events WHERE event_id = ANY($1::uuid[])`, [
      eventIds,
    ]);
    expect(stored[0].n).toBe(eventIds.length);
    const { rows: running } = await pool.query(`SELECT count(*)::int AS n FROM ${schema}.campaigns WHERE status = 'RUNNING' AND id = ANY($1::uuid[])`, [
      campaignIds,
    ]);
    expect(running[0].n).toBe(CAMPAIGNS);

    const verify = `verify_${platform.suffix}`;
    await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'apps/projection/dist/rebuild.main.js'), 'lifecycle', '--into', verify], {
      env: { ...process.env, ...platform.env },
      timeout: 120_000,
    });
    const live = JSON.parse(JSON.stringify(await dumpTables(pool, schema, LIFECYCLE_TABLES)));
    const rebuilt = JSON.parse(JSON.stringify(await dumpTables(pool, verify, LIFECYCLE_TABLES)));
    expect(live.campaigns).toHaveLength(CAMPAIGNS);
    expect(live).toEqual(rebuilt);
    await pool.query(`DROP SCHEMA ${verify} CASCADE`);
    // Longer than its waits added up: two kills and restarts under load, the catch-up, the rebuild.
  }, 600_000);
});
