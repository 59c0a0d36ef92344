/**
 * outreach-ingest: engagement webhooks through analytics-ingest with the four apps running.
 * After setup (ingest-setup.ts) every contact of one active email campaign is sent; then each
 * contact gets its engagement — a hard bounce (1 in 10), else an open, a click (1 in 3) and a
 * reply (1 in 5) — fired BENCH_INGEST_CONCURRENCY at a time. Measured: answers/s at the HTTP
 * door with p50/p99 answer time, and first request → the projection's counters showing every
 * effect (events/s to the read model). Reference in the same run: as many GET /health requests
 * to the same analytics-ingest process at the same concurrency.
 */
import { outreach as outreachWire } from '@campaign/contracts';
import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { pool as inParallel, rssMegabytes, summarize } from '../stats';
import { type Apps, startApps, stopApps } from './ingest-apps';
import { type Campaign, setUpSentCampaign } from './ingest-setup';
import type { Emit } from './rebuild';
import { BENCH_SECRETS } from '../app-env';

const CONTACTS = Number(process.env.BENCH_INGEST_CONTACTS ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 64);
const E2E_TIMEOUT_MS = Number(process.env.BENCH_INGEST_TIMEOUT_MS ?? 300_000);

interface Hit {
  readonly kind: 'open' | 'click' | 'reply' | 'bounce';
  readonly contact: number;
}

/** Each contact's engagement; the final statuses do not depend on the order the hits land in. */
const hitsOf = (count: number): Hit[] =>
  Array.from({ length: count }, (_, i): Hit[] =>
    i % 10 === 0
      ? [{ kind: 'bounce', contact: i }]
      : [
          { kind: 'open', contact: i },
          ...(i % 3 === 0 ? [{ kind: 'click' as const, contact: i }] : []),
          ...(i % 5 === 1 ? [{ kind: 'reply' as const, contact: i }] : []),
        ],
  ).flat();

/** What the read model must show once every hit has landed (status-rules.md). */
const expectedOf = (hits: readonly Hit[], count: number) => {
  const bounced = hits.filter((h) => h.kind === 'bounce').length;
  const replies = hits.filter((h) => h.kind === 'reply').length;
  return { contacts_reached: count - bounced, emails_sent: count, responses_received: replies, engagement_rows: count + hits.length };
};

const request = (ingestUrl: string, campaign: Campaign, hit: Hit, n: number): Promise<Response> => {
  const { token } = campaign.contacts[hit.contact];
  const json = (path: string, body: object) =>
    fetch(`${ingestUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_SECRETS.WEBHOOK_SECRET}` },
      body: JSON.stringify(body),
    });
  const agent = { 'user-agent': `bench-mail-client/${n}` };
  switch (hit.kind) {
    case 'open':
      return fetch(`${ingestUrl}/v1/track/open/${token}.gif`, { headers: agent });
    case 'click': {
      const target = 'https://example.com/jobs/senior-java-developer';
      const sig = outreachWire.tracking.signClickUrl(token, target, BENCH_SECRETS.TRACKING_SECRET);
      return fetch(`${ingestUrl}/v1/track/click/${token}?url=${encodeURIComponent(target)}&sig=${sig}`, { headers: agent, redirect: 'manual' });
    }
    case 'reply':
      return json('/v1/webhooks/replies', { token, channel: 'email', text: `Interested — contact ${hit.contact}`, providerEventId: `bench-reply-${n}` });
    case 'bounce':
      return json('/v1/webhooks/bounces', { token, bounceType: 'hard', reason: 'mailbox does not exist', providerEventId: `bench-bounce-${n}` });
  }
};

/** Fires `total` requests `CONCURRENCY` at a time; answer times and status counts. */
const fire = async (total: number, send: (i: number) => Promise<Response>) => {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await inParallel(total, CONCURRENCY, async (i) => {
    const sent = performance.now();
    const response = await send(i);
    await response.arrayBuffer();
    latencies.push(performance.now() - sent);
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  });
  return { seconds: (performance.now() - started) / 1000, latencies, statuses };
};

const readModel = async (pg: Pool, schema: string, campaignId: string) => {
  const { rows } = await pg.query<{ contacts_reached: number; emails_sent: number; responses_received: number; engagement_rows: number }>(
    `SELECT c.contacts_reached, c.emails_sent, c.responses_received,
            (SELECT count(*)::int FROM ${schema}.engagement_tracking et JOIN ${schema}.campaign_contacts cc ON cc.id = et.campaign_contact_id
              WHERE cc.campaign_id = c.id) AS engagement_rows
       FROM ${schema}.campaigns c WHERE c.id = $1`,
    [campaignId],
  );
  return rows[0];
};

const waitForReadModel = async (pg: Pool, schema: string, campaignId: string, expected: Record<string, number>, since: number) => {
  for (;;) {
    const seen = await readModel(pg, schema, campaignId);
    if (seen && Object.entries(expected).every(([key, value]) => seen[key as keyof typeof seen] === value)) return (performance.now() - since) / 1000;
    if (performance.now() - since > E2E_TIMEOUT_MS)
      throw new Error(`the read model did not reach ${JSON.stringify(expected)} within ${E2E_TIMEOUT_MS} ms: ${JSON.stringify(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const run = async (apps: Apps, pg: Pool, emit: Emit) => {
  const campaign = await setUpSentCampaign(apps, CONTACTS, CONCURRENCY);
  const schema = apps.env.OUTREACH_SCHEMA;
  await waitForReadModel(pg, schema, campaign.campaignId, { emails_sent: CONTACTS, engagement_rows: CONTACTS }, performance.now());
  emit({
    bench: 'outreach-ingest-setup',
    contacts: CONTACTS,
    setup_seconds: Math.round(campaign.setupSeconds * 100) / 100,
    dispatch_and_send_seconds: Math.round(campaign.sendSeconds * 100) / 100,
  });
  const hits = hitsOf(CONTACTS);
  const expected = expectedOf(hits, CONTACTS);
  const started = performance.now();
  const load = await fire(hits.length, (i) => request(apps.ingest.url, campaign, hits[i], i));
  const e2eSeconds = await waitForReadModel(pg, schema, campaign.campaignId, expected, started);
  const health = await fire(hits.length, () => fetch(`${apps.ingest.url}/health`));
  const kinds = Object.fromEntries(['open', 'click', 'reply', 'bounce'].map((k) => [k, hits.filter((h) => h.kind === k).length]));
  const rate = (seconds: number) => Math.round(hits.length / seconds);
  const secs = (seconds: number) => Math.round(seconds * 100) / 100;
  const settings = { contacts: CONTACTS, concurrency: CONCURRENCY, requests: hits.length, kinds };
  emit({
    bench: 'outreach-ingest',
    impl: 'analytics-ingest webhooks + tracking hits, answered',
    ...settings,
    seconds: secs(load.seconds),
    per_second: rate(load.seconds),
    statuses: load.statuses,
    ...summarize(load.latencies),
  });
  emit({
    bench: 'outreach-ingest',
    impl: 'same, until the projection shows every effect (counters + engagement rows)',
    ...settings,
    seconds: secs(e2eSeconds),
    per_second: rate(e2eSeconds),
    expected,
  });
  emit({
    bench: 'outreach-ingest',
    impl: 'GET /health on the same analytics-ingest (reference: the HTTP stack)',
    ...settings,
    seconds: secs(health.seconds),
    per_second: rate(health.seconds),
    statuses: health.statuses,
    ...summarize(health.latencies),
  });
  emit({
    bench: 'outreach-ingest-ratio',
    answered_vs_health: Math.round((health.seconds / load.seconds) * 100) / 100,
    read_model_vs_health: Math.round((health.seconds / e2eSeconds) * 100) / 100,
  });
  const rss = Object.fromEntries([apps.command, apps.projection, apps.ingest, apps.timers].map((app) => [app.name, rssMegabytes(app.process.pid ?? 0)]));
  emit({ bench: 'memory', context: 'outreach-ingest', rss_mb: rss });
};

export const runIngestBench = async (emit: Emit): Promise<void> => {
  const suffix = uniqueSuffix();
  const pg = testPool(4);
  let apps: Apps | null = null;
  try {
    apps = await startApps(suffix);
    await run(apps, pg, emit);
  } catch (error) {
    if (apps) process.stderr.write(`--- campaign-command logs ---\n${apps.command.logs.join('').slice(-3_000)}\n`);
    throw error;
  } finally {
    if (apps) await stopApps(apps);
    const { rows } = await pg.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [`bench\\_%\\_${suffix}`]);
    for (const { name } of rows) await pg.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    await pg.end();
  }
};
