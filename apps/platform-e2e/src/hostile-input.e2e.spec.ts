/**
 * Issue 8, deliverable 9: generated hostile requests and Kafka messages against the four apps.
 * Each row of the issue's table is a `describe`; each family of generated cases an `it` that
 * lists the cases that got through. Every case must end in a typed rejection (a 4xx whose JSON
 * says `status: 'REJECTED'` and a code; on Kafka a REJECTED result, or the dead-letter topic for
 * bytes that are no command), never a 5xx or a hang; afterwards the event store holds exactly
 * the events it held before, every app is healthy and valid commands still pass every door.
 * The cases are drawn from a seeded PRNG: HOSTILE_SEED=<n> replays a run.
 */
import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import {
  ads as adsWire,
  type CommandResult,
  decodeCommandResult,
  encodeCommand,
  topicsFor,
  outreach as outreachWire,
  CONTEXT_CONTRACTS,
} from '@campaign/contracts';
import { signJwt, contextScope, allScopes } from '@campaign/runtime';
import { AdPlatformsStandIn, serviceToken, testCommandSigner, testKafka, testPool, userToken, waitFor } from '@campaign/testing';
import type { Consumer, Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { registerOrganization } from './support/outreach';
import { E2E_SECRETS, OPERATOR_HEADERS, Platform } from './support/platform';
import * as hostile from './support/hostile';
import type { Door, Route } from './support/hostile';
import * as hostileAds from './support/hostile-ads';

const SEED = Number(process.env.HOSTILE_SEED ?? 8_0009);
const IN_FLIGHT = 16;
/** ADS_PUSH_MAX_ROWS of the suite's analytics-ingest: small, so that a push over it fits a Kafka message. */
const ADS_MAX_ROWS = 200;
const TIMEOUT_MS = 10_000;
const ALL_SCOPES = allScopes(CONTEXT_CONTRACTS.map((c) => c.context));
const rng = new hostile.Rng(SEED);
const bearer = (token: string) => `Bearer ${token}`;

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
  readonly text: string;
}
interface Expect {
  readonly status?: readonly number[];
  readonly codes?: readonly string[];
}
interface HttpCase {
  readonly name: string;
  readonly app: hostile.AppName;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly expect?: Expect;
  /** Overrides the typed-rejection check (isolation reads may answer 200 with nothing of the other org). */
  readonly check?: (answer: Answer) => string | null;
  /** Declares a body of this many bytes and sends only the first 64 KiB of it (see withoutTheBody). */
  readonly declaredBytes?: number;
}
/** How a request is spoiled: raw (already percent-encoded) path params and query values, a body, an Authorization. */
interface Spoil {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly auth?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Runs `work` over `items` with at most `limit` in flight. */
const inParallel = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
};

const parsed = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const typedRejection = (answer: Answer, expect: Expect = {}): string | null => {
  if (answer.status >= 500) return `a ${answer.status}`;
  if (answer.status < 400) return `accepted (${answer.status})`;
  if (answer.body.status !== 'REJECTED' || typeof answer.body.code !== 'string') return `an untyped ${answer.status}`;
  if (expect.status && !expect.status.includes(answer.status)) return `${answer.status}, expected ${expect.status.join('/')}`;
  if (expect.codes && !expect.codes.includes(answer.body.code)) return `${answer.body.code}, expected ${expect.codes.join('/')}`;
  return null;
};

describe('hostile input: every door answers a typed rejection, writes nothing and stays up (issue 8)', () => {
  const platform = new Platform();
  const kafka = testKafka();
  let producer: Producer;
  let tap: Consumer;
  let pool: Pool;
  const results = new Map<string, CommandResult>();
  const deadLetters = new Set<string>();
  let ran = 0;
  let baseline = 0;
  const f = {} as Record<
    | 'orgId'
    | 'ownerId'
    | 'lifecycleId'
    | 'outreachId'
    | 'contactId'
    | 'timerId'
    | 'token'
    | 'ghostToken'
    | 'decoy'
    | 'intruderOrg'
    | 'intruderAdmin'
    | 'lifecycleKey'
    | 'outreachKey'
    | 'adAccountId'
    | 'adCampaignId'
    | 'adPlatformAccountId'
    | 'adPlatformCampaignId'
    | 'ghostId'
    | 'alertType'
    | 'bucket'
    | 'adsKey',
    string
  >;
  let standIn: AdPlatformsStandIn;
  /** The answers of the ads bulk door on Kafka (ads.metric-import-results), by importId. */
  const importResults = new Map<string, Record<string, unknown>>();
  /** The end offsets of ads.metric-facts once the fixtures stood: no hostile push may move them. */
  let factsBaseline = '';
  const lifecycleCreate = { durationHours: 24, startTime: new Date(Date.now() + 30 * 86_400_000).toISOString() };

  const fixture = (name: string): string => (name === 'newId' ? randomUUID() : ((f as Record<string, string>)[name] ?? `:${name}`));
  const filled = (value: unknown): unknown => {
    if (typeof value === 'string') return value.startsWith(':') ? fixture(value.slice(1)) : value;
    if (Array.isArray(value)) return value.map(filled);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filled(v)]));
    return value;
  };
  const adminOf = (orgId: string, sub: string, role = 'admin') => bearer(userToken(orgId, sub, role, E2E_SECRETS.jwt));
  const authFor = (door: Door): string | null => {
    if (door === 'tenant' || door === 'ads') return adminOf(f.orgId, f.ownerId);
    if (door === 'ads-read' || door === 'ads-tenant') return adminOf(f.orgId, f.ownerId, 'analyst');
    if (door === 'webhook') return bearer(E2E_SECRETS.webhook);
    if (door === 'tracking') return null;
    return bearer(serviceToken([door], 'e2e-hostile', E2E_SECRETS.jwt));
  };

  /** The route's valid request, spoiled in one place, named for the failure list. */
  const spoiled = (route: Route, name: string, spoil: Spoil = {}, expect?: Expect): HttpCase => {
    const path = route.path.replace(/:([A-Za-z]+)/g, (_, p: string) => spoil.params?.[p] ?? encodeURIComponent(fixture(p)));
    const query = [
      ...Object.entries(route.query ?? {})
        .filter(([k]) => !(spoil.query && k in spoil.query))
        .map(([k, v]) => `${k}=${encodeURIComponent(String(filled(v)))}`),
      ...Object.entries(spoil.query ?? {}).map(([k, v]) => `${k}=${v}`),
    ].join('&');
    const auth = spoil.auth === undefined ? authFor(route.door) : spoil.auth;
    const form = route.door === 'tracking' && route.method === 'POST';
    const body =
      spoil.rawBody ?? (route.method === 'GET' ? undefined : form ? formOf(spoil.body ?? route.body) : JSON.stringify(spoil.body ?? filled(route.body ?? {})));
    const headers = {
      ...(body === undefined ? {} : { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
      ...(auth ? { authorization: auth } : {}),
      ...spoil.headers,
    };
    return {
      name: `${route.method} ${route.path}: ${name}`,
      app: route.app,
      method: route.method,
      path: query ? `${path}?${query}` : path,
      headers,
      body,
      expect,
    };
  };
  const formOf = (body: unknown) =>
    Object.entries(body as Record<string, string>)
      .map(([k, v]) => `${encodeURIComponent(k)}=${hostile.percentEncode(v)}`)
      .join('&');

  const call = async (c: HttpCase): Promise<Answer | string> => {
    if (c.declaredBytes !== undefined) return withoutTheBody(c, c.declaredBytes);
    try {
      const response = await fetch(`${platform.url(c.app)}${c.path}`, {
        method: c.method,
        headers: c.headers,
        body: c.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: parsed(text), text };
    } catch (error) {
      return `no answer within ${TIMEOUT_MS} ms (${(error as Error).message})`;
    }
  };

  /** Declares `declared` body bytes, sends 64 KiB and waits: an answer that needs the body never comes. */
  const withoutTheBody = (c: HttpCase, declared: number): Promise<Answer | string> =>
    new Promise((resolve) => {
      const url = new URL(`${platform.url(c.app)}${c.path}`);
      const req = httpRequest({
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: c.method,
        headers: { ...c.headers, 'content-length': String(declared) },
      });
      const timer = setTimeout(() => {
        req.destroy();
        resolve(`no answer within ${TIMEOUT_MS} ms: the body was awaited`);
      }, TIMEOUT_MS);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          req.destroy();
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, headers: new Headers(), body: parsed(text), text });
        });
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        resolve(`the connection failed before an answer: ${error.message}`);
      });
      req.write(Buffer.alloc(64 * 1024, 0x20));
    });

  /** Sends every case (16 in flight) and lists the ones that were not refused as they should be. */
  const failuresOf = async (cases: readonly HttpCase[]): Promise<string[]> => {
    const failures: string[] = [];
    await inParallel(cases, IN_FLIGHT, async (c) => {
      ran++;
      const answer = await call(c);
      const problem = typeof answer === 'string' ? answer : c.check ? c.check(answer) : typedRejection(answer, c.expect);
      if (problem) failures.push(`${c.name} → ${problem}${typeof answer === 'string' ? '' : `: ${answer.text.slice(0, 160)}`}`);
    });
    return failures;
  };
  const expectAllRefused = async (cases: readonly HttpCase[]) => {
    const failures = await failuresOf(cases);
    expect({ seed: SEED, failed: failures.length, of: cases.length, first: failures.slice(0, 12) }).toEqual({
      seed: SEED,
      failed: 0,
      of: cases.length,
      first: [],
    });
  };

  const eventCount = async (where = 'TRUE', params: unknown[] = []) =>
    (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${platform.env.EVENTSTORE_SCHEMA}".events WHERE ${where}`, params)).rows[0].n;

  /** Every fact analytics-ingest received has an outcome (accepted, rejected, duplicate, ignored or failed): its counters balance. */
  const ingestSettled = async (): Promise<boolean> => {
    const text = await (await fetch(`${platform.url('analytics-ingest')}/metrics`)).text();
    const total = (name: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
        .reduce((n, line) => n + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    const outcomes = ['duplicate', 'accepted', 'rejected', 'failed', 'ignored'].reduce((n, o) => n + total(`ingest_facts_${o}_total`), 0);
    return total('ingest_facts_received_total') === outcomes;
  };

  /** The command doors' groups have committed past every command on their topics now: all were decided (or set aside). */
  const commandsConsumed = async (): Promise<boolean> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const [topic, groupId] of [
        [topicsFor('lifecycle', platform.env.TOPIC_PREFIX).commands, platform.env.COMMAND_CONSUMER_GROUP],
        [topicsFor('outreach', platform.env.TOPIC_PREFIX).commands, `${platform.env.COMMAND_CONSUMER_GROUP}-outreach`],
        [topicsFor('ads', platform.env.TOPIC_PREFIX).commands, `${platform.env.COMMAND_CONSUMER_GROUP}-ads`],
        [adsWire.metricImportsTopic(platform.env.TOPIC_PREFIX), platform.env.ADS_IMPORTS_GROUP],
      ] as const) {
        const ends = await admin.fetchTopicOffsets(topic);
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        for (const { partition, high } of ends) {
          const at = committed.partitions.find((c) => c.partition === partition)?.offset ?? '-1';
          if (Number(high) > 0 && Number(at) < Number(high)) return false;
        }
      }
      return true;
    } finally {
      await admin.disconnect();
    }
  };

  /** The lifecycle timer planner has read the target campaign's whole stream (its timer events are written with its checkpoint). */
  const plannerCaughtUp = async (): Promise<boolean> => {
    const { rows } = await pool.query<{ planned: number | null; head: number }>(
      `SELECT (SELECT stream_version FROM "${platform.env.LIFECYCLE_TIMER_SCHEMA}".campaigns WHERE campaign_id = $1) AS planned,
              (SELECT max(stream_version) FROM "${platform.env.EVENTSTORE_SCHEMA}".events WHERE stream_id = 'campaign-' || $1) AS head`,
      [f.lifecycleId],
    );
    return rows[0].planned !== null && rows[0].planned === rows[0].head;
  };

  const api = (app: hostile.AppName, method: string, path: string, auth: string, body?: unknown, headers: Record<string, string> = {}) =>
    call({
      name: path,
      app,
      method,
      path,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }) as Promise<Answer>;

  /** The high watermarks of ads.metric-facts, partition by partition. */
  const factsOffsets = async (): Promise<string> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(adsWire.metricFactsTopic(platform.env.TOPIC_PREFIX));
      return ends.map((p) => `${p.partition}:${p.high}`).join(' ');
    } finally {
      await admin.disconnect();
    }
  };

  /**
   * seed 003 fixtures: a Google account of the target org connected (its first sync, by the
   * timer it sets, recorded), a campaign registered under it and projected. Then the event store
   * stands still: the next sync is 15 minutes away.
   */
  const adsFixtures = async () => {
    const run = String(Date.now()).slice(-7);
    Object.assign(f, {
      adPlatformAccountId: `8${run}01`,
      adPlatformCampaignId: `8${run}11`,
      ghostId: randomUUID(),
      alertType: 'roas_drop',
      bucket: hostileAds.recentBucket(),
      adsKey: randomUUID(),
    });
    standIn.data.addAccount({ platform: 'google', platformAccountId: f.adPlatformAccountId, timeZone: 'America/New_York', currency: 'USD' });
    const admin = adminOf(f.orgId, f.ownerId);
    const account = await api('campaign-command', 'POST', '/v1/ads/accounts', admin, filled(routeOf('POST', '/v1/ads/accounts').body), {
      'idempotency-key': f.adsKey,
    });
    f.adAccountId = String(account.body.accountId);
    const campaign = await api('campaign-command', 'POST', '/v1/ads/campaigns', admin, filled(routeOf('POST', '/v1/ads/campaigns').body));
    f.adCampaignId = String(campaign.body.campaignId);
    expect([account.status, campaign.status]).toEqual([201, 201]);
    const synced = "event_type IN ('AdAccountSynced', 'AdAccountSyncFailed') AND stream_id = $1";
    await waitFor('the ad account’s first sync', async () => (await eventCount(synced, [`ads-account-${f.adAccountId}`])) > 0, { timeoutMs: 60_000 });
    const read = adminOf(f.orgId, f.ownerId, 'analyst');
    await waitFor('the ad campaign projected', async () => (await api('projection', 'GET', `/v1/ads/campaigns/${f.adCampaignId}`, read)).status === 200);
    let last = -1;
    await waitFor(
      'the event store to stand still after the sync (its next timer planned)',
      async () => {
        const n = await eventCount();
        const still = n === last;
        last = n;
        return still || undefined;
      },
      { timeoutMs: 60_000, intervalMs: 1_500 },
    );
  };

  beforeAll(async () => {
    // The suite plays the trusted proxy: tracking families come from addresses of their own.
    platform.env.TRUSTED_PROXY_HOPS = '1';
    // seed 003: the ads syncs read a stand-in of the platforms; a push of more rows than this is METRIC_ROWS_TOO_MANY.
    standIn = await AdPlatformsStandIn.start();
    Object.assign(platform.env, standIn.connectorEnv(), { ADS_PUSH_MAX_ROWS: String(ADS_MAX_ROWS) });
    await Promise.all((['campaign-command', 'projection', 'timer-scheduler', 'analytics-ingest'] as const).map((app) => platform.start(app)));
    pool = testPool(2);
    f.decoy = `hostile_decoy_${platform.suffix}`;
    await pool.query(`CREATE SCHEMA "${f.decoy}"; CREATE TABLE "${f.decoy}".kept (n int); INSERT INTO "${f.decoy}".kept VALUES (1)`);
    producer = kafka.producer();
    await producer.connect();
    tap = kafka.consumer({ groupId: `hostile-tap-${platform.suffix}` });
    await tap.connect();
    const topics = (['lifecycle', 'outreach', 'ads'] as const).flatMap((context) => [
      topicsFor(context, platform.env.TOPIC_PREFIX).commandResults,
      topicsFor(context, platform.env.TOPIC_PREFIX).deadLetter,
    ]);
    const importResultsTopic = adsWire.metricImportResultsTopic(platform.env.TOPIC_PREFIX);
    await tap.subscribe({ topics: [...topics, importResultsTopic], fromBeginning: true });
    await tap.run({
      eachMessage: async ({ topic, message }) => {
        const key = message.key?.toString() ?? '';
        if (topic.endsWith('dead-letter')) deadLetters.add(key);
        else if (topic === importResultsTopic) importResults.set(key, parsed(message.value?.toString() ?? ''));
        else results.set(key, decodeCommandResult(message.value ?? Buffer.alloc(0)));
      },
    });

    const target = await registerOrganization(platform, 'Hostile Target Org');
    const intruder = await registerOrganization(platform, 'Intruder Org');
    Object.assign(f, {
      orgId: target.orgId,
      ownerId: target.adminId,
      intruderOrg: intruder.orgId,
      intruderAdmin: intruder.adminId,
      timerId: randomUUID(),
      lifecycleKey: randomUUID(),
      outreachKey: randomUUID(),
    });
    const created = await api(
      'campaign-command',
      'POST',
      '/v1/outreach/campaigns',
      adminOf(f.orgId, f.ownerId),
      { name: 'Target campaign', channel: 'email', campaign_type: 'talent_sourcing' },
      { 'idempotency-key': f.outreachKey },
    );
    f.outreachId = String(created.body.campaignId);
    const added = await api('campaign-command', 'POST', `/v1/outreach/campaigns/${f.outreachId}/contacts`, adminOf(f.orgId, f.ownerId), {
      contacts: [{ email: 'target@example.com', first_name: 'Tar', last_name: 'Get' }],
    });
    f.contactId = (added.body.contactIds as string[])[0];
    f.lifecycleId = randomUUID();
    const lifecycle = await api(
      'campaign-command',
      'POST',
      '/v1/lifecycle/campaigns',
      OPERATOR_HEADERS.authorization,
      { campaignId: f.lifecycleId, ...lifecycleCreate },
      { 'idempotency-key': f.lifecycleKey },
    );
    expect([created.status, added.status, lifecycle.status]).toEqual([201, 200, 201]);
    f.token = outreachWire.tracking.signTrackingToken({ orgId: f.orgId, campaignId: f.outreachId, contactId: f.contactId }, E2E_SECRETS.tracking);
    f.ghostToken = outreachWire.tracking.signTrackingToken({ orgId: f.orgId, campaignId: f.outreachId, contactId: randomUUID() }, E2E_SECRETS.tracking);
    const lifecycleTimers = async () => {
      // The scheduler records the timers the campaign implies as events of its own: wait for them.
      await waitFor("the target campaign's timers", async () => (await eventCount('stream_id LIKE $1', [`campaign-${f.lifecycleId}/timer-%`])) > 0);
      await waitFor('the timer planner to have read the whole campaign', plannerCaughtUp);
    };
    await Promise.all([lifecycleTimers(), adsFixtures()]);
    baseline = await eventCount();
    factsBaseline = await factsOffsets();
  }, 150_000);

  afterAll(async () => {
    // HOSTILE_LOGS=<dir> keeps every app's log of the run, to see what a failing case did inside.
    if (process.env.HOSTILE_LOGS) {
      for (const app of platform.apps.keys()) writeFileSync(`${process.env.HOSTILE_LOGS}/${app}.log`, platform.logsOf(app));
    }
    await tap?.disconnect();
    await producer?.disconnect();
    await pool?.query(`DROP SCHEMA IF EXISTS "${f.decoy}" CASCADE`);
    await pool?.end();
    await platform.stopAll();
    await standIn?.close();
  });

  const ROUTES = hostile.routes();
  const guarded = ROUTES.filter((r) => r.door !== 'tracking');
  const commandRoutes = ROUTES.filter((r) => r.app === 'campaign-command');
  const withBody = ROUTES.filter((r) => r.method !== 'GET');
  const routeOf = (method: string, path: string) => ROUTES.find((r) => r.method === method && r.path === path) as Route;
  const tracking = (kind: string, method = 'GET') => routeOf(method, `/v1/track/${kind}/:ghostToken`);
  /** A client address of its own per tracking family, so one family's rate limit is not another's. */
  const fromAddress = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}`, 'user-agent': 'hostile-suite' });

  describe('row 1: an operator route drops any schema (rebuild into=<existing schema>)', () => {
    it('a rebuild into any schema it did not make is refused REBUILD_TARGET_NOT_OWNED; bad names and swaps are 400; the schemas live on', async () => {
      const owned = ['EVENTSTORE_SCHEMA', 'LIFECYCLE_SCHEMA', 'OUTREACH_SCHEMA', 'LIFECYCLE_TIMER_SCHEMA', 'OUTREACH_TIMER_SCHEMA', 'DISPATCH_SCHEMA']
        .map((k) => platform.env[k])
        .concat(f.decoy);
      const badNames = [
        'Eventstore',
        'es"; DROP SCHEMA public CASCADE; --',
        '1abc',
        'a-b',
        'a'.repeat(64),
        ' ',
        'pg_catalog.events',
        `${f.decoy}%00`,
        '%E2%80%AE',
        '',
      ];
      const cases = (['lifecycle', 'outreach'] as const).flatMap((context) => {
        const route = routeOf('POST', `/v1/admin/rebuild/${context}`);
        return [
          ...owned.flatMap((into) =>
            ['true', 'false'].map((swap) =>
              spoiled(route, `into=${into} swap=${swap}`, { query: { into, swap } }, { status: [409], codes: ['REBUILD_TARGET_NOT_OWNED'] }),
            ),
          ),
          ...badNames.map((into) =>
            spoiled(route, `into=${into}`, { query: { into: into.includes('%') ? into : encodeURIComponent(into) } }, { status: [400] }),
          ),
          ...['yes', '1', 'TRUE', '', 'false;DROP'].map((swap) =>
            spoiled(route, `swap=${swap}`, { query: { swap: encodeURIComponent(swap) } }, { status: [400] }),
          ),
        ];
      });
      // One at a time: a refused rebuild must leave the next one free (not REBUILD_IN_PROGRESS).
      const failures: string[] = [];
      for (const c of cases) failures.push(...(await failuresOf([c])));
      expect({ failed: failures.length, of: cases.length, first: failures.slice(0, 12) }).toEqual({ failed: 0, of: cases.length, first: [] });
      const { rows } = await pool.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE nspname = ANY($1)', [owned]);
      expect(rows.map((r) => r.nspname).sort()).toEqual([...owned].sort());
      expect((await pool.query(`SELECT n FROM "${f.decoy}".kept`)).rows).toEqual([{ n: 1 }]);
      expect(await eventCount()).toBe(baseline);
    });
  });

  describe('row 2: routes with no credentials', () => {
    const variants = (door: Door): { name: string; auth: string | null; expect: Expect }[] => {
      const unauthorized = { status: [401], codes: ['UNAUTHORIZED'] };
      const forbidden = (code: string) => ({ status: [403], codes: [code] });
      const all = [
        { name: 'no Authorization', auth: null, expect: unauthorized },
        { name: 'Bearer alone', auth: 'Bearer', expect: unauthorized },
        { name: 'a garbage bearer', auth: bearer(rng.word(20, 60)), expect: unauthorized },
        { name: 'Basic credentials', auth: `Basic ${Buffer.from('admin:admin').toString('base64')}`, expect: unauthorized },
        { name: 'a token signed with another secret', auth: bearer(serviceToken(ALL_SCOPES, 'e2e-hostile', `${E2E_SECRETS.jwt}-other`)), expect: unauthorized },
        {
          name: 'an expired token',
          auth: bearer(
            signJwt({ sub: f.ownerId, org_id: f.orgId, role: 'admin', scope: ALL_SCOPES.join(' '), iat: 1_600_000_000, exp: 1_600_000_600 }, E2E_SECRETS.jwt),
          ),
          expect: unauthorized,
        },
      ];
      if (door === 'webhook') {
        return [
          ...all,
          { name: 'an operator JWT instead of the secret', auth: OPERATOR_HEADERS.authorization, expect: unauthorized },
          { name: 'the secret and a byte more', auth: bearer(`${E2E_SECRETS.webhook}x`), expect: unauthorized },
        ];
      }
      const more = [...all, { name: 'the webhook secret as a bearer', auth: bearer(E2E_SECRETS.webhook), expect: unauthorized }];
      if (door === 'tenant')
        return [...more, { name: 'a service token with every scope and no org', auth: OPERATOR_HEADERS.authorization, expect: forbidden('TENANT_REQUIRED') }];
      // seed 003: ads acts in the token's org; analysts read, marketers and admins act.
      const noOrg = { name: 'a service token with every scope and no org', auth: OPERATOR_HEADERS.authorization, expect: forbidden('TENANT_REQUIRED') };
      if (door === 'ads')
        return [...more, noOrg, { name: 'an analyst of the org', auth: adminOf(f.orgId, f.ownerId, 'analyst'), expect: forbidden('AD_ROLE_REQUIRED') }];
      if (door === 'ads-tenant') return [...more, noOrg];
      if (door === 'ads-read') {
        return [
          ...more,
          { name: 'a user of the org with no reading role', auth: adminOf(f.orgId, f.ownerId, 'recruiter'), expect: forbidden('AD_ROLE_REQUIRED') },
          {
            name: 'a service token with every scope but ads:read',
            auth: bearer(
              serviceToken(
                ALL_SCOPES.filter((s) => s !== 'ads:read'),
                'e2e-hostile',
                E2E_SECRETS.jwt,
              ),
            ),
            expect: forbidden('FORBIDDEN'),
          },
        ];
      }
      return [
        ...more,
        {
          name: `every scope but ${door}`,
          auth: bearer(
            serviceToken(
              ALL_SCOPES.filter((s) => s !== door),
              'e2e-hostile',
              E2E_SECRETS.jwt,
            ),
          ),
          expect: forbidden('FORBIDDEN'),
        },
        { name: 'an org admin', auth: adminOf(f.orgId, f.ownerId), expect: forbidden('FORBIDDEN') },
      ];
    };

    it('every guarded route refuses a caller without the credentials it needs: 401 UNAUTHORIZED or 403 FORBIDDEN/TENANT_REQUIRED', async () => {
      await expectAllRefused(guarded.flatMap((route) => variants(route.door).map((v) => spoiled(route, v.name, { auth: v.auth }, v.expect))));
    });
  });

  describe('row 3: idempotency keys are global', () => {
    it('ids with the prefixes of internal commands (timer-, ingest-, dispatch-, system-…) are refused 400, as header or as commandId', async () => {
      await expectAllRefused(
        commandRoutes.flatMap((route) =>
          hostile.RESERVED_PREFIXES.flatMap((prefix) => {
            const key = `${prefix}${rng.uuid()}`;
            return [
              spoiled(route, `Idempotency-Key ${key}`, { headers: { 'idempotency-key': key } }, { status: [400], codes: ['INVALID_REQUEST'] }),
              spoiled(
                route,
                `commandId ${key}`,
                { body: { ...(filled(route.body) as object), commandId: key } },
                { status: [400], codes: ['INVALID_REQUEST'] },
              ),
            ];
          }),
        ),
      );
    });

    it('a key sent again with another body or on another route of the same tenant is IDEMPOTENCY_KEY_REUSED', async () => {
      const reused = { status: [422], codes: ['IDEMPOTENCY_KEY_REUSED'] };
      const lifecycleKey = { 'idempotency-key': f.lifecycleKey };
      const outreachKey = { 'idempotency-key': f.outreachKey };
      const create = routeOf('POST', '/v1/lifecycle/campaigns');
      const createOutreach = routeOf('POST', '/v1/outreach/campaigns');
      const adsKey = { 'idempotency-key': f.adsKey };
      const connectAccount = routeOf('POST', '/v1/ads/accounts');
      await expectAllRefused([
        ...Array.from({ length: 10 }, () => rng.int(25, 5_000)).map((hours) =>
          spoiled(
            create,
            `same key, durationHours ${hours}`,
            { headers: lifecycleKey, body: { campaignId: f.lifecycleId, ...lifecycleCreate, durationHours: hours } },
            reused,
          ),
        ),
        ...Array.from({ length: 5 }, () => rng.uuid()).map((id) =>
          spoiled(create, `same key, campaign ${id}`, { headers: lifecycleKey, body: { campaignId: id, ...lifecycleCreate } }, reused),
        ),
        ...commandRoutes
          .filter((r) => r.door === 'lifecycle:write' && r !== create)
          .map((route) => spoiled(route, "the create's key", { headers: lifecycleKey }, reused)),
        ...Array.from({ length: 10 }, () => rng.word()).map((name) =>
          spoiled(
            createOutreach,
            `same key, name ${name}`,
            { headers: outreachKey, body: { name, channel: 'email', campaign_type: 'talent_sourcing' } },
            reused,
          ),
        ),
        ...commandRoutes
          .filter((r) => r.door === 'tenant' && r !== createOutreach)
          .map((route) => spoiled(route, "the create's key", { headers: outreachKey }, reused)),
        // seed 003: the key that connected the org's ad account, on every other ads route and on the same one with another body.
        ...commandRoutes
          .filter((r) => r.door === 'ads' && r !== connectAccount)
          .map((route) => spoiled(route, "the account connection's key", { headers: adsKey }, reused)),
        spoiled(connectAccount, 'same key, another name', { headers: adsKey, body: { ...(filled(connectAccount.body) as object), name: rng.word() } }, reused),
      ]);
    });
  });

  /** Another org's answer: a read shows none of the org's ids (`mine`), anything else is a typed rejection. */
  const readsNoneOf =
    (mine: () => readonly string[]) =>
    (answer: Answer, method: string): string | null =>
      method === 'GET' && answer.status === 200
        ? mine().some((id) => answer.text.includes(id))
          ? "shows the other org's rows"
          : null
        : typedRejection(answer);

  describe('row 4: row-level security crosses orgs', () => {
    it("a token of another org — whoever its sub names, whatever its role — reads none of the org's rows and changes none", async () => {
      const aimed = ROUTES.filter((r) => r.door === 'tenant' && /:outreachId|:contactId/.test(r.path)).concat(
        routeOf('GET', '/v1/outreach/campaigns'),
        routeOf('GET', '/v1/outreach/performance'),
      );
      const readsNothing = readsNoneOf(() => [f.outreachId, f.contactId]);
      const subs = { "the other org's campaign owner": f.ownerId, "the other org's id": f.orgId, 'its own admin': f.intruderAdmin, 'a stranger': rng.uuid() };
      await expectAllRefused(
        Object.entries(subs).flatMap(([who, sub]) =>
          ['admin', 'ta_manager', 'recruiter'].flatMap((role) =>
            aimed.map((route) => ({
              ...spoiled(route, `org B, sub = ${who}, role ${role}`, { auth: adminOf(f.intruderOrg, sub, role) }),
              check: (a: Answer) => readsNothing(a, route.method),
            })),
          ),
        ),
      );
    });
  });

  describe('row 4 in ads (seed 003): another org', () => {
    it("reads none of the org's ad accounts, campaigns or figures and changes none, whatever its role", async () => {
      // Its own budgets and guardrails are its own to set: every other ads route names the org's account or campaign.
      const own = ['/v1/ads/budgets', '/v1/ads/guardrails'];
      const aimed = ROUTES.filter((r) => r.door.startsWith('ads') && !(r.method !== 'GET' && own.includes(r.path)));
      const readsNothing = readsNoneOf(() => [f.adAccountId, f.adCampaignId, f.adPlatformAccountId, f.adPlatformCampaignId]);
      const cases = ['admin', 'marketer', 'analyst'].flatMap((role) =>
        [f.intruderAdmin, f.ownerId].flatMap((sub) =>
          aimed.map((route) => ({
            ...spoiled(route, `org B, sub ${sub === f.ownerId ? "= the org's admin" : 'its own'}, role ${role}`, { auth: adminOf(f.intruderOrg, sub, role) }),
            check: (a: Answer) => readsNothing(a, route.method),
          })),
        ),
      );
      // A user naming the org in the query reads nothing either (a service names the org; a user reads its own).
      const named = ROUTES.filter((r) => r.door === 'ads-read').map((route) =>
        spoiled(
          route,
          '?org_id = the org',
          { auth: adminOf(f.intruderOrg, f.intruderAdmin, 'analyst'), query: { org_id: f.orgId } },
          { status: [403], codes: ['TENANT_MISMATCH'] },
        ),
      );
      await expectAllRefused([...cases, ...named]);
    });
  });

  describe('row 5: NUL (U+0000) or a lone surrogate in any string → 5xx', () => {
    const invalidText = { status: [400], codes: ['INVALID_TEXT', 'INVALID_REQUEST'] };
    const slotsOf = (route: Route) => hostile.stringSlots(filled(route.body)).concat(route.app === 'campaign-command' ? [['commandId']] : []);

    it('in a JSON body field (every string of every body, commandId too) → 400 INVALID_TEXT', async () => {
      await expectAllRefused(
        withBody
          .filter((r) => r.door !== 'tracking')
          .flatMap((route) =>
            slotsOf(route).flatMap((slot) =>
              hostile
                .hostileTexts(rng, 6)
                .map((text) =>
                  spoiled(
                    route,
                    `body.${slot.join('.')} = ${JSON.stringify(text)}`,
                    { body: hostile.replacedAt(filled(route.body), slot, text) },
                    route.door === 'webhook' ? undefined : invalidText,
                  ),
                ),
            ),
          )
          .concat(
            hostile
              .hostileTexts(rng, 6)
              .map((text) =>
                spoiled(
                  routeOf('POST', '/v1/lifecycle/campaigns'),
                  `metadata key ${JSON.stringify(text)}`,
                  { body: { ...lifecycleCreate, metadata: { [text]: 1 } } },
                  invalidText,
                ),
              ),
            hostile
              .nulTexts(rng, 4)
              .map((text) =>
                spoiled(
                  tracking('unsubscribe', 'POST'),
                  `form List-Unsubscribe=${JSON.stringify(text)}`,
                  { body: { 'List-Unsubscribe': text }, headers: fromAddress(5) },
                  invalidText,
                ),
              ),
          ),
      );
    });

    it('in a path parameter (NUL) → 400 INVALID_TEXT', async () => {
      await expectAllRefused(
        ROUTES.flatMap((route) =>
          hostile
            .placeholders(route.path)
            .flatMap((param) =>
              hostile
                .nulTexts(rng, 3)
                .map((text) =>
                  spoiled(
                    route,
                    `:${param} = ${JSON.stringify(text)}`,
                    { params: { [param]: hostile.percentEncode(text) }, headers: fromAddress(6) },
                    invalidText,
                  ),
                ),
            ),
        ),
      );
    });

    it("in a path parameter (a lone surrogate, sent as its WTF-8 bytes) → a typed 400, not the framework's own answer", async () => {
      await expectAllRefused(
        ROUTES.flatMap((route) =>
          hostile
            .placeholders(route.path)
            .flatMap((param) =>
              ['\uD800', `${rng.word()}\uDFFF`].map((text) =>
                spoiled(
                  route,
                  `:${param} = ${JSON.stringify(text)}`,
                  { params: { [param]: hostile.percentEncode(text) }, headers: fromAddress(7) },
                  { status: [400] },
                ),
              ),
            ),
        ),
      );
    });

    it('in a query parameter, known or not (NUL) → 400 INVALID_TEXT', async () => {
      await expectAllRefused(
        ROUTES.flatMap((route) =>
          [...Object.keys(route.query ?? {}), 'hostile'].flatMap((key) =>
            hostile
              .nulTexts(rng, 3)
              .map((text) =>
                spoiled(route, `?${key}=${JSON.stringify(text)}`, { query: { [key]: hostile.percentEncode(text) }, headers: fromAddress(8) }, invalidText),
              ),
          ),
        ),
      );
    });

    it('in a JWT claim carried by the Authorization header (sub, role, org_id, scope) → 401', async () => {
      const claims = (door: Door, text: string): Record<string, Record<string, unknown>> =>
        hostile.PERSON_DOORS.includes(door)
          ? {
              sub: { sub: text, org_id: f.orgId, role: 'admin' },
              role: { sub: f.ownerId, org_id: f.orgId, role: text },
              org_id: { sub: f.ownerId, org_id: `${f.orgId}${text}`, role: 'admin' },
            }
          : { sub: { sub: `e2e${text}`, scope: door }, scope: { sub: 'e2e-hostile', scope: `${door}${text}` } };
      await expectAllRefused(
        guarded
          .filter((r) => r.door !== 'webhook')
          .flatMap((route) =>
            hostile
              .hostileTexts(rng, 2)
              .flatMap((text) =>
                Object.entries(claims(route.door, text)).map(([claim, payload]) =>
                  spoiled(
                    route,
                    `JWT ${claim} = ${JSON.stringify(text)}`,
                    { auth: bearer(signJwt({ ...payload, exp: Math.floor(Date.now() / 1000) + 600 }, E2E_SECRETS.jwt)) },
                    { status: [400, 401] },
                  ),
                ),
              ),
          ),
      );
    });
  });

  describe('row 6: prototype names as routes → 500', () => {
    it('Object.prototype names as an action, an id, a query value or key, a body enum or a JSON key are 4xx', async () => {
      const names = hostile.PROTOTYPE_NAMES;
      const transition = routeOf('POST', '/v1/lifecycle/campaigns/:lifecycleId/start');
      const enumSlots: [Route, string[]][] = [
        ...['start', 'close', 'open-reward-claim', 'expire'].map((a): [Route, string[]] => [
          routeOf('POST', `/v1/lifecycle/campaigns/:lifecycleId/${a}`),
          ['trigger'],
        ]),
        [routeOf('POST', '/v1/outreach/campaigns'), ['campaign_type']],
        [routeOf('POST', '/v1/outreach/campaigns'), ['channel']],
        [routeOf('POST', '/v1/outreach/templates'), ['channel']],
        [routeOf('POST', '/v1/outreach/users'), ['role']],
        [routeOf('POST', '/v1/outreach/campaigns/:outreachId/complete'), ['reason']],
        [routeOf('POST', '/v1/outreach/campaigns/:outreachId/contacts/:contactId/responses'), ['channel']],
        [routeOf('POST', '/v1/webhooks/bounces'), ['bounceType']],
        [routeOf('POST', '/v1/webhooks/linkedin'), ['activity']],
        [routeOf('POST', '/v1/webhooks/replies'), ['channel']],
        [routeOf('POST', '/v1/ads/accounts'), ['platform']],
        [routeOf('POST', '/v1/ads/campaigns'), ['platform']],
        [routeOf('POST', '/v1/ads/campaigns'), ['budget_type']],
        [routeOf('POST', '/v1/ads/actions'), ['action_type']],
        [routeOf('POST', '/v1/ads/actions'), ['platform']],
        [routeOf('POST', '/v1/ads/metrics'), ['rows', '0', 'platform']],
      ];
      const queried: [Route, string][] = [
        [routeOf('GET', '/v1/timers'), 'context'],
        [routeOf('GET', '/v1/lifecycle/campaigns'), 'status'],
        [routeOf('GET', '/v1/outreach/campaigns'), 'orderBy'],
        [routeOf('GET', '/v1/outreach/campaigns'), 'status'],
        [routeOf('GET', '/v1/outreach/campaigns/:outreachId/contacts'), 'status'],
        [routeOf('GET', '/v1/ads/recommendations'), 'status'],
        [routeOf('GET', '/v1/ads/alerts'), 'active'],
        [routeOf('GET', '/v1/ads/performance'), 'days'],
        [routeOf('GET', '/v1/ads/campaigns/:adCampaignId/performance'), 'bucket'],
        [routeOf('GET', '/v1/ads/campaigns/:adCampaignId/performance'), 'from'],
      ];
      const at = (route: Route, path: string): HttpCase => ({ ...spoiled(route, ''), name: `${route.method} ${path}`, path, expect: { status: [404] } });
      const ids = ROUTES.filter((r) => r.door !== 'tracking' && /:(lifecycleId|outreachId|timerId|adAccountId|adCampaignId|ghostId|alertType)/.test(r.path));
      const adsBudget = routeOf('POST', '/v1/ads/budgets');
      await expectAllRefused(
        names
          .flatMap((name) => [
            ...[f.lifecycleId, rng.uuid()].map((id) => at(transition, `/v1/lifecycle/campaigns/${id}/${name}`)),
            at(routeOf('POST', '/v1/outreach/campaigns/:outreachId/activate'), `/v1/outreach/campaigns/${f.outreachId}/${name}`),
            ...ids.map((route) =>
              spoiled(route, `id ${name}`, {
                params: { lifecycleId: name, outreachId: name, timerId: name, adAccountId: name, adCampaignId: name, ghostId: name, alertType: name },
              }),
            ),
            at(routeOf('POST', '/v1/ads/actions/:ghostId/approve'), `/v1/ads/actions/${f.ghostId}/${name}`),
            at(routeOf('POST', '/v1/ads/accounts/:adAccountId/syncs'), `/v1/ads/accounts/${f.adAccountId}/${name}`),
            // seed 003 budget_allocations.allocations: a platform key the split may not name.
            spoiled(adsBudget, `allocations.${name}`, {
              body: { ...(filled(adsBudget.body) as object), allocations: JSON.parse(`{"${name}":"10.00"}`) as object },
            }),
            ...queried.map(([route, key]) => spoiled(route, `?${key}=${name}`, { query: { [key]: name } })),
            spoiled(routeOf('GET', '/v1/outreach/campaigns'), `?${name}=x`, { query: { [name]: 'x' } }),
            ...enumSlots.map(([route, slot]) =>
              spoiled(route, `body.${slot.join('.')} = ${name}`, { body: hostile.replacedAt(filled(route.body), slot, name) }),
            ),
          ])
          .concat(
            withBody
              .filter((r) => r.door !== 'tracking')
              .flatMap((route) =>
                ['__proto__', 'constructor'].map((key) =>
                  spoiled(route, `JSON key ${key}`, {
                    rawBody: JSON.stringify(filled(route.body ?? {})).replace(/^\{/, `{"${key}":{"prototype":{"polluted":true}},`),
                  }),
                ),
              ),
          ),
      );
    });
  });

  describe('row 7: accepted but never projectable (instants beyond the supported range)', () => {
    it('a lifecycle start beyond 2999 or before 2000, a duration past the range, an outreach date past 2999-12-31: 4xx', async () => {
      const create = routeOf('POST', '/v1/lifecycle/campaigns');
      const dated = [routeOf('POST', '/v1/outreach/campaigns'), routeOf('PATCH', '/v1/outreach/campaigns/:outreachId')];
      const refused = { status: [400, 422] };
      await expectAllRefused([
        ...hostile
          .outOfRangeInstants(rng, 30)
          .flatMap((startTime) =>
            [1, 24].map((hours) => spoiled(create, `startTime ${startTime}, ${hours} h`, { body: { startTime, durationHours: hours } }, refused)),
          ),
        ...[876_001, 2 ** 31, 1e12, -1, 0, 1e308].map((hours) =>
          spoiled(create, `durationHours ${hours}`, { body: { ...lifecycleCreate, durationHours: hours } }, refused),
        ),
        ...['2999-06-01T00:00:00Z', '2990-01-01T00:00:00Z'].map((startTime) =>
          spoiled(create, `start ${startTime}, ending past 2999`, { body: { startTime, durationHours: 24 * 365 * 20 } }, refused),
        ),
        ...['3000-01-01', '9999-12-31', '+275760-09-13', '10000-01-01', '99999-12-31', '2024-02-30', '2024-13-01', 'not-a-date'].flatMap((date) =>
          ['start_date', 'end_date'].flatMap((field) =>
            dated.map((route) => spoiled(route, `${field} ${date}`, { body: { ...(filled(route.body) as object), [field]: date } }, refused)),
          ),
        ),
      ]);
    });
  });

  describe('row 7 in ads (seed 003): instants and dates beyond the supported range', () => {
    it("a campaign's start or end, a budget period, a metric row's time, a series' from or to outside 2000–2999: 4xx, nothing stored", async () => {
      const campaign = routeOf('POST', '/v1/ads/campaigns');
      const budget = routeOf('POST', '/v1/ads/budgets');
      const series = routeOf('GET', '/v1/ads/campaigns/:adCampaignId/performance');
      const push = routeOf('POST', '/v1/ads/metrics');
      const refused = { status: [400, 409, 422] };
      const bodyOf = (route: Route, changes: object) => ({ ...(filled(route.body) as object), ...changes });
      const dayAround = (instant: string): Record<string, string> => {
        const ms = Date.parse(instant);
        if (Number.isNaN(ms)) return { from: encodeURIComponent(instant), to: encodeURIComponent(instant) };
        const [from, to] = ms + 86_400_000 > 8.64e15 ? [new Date(ms - 86_400_000).toISOString(), instant] : [instant, new Date(ms + 86_400_000).toISOString()];
        return { from: encodeURIComponent(from), to: encodeURIComponent(to), bucket: 'hour' };
      };
      await expectAllRefused([
        ...hostileAds.adsOutOfRangeInstants.flatMap((instant) => [
          spoiled(campaign, `start_date ${instant}`, { body: bodyOf(campaign, { start_date: instant, end_date: null }) }, refused),
          spoiled(campaign, `end_date ${instant}`, { body: bodyOf(campaign, { start_date: null, end_date: instant }) }, refused),
          spoiled(
            push,
            `a row's time ${instant}`,
            { body: { rows: [{ ...hostileAds.goodMetricRow(f.bucket), platform_campaign_id: f.adPlatformCampaignId, time: instant }] } },
            {
              status: [422],
              codes: ['METRIC_ROWS_REJECTED'],
            },
          ),
          ...['from', 'to'].map((key) =>
            spoiled(series, `?${key}=${instant}`, { query: { [key]: encodeURIComponent(instant) } }, { status: [400], codes: ['AD_METRICS_QUERY_INVALID'] }),
          ),
          // A day-long range around the instant, so that no other rule (from before to, 9,000 points) answers first.
          spoiled(series, `a day at ${instant}`, { query: dayAround(instant) }, { status: [400], codes: ['AD_METRICS_QUERY_INVALID'] }),
        ]),
        ...hostileAds.adsOutOfRangeDates.flatMap((date) =>
          (['period_start', 'period_end'] as const).map((field) =>
            spoiled(
              budget,
              `${field} ${date}`,
              {
                body: bodyOf(
                  budget,
                  field === 'period_start' ? { period_start: date, period_end: '2999-12-31' } : { period_start: '2000-01-01', period_end: date },
                ),
              },
              refused,
            ),
          ),
        ),
      ]);
    });
  });

  describe('ads (seed 003): wrong types, oversize values, malformed query and path parameters', () => {
    /** Money is a decimal string or a JSON number (docs/ads.md): a number is no wrong type there. */
    const MONEY = new Set(['budget_amount', 'total_budget', 'max_change_per_action', 'max_change_per_day', 'change_amount']);
    /** Values of another type than the field's, or past what its column holds (the confidences' 0.5 would be a right one). */
    const wrongFor = (key: string, value: unknown): unknown[] => {
      if (typeof value === 'string') return [...(MONEY.has(key) ? [] : [rng.int(1, 1_000)]), true, [], { $ne: null }, 'x'.repeat(100_000)];
      if (typeof value === 'number') return [String(value), true, [], {}, -1, 1e308];
      if (typeof value === 'boolean') return ['true', 1, [], {}];
      return ['x', 1, true, Array.isArray(value) ? {} : []];
    };

    it('every top-level field of every ads body, given a wrong type or an oversize value (sampled): a typed 4xx', async () => {
      const bodies = ROUTES.filter((r) => r.door === 'ads' && r.body && Object.keys(r.body).length > 0);
      await expectAllRefused(
        bodies.flatMap((route) =>
          Object.entries(filled(route.body) as Record<string, unknown>).flatMap(([key, value]) => {
            const wrong = wrongFor(key, value);
            return [rng.pick(wrong), rng.pick(wrong)].map((bad) =>
              spoiled(
                route,
                `body.${key} = ${JSON.stringify(bad).slice(0, 40)}`,
                { body: { ...(filled(route.body) as object), [key]: bad } },
                { status: [400, 404, 409, 413, 422] },
              ),
            );
          }),
        ),
      );
    });

    it('query parameters out of their range, of another form, repeated or unknown, and ids that are no UUID: 400', async () => {
      const reads = ROUTES.filter((r) => r.app === 'projection' && r.door.startsWith('ads'));
      const malformed: [string, string[]][] = [
        ['limit', ['0', '-1', '1001', '1e3', '10.5', '99999999999999999999', '0x10', ' 10', '']],
        ['offset', ['-1', '1.5', '1000000001', 'x']],
        ['hours', ['0', '721', '24h', '-24']],
        ['status', ['PENDING', 'all', '*', "pending' OR '1'='1"]],
        ['active', ['yes', '1', 'TRUE', '']],
        ['days', ['0', '401', '7.5', '-7', '1e2', '0x7', '%207', '']],
        ['bucket', ['HOUR', 'month', 'minute', '']],
        ['from', ['2026-01-08T00:00:00Z', 'yesterday', '2026-01-01T25:00:00Z', '']],
        ['org_id', ['not-a-uuid']],
      ];
      const invalid = { status: [400, 403] };
      const cases = reads.flatMap((route) => [
        ...malformed
          // A campaign's platform and status are free filters (seed 003: VARCHAR), org_id is the ads-read door's.
          .filter(([key]) => (key in (route.query ?? {}) && route.path !== '/v1/ads/campaigns') || (key === 'org_id' && route.door === 'ads-read'))
          .flatMap(([key, values]) =>
            values.map((value) => spoiled(route, `?${key}=${value}`, { query: { [key]: value.startsWith('%') ? value : encodeURIComponent(value) } }, invalid)),
          ),
        ...Object.keys(route.query ?? {})
          .slice(0, 1)
          .map((key) =>
            spoiled(
              route,
              `?${key} twice`,
              { query: { [key]: `${encodeURIComponent(route.query?.[key] ?? '')}&${key}=${encodeURIComponent(route.query?.[key] ?? '')}` } },
              invalid,
            ),
          ),
        ...(route.door === 'ads-read' ? [spoiled(route, '?unknown=1', { query: { unknown: '1' } }, { status: [400], codes: ['INVALID_QUERY'] })] : []),
        ...hostile
          .placeholders(route.path)
          .flatMap((param) =>
            ['1', 'x'.repeat(300), "' OR 1=1 --", '..%2F..%2Fetc', `${f.adCampaignId}x`, f.adCampaignId.replace(/-/g, '')].map((id) =>
              spoiled(route, `:${param} = ${id.slice(0, 40)}`, { params: { [param]: id.includes('%') ? id : encodeURIComponent(id) } }, { status: [400, 404] }),
            ),
          ),
      ]);
      await expectAllRefused(cases);
    });
  });

  describe('row 10: body parsed before auth', () => {
    const posted = () => withBody.filter((r) => r.door !== 'tracking');
    const MiB = 1_048_576;

    // Declared within the route's limit, so only authentication can answer before the body arrives.
    it('a body the route would take, declared but not sent, without valid credentials: 401 before it is sent', async () => {
      const callers: [string, string | null][] = [
        ['no Authorization', null],
        ['a garbage bearer', bearer(rng.word(30, 40))],
        ['another secret', bearer(serviceToken(ALL_SCOPES, 'x', `${E2E_SECRETS.jwt}-other`))],
      ];
      await expectAllRefused(
        posted().flatMap((route) =>
          callers.map(([name, auth]) => ({
            ...spoiled(route, `${name}, a body declared`, { auth }, { status: [401], codes: ['UNAUTHORIZED'] }),
            body: undefined,
            declaredBytes: route.bodyLimitBytes ? route.bodyLimitBytes - 4 * MiB : 1_000_000,
          })),
        ),
      );
    });

    it("a body over the route's limit is 413 before it is read; a content type the route does not read is a typed 4xx", async () => {
      await expectAllRefused(
        posted().flatMap((route) => [
          {
            ...spoiled(route, 'a body over its limit', {}, { status: [413] }),
            body: undefined,
            declaredBytes: (route.bodyLimitBytes ?? MiB) + MiB,
          },
          ...['text/xml', 'application/octet-stream', 'multipart/form-data; boundary=x'].map((type) =>
            spoiled(route, `content-type ${type}`, { headers: { 'content-type': type } }, { status: [400, 415] }),
          ),
        ]),
      );
    });
  });

  describe('row 11: click redirects anywhere', () => {
    it('a genuine tracking token with a URL nobody signed for it is refused, never redirected', async () => {
      const fixed = [
        'https://evil.example/phish',
        'http://evil.example',
        'https://intime.com.evil.example/jobs',
        'https://intime.com@evil.example/',
        'HTTPS://EVIL.EXAMPLE/',
        'http://127.0.0.1:22/',
        'http://169.254.169.254/latest/meta-data/',
        'https://evil.example/%0d%0aSet-Cookie:%20x=1',
        'https://xn--80ak6aa92e.com/',
        'https://example.com/jobs',
        '//evil.example/x',
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
      ];
      const urls = [...fixed, ...Array.from({ length: 20 }, () => `https://${rng.word()}.example/${rng.word()}`)];
      const click = tracking('click');
      await expectAllRefused(
        [
          ["the contact's token", f.token],
          ['a token for no contact', f.ghostToken],
        ].flatMap(([who, token]) =>
          urls.flatMap((url, i) => [
            spoiled(click, `${who} → ${url}`, { params: { ghostToken: token }, query: { url: encodeURIComponent(url) }, headers: fromAddress(11) }),
            ...(i % 6 === 0
              ? [
                  spoiled(click, `${who} → ${url}, a made-up signature`, {
                    params: { ghostToken: token },
                    query: { url: encodeURIComponent(url), sig: rng.word(20, 40) },
                    headers: fromAddress(11),
                  }),
                ]
              : []),
          ]),
        ),
      );
    });
  });

  describe('row 13: deployment blockers — JWT verification (HS256 only, no lifetime or claim checks)', () => {
    it('forged, tampered, expired, not-yet-valid, over-long-lived and malformed tokens are 401 on every kind of door', async () => {
      const representatives = [
        routeOf('POST', '/v1/lifecycle/campaigns'),
        routeOf('GET', '/v1/lifecycle/campaigns'),
        routeOf('GET', '/v1/timers'),
        routeOf('POST', '/v1/timers/:timerId/fire-now'),
        routeOf('POST', '/v1/admin/rebuild/lifecycle'),
        routeOf('PATCH', '/v1/outreach/campaigns/:outreachId'),
        routeOf('GET', '/v1/outreach/campaigns/:outreachId'),
        routeOf('GET', '/v1/outreach/campaigns'),
        routeOf('POST', '/v1/ads/actions'),
        routeOf('DELETE', '/v1/ads/accounts/:adAccountId'),
        routeOf('POST', '/v1/ads/metrics'),
        routeOf('GET', '/v1/ads/campaigns/:adCampaignId'),
        routeOf('GET', '/v1/ads/performance'),
      ];
      const claimsOf = (door: Door) =>
        hostile.PERSON_DOORS.includes(door) ? { sub: f.ownerId, org_id: f.orgId, role: 'admin' } : { sub: 'e2e-forger', scope: ALL_SCOPES.join(' ') };
      await expectAllRefused(
        representatives.flatMap((route) =>
          hostile
            .forgedTokens(claimsOf(route.door), E2E_SECRETS.jwt)
            .map((forgery) => spoiled(route, `token: ${forgery.name}`, { auth: bearer(forgery.token) }, { status: [401], codes: ['UNAUTHORIZED'] })),
        ),
      );
    });
  });

  describe('row 14: no rate limits on public endpoints', () => {
    /** Hits an endpoint, 16 at a time, until it answers 429 or `max` hits went by. */
    const hammer = async (make: (i: number) => HttpCase, max = 320) => {
      let limited: Answer | null = null;
      const problems: string[] = [];
      for (let sent = 0; sent < max && !limited; sent += IN_FLIGHT) {
        await inParallel(
          Array.from({ length: IN_FLIGHT }, (_, i) => sent + i),
          IN_FLIGHT,
          async (i) => {
            ran++;
            const answer = await call(make(i));
            if (typeof answer === 'string' || answer.status >= 500) problems.push(`hit ${i}: ${typeof answer === 'string' ? answer : answer.status}`);
            else if (answer.status === 429) limited = answer;
          },
        );
      }
      expect(problems).toEqual([]);
      const answer = limited as Answer | null;
      expect({ status: answer?.status, code: answer?.body.code, retryAfter: /^\d+$/.test(answer?.headers.get('retry-after') ?? '') }).toEqual({
        status: 429,
        code: 'RATE_LIMITED',
        retryAfter: true,
      });
    };

    it('the open pixel, from one address: 429 RATE_LIMITED with Retry-After', async () => {
      await hammer((i) => spoiled(tracking('open'), `hit ${i}`, { params: { ghostToken: `${rng.word(20, 30)}.gif` }, headers: fromAddress(14) }));
    });

    it('the click redirect, from one address: 429 RATE_LIMITED with Retry-After', async () => {
      await hammer((i) => spoiled(tracking('click'), `hit ${i}`, { params: { ghostToken: rng.word(20, 30) }, headers: fromAddress(15) }));
    });

    it('the unsubscribe link, one token from many addresses: 429 RATE_LIMITED with Retry-After', async () => {
      await hammer((i) => spoiled(tracking('unsubscribe'), `hit ${i}`, { headers: { 'x-forwarded-for': `2001:db8::${(i + 1).toString(16)}` } }));
    });
  });

  // -------------------------------------------------------------------------------------------
  // Kafka command doors

  type Context = 'lifecycle' | 'outreach' | 'ads';
  const CONTEXTS = ['lifecycle', 'outreach', 'ads'] as const;
  type KafkaExpect = Expect | 'dead-letter' | 'dead-letter-or-rejected';
  interface KafkaCase {
    readonly name: string;
    readonly context: Context;
    readonly key: string;
    readonly value: Buffer;
    readonly auth?: string;
    readonly expect: KafkaExpect;
  }
  type Sign = (value: Buffer) => Promise<string | undefined> | string | undefined;

  const now = () => Math.floor(Date.now() / 1000);
  const digest = (value: Buffer) => createHash('sha256').update(value).digest('base64url');
  const doorScope = (context: Context) => (context === 'lifecycle' ? contextScope('lifecycle', 'write') : contextScope(context, 'service'));
  const service =
    (context: Context): Sign =>
    (value) =>
      testCommandSigner([doorScope(context)], 'e2e-hostile', E2E_SECRETS.jwt).sign(value);
  const envelopeOf = (
    context: Context,
    type: string,
    data: unknown,
    tenant: string | null = context === 'lifecycle' ? null : f.orgId,
    commandId = randomUUID(),
  ) => ({
    commandId,
    type,
    schemaVersion: 1,
    context,
    issuedAt: new Date().toISOString(),
    actor: 'service:timer-scheduler',
    correlationId: null,
    causationId: null,
    tenant,
    data,
  });
  const kafkaCase = async (
    name: string,
    envelope: ReturnType<typeof envelopeOf>,
    expect: KafkaExpect,
    sign: Sign = service(envelope.context as Context),
  ): Promise<KafkaCase> => {
    const value = encodeCommand(envelope);
    return { name, context: envelope.context as Context, key: envelope.commandId, value, auth: await sign(value), expect };
  };
  const newLifecycle = () => ({
    campaignId: randomUUID(),
    durationHours: 24,
    autoClose: null,
    rewardsEnabled: null,
    startTime: lifecycleCreate.startTime,
    metadata: null,
  });

  // seed 003: the org's campaign as its registration names it, a budget and an alert on it, as their commands carry them.
  const adCampaign = () => ({
    campaignId: f.adCampaignId,
    accountId: f.adAccountId,
    platform: 'google',
    platformCampaignId: f.adPlatformCampaignId,
    name: 'Search — brand',
    status: 'active',
    objective: 'SALES',
    budgetAmount: '300.00',
    budgetType: 'daily',
    startDate: '2026-01-01T00:00:00Z',
    endDate: '2027-01-01T00:00:00Z',
  });
  const adBudget = () => ({
    allocationId: randomUUID(),
    periodStart: '2026-06-01',
    periodEnd: '2026-07-01',
    totalBudget: '5000.00',
    allocations: { google: '3000.00' },
  });
  const adAlert = () => ({
    campaignId: f.adCampaignId,
    alertType: 'ROAS_DROP',
    severity: 'HIGH',
    platform: 'google',
    message: 'ROAS fell',
    metricName: 'roas',
    metricValue: '1.0000',
    thresholdValue: '2.8000',
  });

  const kafkaProblem = (c: KafkaCase): string | null => {
    const result = results.get(c.key);
    const dead = deadLetters.has(c.key);
    if (!result && !dead) return 'no result and no dead letter within 30 s';
    if (c.expect === 'dead-letter') return dead && !result ? null : `answered ${result?.status} ${result?.code} instead of going to the dead-letter topic`;
    if (!result) return c.expect === 'dead-letter-or-rejected' ? null : 'dead-lettered instead of answered';
    if (result.status !== 'REJECTED' || typeof result.code !== 'string') return `answered ${result.status}`;
    if (result.code === 'INTERNAL_ERROR') return `INTERNAL_ERROR (the Kafka door's 5xx): ${result.message}`;
    if (typeof c.expect === 'object' && c.expect.codes && !c.expect.codes.includes(result.code)) return `${result.code}, expected ${c.expect.codes.join('/')}`;
    return null;
  };

  /** Produces every case on its context's command topic and waits (30 s at most) for each one's answer. */
  const expectKafkaRefused = async (cases: readonly KafkaCase[]) => {
    for (const context of CONTEXTS) {
      const mine = cases.filter((c) => c.context === context);
      for (let i = 0; i < mine.length; i += 100) {
        const messages = mine.slice(i, i + 100).map((c) => ({ key: c.key, value: c.value, headers: c.auth ? { authorization: c.auth } : {} }));
        await producer.send({ topic: topicsFor(context, platform.env.TOPIC_PREFIX).commands, messages });
      }
    }
    ran += cases.length;
    await waitFor('every hostile message answered', async () => cases.every((c) => results.has(c.key) || deadLetters.has(c.key)), {
      timeoutMs: 30_000,
      intervalMs: 200,
    }).catch(() => undefined);
    const failures = cases.flatMap((c) => {
      const problem = kafkaProblem(c);
      return problem ? [`${c.context}.commands ${c.name} → ${problem}`] : [];
    });
    expect({ seed: SEED, failed: failures.length, of: cases.length, first: failures.slice(0, 12) }).toEqual({
      seed: SEED,
      failed: 0,
      of: cases.length,
      first: [],
    });
  };

  describe('row 12: the Kafka command door trusts the envelope', () => {
    // seed 003: every one names the org's account or campaign, so that no sender, in any org, may change it.
    const adsTargets = (): [string, unknown][] => [
      ['DisconnectAdAccount', { accountId: f.adAccountId }],
      ['RequestAdAccountSync', { accountId: f.adAccountId, syncId: randomUUID(), windowDays: null }],
      ['RegisterAdCampaign', { ...adCampaign(), name: 'taken over' }],
      ['AcknowledgeAlert', { campaignId: f.adCampaignId, alertType: 'ROAS_DROP', alertId: null }],
      ['RequestAdAction', { actionId: randomUUID(), campaignId: f.adCampaignId, actionType: 'PAUSE', platform: 'google', changeAmount: '300.00' }],
    ];
    const targets = (context: Context): [string, unknown][] =>
      context === 'lifecycle'
        ? [
            ['StartCampaign', { campaignId: f.lifecycleId, trigger: null, reason: null }],
            ['ExpireCampaign', { campaignId: f.lifecycleId, trigger: null, reason: null }],
            ['JoinCampaign', { campaignId: f.lifecycleId, participantId: 'intruder' }],
            ['CreateCampaign', newLifecycle()],
          ]
        : (
            [
              ['UpdateCampaign', { campaignId: f.outreachId, changes: { name: 'taken over' } }],
              ['ActivateCampaign', { campaignId: f.outreachId }],
              ['ArchiveCampaign', { campaignId: f.outreachId, reason: 'manual' }],
              ['AddContacts', { campaignId: f.outreachId, contacts: [{ contactId: randomUUID(), email: 'intruder@example.com' }] }],
              ['RecordResponse', { campaignId: f.outreachId, contactId: f.contactId, channel: 'email', responseText: 'hijacked' }],
              ['UnsubscribeContact', { campaignId: f.outreachId, contactId: f.contactId, reason: null }],
            ].filter(() => context === 'outreach') as [string, unknown][]
          ).concat(context === 'ads' ? adsTargets() : []);
    const senders = (context: Context): [string, Sign, string | null | undefined, Expect][] => {
      const scope = doorScope(context);
      const unauthorized = { codes: ['UNAUTHORIZED'] };
      const user =
        (role: string): Sign =>
        (value) =>
          signJwt({ sub: f.intruderAdmin, org_id: f.intruderOrg, role, msg: digest(value), exp: now() + 600 }, E2E_SECRETS.jwt);
      const common: [string, Sign, string | null | undefined, Expect][] = [
        ['unsigned, its actor naming the scheduler', () => undefined, undefined, unauthorized],
        ['signed with another secret', (v) => testCommandSigner([scope], 'e2e-hostile', `${E2E_SECRETS.jwt}-other`).sign(v), undefined, unauthorized],
        [
          'carrying the token of another message',
          () => testCommandSigner([scope], 'e2e-hostile', E2E_SECRETS.jwt).sign(Buffer.from(rng.word())),
          undefined,
          unauthorized,
        ],
        [
          'an expired token',
          (v) => signJwt({ sub: 'e2e-hostile', scope, msg: digest(v), iat: now() - 7_200, exp: now() - 3_600 }, E2E_SECRETS.jwt),
          undefined,
          unauthorized,
        ],
        [
          'alg none',
          (v) => hostile.craftJwt({ alg: 'none' }, { sub: 'e2e-hostile', scope, msg: digest(v), iat: now(), exp: now() + 600 }, null),
          undefined,
          unauthorized,
        ],
        ['an HTTP token bound to no message', () => serviceToken([scope], 'e2e-hostile', E2E_SECRETS.jwt), undefined, unauthorized],
        [
          "a service without the door's scope",
          (v) =>
            testCommandSigner(
              ALL_SCOPES.filter((s) => s !== scope),
              'e2e-hostile',
              E2E_SECRETS.jwt,
            ).sign(v),
          undefined,
          { codes: ['FORBIDDEN'] },
        ],
      ];
      if (context === 'lifecycle') return [...common, ['a user of an org', user('admin'), undefined, { codes: ['FORBIDDEN'] }]];
      return [
        ...common,
        ...(context === 'ads' ? ['admin', 'marketer', 'analyst'] : ['admin', 'ta_manager', 'recruiter']).map((role): [string, Sign, string, Expect] => [
          `a ${role} of another org naming this one`,
          user(role),
          f.orgId,
          { codes: ['FORBIDDEN'] },
        ]),
        ['a user of another org naming this one in capitals', user('admin'), f.orgId.toUpperCase(), { codes: ['FORBIDDEN'] }],
        ['a user of another org naming no org (acts in its own)', user('admin'), null, {}],
        ['a service naming no org', service(context), null, { codes: ['TENANT_REQUIRED'] }],
      ];
    };

    it("unsigned, forged, replayed, expired or unscoped commands, and another org's users, are REJECTED and change nothing", async () => {
      const cases = await Promise.all(
        CONTEXTS.flatMap((context) =>
          targets(context).flatMap(([type, data]) =>
            senders(context).map(([name, sign, tenant, expect]) =>
              kafkaCase(`${type}, ${name}`, envelopeOf(context, type, data, tenant === undefined ? undefined : tenant), expect, sign),
            ),
          ),
        ),
      );
      await expectKafkaRefused(cases);
    });
  });

  describe('row 8: unknown command type on Kafka → no result at all', () => {
    it("types the door does not accept (made up, prototype names, internal, another context's) are answered UNKNOWN_COMMAND", async () => {
      const foreign = {
        lifecycle: ['ActivateCampaign', 'AddContacts', 'DispatchContact', 'ConnectAdAccount'],
        outreach: ['StartCampaign', 'JoinCampaign', 'RemindRewardClaim', 'DispatchContact', 'SetBudgetAllocation'],
        // seed 003: the ads door takes the ads commands only (a metric row is no command: it has its own door).
        ads: ['ActivateCampaign', 'CreateCampaign', 'StartCampaign', 'RecordMetricFact', 'SyncAdAccount'],
      };
      const cases = await Promise.all(
        CONTEXTS.flatMap((context) => {
          const types = [
            ...Array.from({ length: 6 }, () => `Drop${rng.word()}`),
            ...hostile.PROTOTYPE_NAMES,
            '',
            ' ',
            'createcampaign',
            'CREATECAMPAIGN',
            ...foreign[context],
          ];
          const other: Context = context === 'lifecycle' ? 'outreach' : 'lifecycle';
          // An ads command named in another context's envelope, sent to this door.
          const adsForeign = context === 'ads' ? [] : [{ type: 'RegisterAdCampaign', context: 'ads' }];
          const envelopes = [...types.map((type) => ({ type, context })), { type: foreign[context][0], context: other }, ...adsForeign];
          return envelopes.map(async ({ type, context: named }) => {
            const commandId = randomUUID();
            const value = hostile.rawEnvelope({ commandId, type, context: named, tenant: context === 'lifecycle' ? null : f.orgId }, Buffer.from('{}'));
            return {
              name: `type ${JSON.stringify(type)} (context ${named})`,
              context,
              key: commandId,
              value,
              auth: await service(context)(value),
              expect: { codes: ['UNKNOWN_COMMAND'] },
            } as KafkaCase;
          });
        }),
      );
      await expectKafkaRefused(cases);
    });
  });

  describe('row 5 on Kafka: NUL (U+0000) in any string of a command', () => {
    it('in the data or the envelope of a signed command → REJECTED INVALID_TEXT', async () => {
      const lifecycleSlots = (text: string): [string, unknown][] => [
        ['StartCampaign', { campaignId: f.lifecycleId, trigger: null, reason: text }],
        ['JoinCampaign', { campaignId: f.lifecycleId, participantId: text }],
        ['RecordEngagement', { campaignId: f.lifecycleId, participantId: null, engagementType: text }],
        ['ClaimReward', { campaignId: f.lifecycleId, participantId: 'p', rewardId: text }],
        ['CreateCampaign', { ...newLifecycle(), metadata: { name: text } }],
        ['CreateCampaign', { ...newLifecycle(), campaignId: text }],
      ];
      const outreachSlots = (text: string): [string, unknown][] => [
        ['UpdateCampaign', { campaignId: f.outreachId, changes: { name: text } }],
        ['UpdateCampaign', { campaignId: f.outreachId, changes: { description: text } }],
        ['UpdateCampaign', { campaignId: f.outreachId, changes: { targetSkills: ['Java', text] } }],
        ['AddContacts', { campaignId: f.outreachId, contacts: [{ contactId: randomUUID(), firstName: text }] }],
        ['AddContacts', { campaignId: f.outreachId, contacts: [{ contactId: randomUUID(), email: text }] }],
        ['RecordResponse', { campaignId: f.outreachId, contactId: f.contactId, channel: 'email', responseText: text }],
        ['RecordConversion', { campaignId: f.outreachId, contactId: f.contactId, conversionType: text }],
        ['CreateLead', { leadId: randomUUID(), firstName: text }],
      ];
      // seed 003: every kind of string an ads command carries — names, ids, money, a map's keys, JSON state.
      const adsSlots = (text: string): [string, unknown][] => [
        ['ConnectAdAccount', { accountId: randomUUID(), platform: 'google', platformAccountId: '123', name: text, currency: 'USD', timeZone: 'UTC' }],
        ['ConnectAdAccount', { accountId: randomUUID(), platform: 'google', platformAccountId: '123', name: 'x', currency: 'USD', timeZone: `UTC${text}` }],
        ['RegisterAdCampaign', { ...adCampaign(), name: text }],
        ['RegisterAdCampaign', { ...adCampaign(), objective: text }],
        ['RequestAdAccountSync', { accountId: f.adAccountId, syncId: `${randomUUID()}${text}`, windowDays: null }],
        ['SetBudgetAllocation', { ...adBudget(), allocations: { [`google${text}`]: '10.00' } }],
        ['SetBudgetAllocation', { ...adBudget(), totalBudget: `5000${text}` }],
        ['RaiseAlert', { ...adAlert(), message: text }],
        [
          'RequestAdAction',
          { actionId: randomUUID(), campaignId: f.adCampaignId, actionType: 'PAUSE', platform: 'google', reasoning: text, changeAmount: '1.00' },
        ],
        [
          'RequestAdAction',
          { actionId: randomUUID(), campaignId: f.adCampaignId, actionType: 'PAUSE', platform: 'google', newState: { status: text }, changeAmount: '1.00' },
        ],
        ['RecordAdAccountSyncFailed', { accountId: f.adAccountId, syncId: randomUUID(), error: text }],
      ];
      const invalidText = { codes: ['INVALID_TEXT'] };
      const cases = await Promise.all(
        hostile
          .nulTexts(rng, 3)
          .flatMap((text) => [
            ...adsSlots(text).map(([type, data]) => kafkaCase(`${type} ${JSON.stringify(data)}`, envelopeOf('ads', type, data), invalidText)),
            ...lifecycleSlots(text).map(([type, data]) => kafkaCase(`${type} ${JSON.stringify(data)}`, envelopeOf('lifecycle', type, data), invalidText)),
            ...outreachSlots(text).map(([type, data]) => kafkaCase(`${type} ${JSON.stringify(data)}`, envelopeOf('outreach', type, data), invalidText)),
            ...(['actor', 'correlationId', 'causationId'] as const).map((field) =>
              kafkaCase(
                `envelope ${field} ${JSON.stringify(text)}`,
                { ...envelopeOf('lifecycle', 'StartCampaign', { campaignId: f.lifecycleId, trigger: null, reason: null }), [field]: text },
                invalidText,
              ),
            ),
            kafkaCase(
              `envelope commandId with ${JSON.stringify(text)}`,
              envelopeOf('lifecycle', 'StartCampaign', { campaignId: f.lifecycleId, trigger: null, reason: null }, null, `${randomUUID()}${text}`),
              invalidText,
            ),
            kafkaCase(
              `envelope tenant with ${JSON.stringify(text)}`,
              envelopeOf('outreach', 'ActivateCampaign', { campaignId: f.outreachId }, `${f.orgId}${text}`),
              invalidText,
            ),
          ]),
      );
      await expectKafkaRefused(cases);
    });
  });

  describe('row 7 on Kafka: instants beyond the supported range', () => {
    it('a lifecycle CreateCampaign starting out of range or lasting too long, an outreach date past 2999 → REJECTED', async () => {
      const starts = [
        '9999-12-31T23:59:59Z',
        '3000-01-01T00:00:00Z',
        '1970-01-01T00:00:00Z',
        '1999-12-31T23:59:59Z',
        '+275760-09-13T00:00:00.000Z',
        '-271821-04-20T00:00:00.000Z',
      ];
      // seed 003: a campaign's dates (TIMESTAMP) and a budget's period (DATE) from a service, outside 2000–2999.
      const adsCases = [
        ...starts
          .concat('0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z')
          .flatMap((instant) => [
            kafkaCase(
              `RegisterAdCampaign startDate ${instant}`,
              envelopeOf('ads', 'RegisterAdCampaign', { ...adCampaign(), startDate: instant, endDate: null }),
              {},
            ),
            kafkaCase(
              `RegisterAdCampaign endDate ${instant}`,
              envelopeOf('ads', 'RegisterAdCampaign', { ...adCampaign(), startDate: null, endDate: instant }),
              {},
            ),
          ]),
        ...hostileAds.adsOutOfRangeDates.flatMap((date) => [
          kafkaCase(
            `SetBudgetAllocation periodStart ${date}`,
            envelopeOf('ads', 'SetBudgetAllocation', { ...adBudget(), periodStart: date, periodEnd: '2999-12-31' }),
            {},
          ),
          kafkaCase(
            `ProposeBudgetAllocation periodEnd ${date}`,
            envelopeOf('ads', 'ProposeBudgetAllocation', { ...adBudget(), periodStart: '2000-01-01', periodEnd: date }),
            {},
          ),
        ]),
      ];
      const cases = await Promise.all([
        ...adsCases,
        ...starts.flatMap((startTime) =>
          [1, 24].map((hours) =>
            kafkaCase(
              `CreateCampaign at ${startTime}, ${hours} h`,
              envelopeOf('lifecycle', 'CreateCampaign', { ...newLifecycle(), startTime, durationHours: hours }),
              {},
            ),
          ),
        ),
        ...[2 ** 31 - 1, 876_001, 0, -1].map((hours) =>
          kafkaCase(`CreateCampaign of ${hours} h`, envelopeOf('lifecycle', 'CreateCampaign', { ...newLifecycle(), durationHours: hours }), {}),
        ),
        ...['3000-01-01', '9999-12-31'].flatMap((date) => [
          kafkaCase(`UpdateCampaign endDate ${date}`, envelopeOf('outreach', 'UpdateCampaign', { campaignId: f.outreachId, changes: { endDate: date } }), {}),
          kafkaCase(
            `CreateCampaign startDate ${date}`,
            envelopeOf('outreach', 'CreateCampaign', { campaignId: randomUUID(), name: 'Far away', ownerId: f.ownerId, startDate: date }),
            {},
          ),
        ]),
      ]);
      await expectKafkaRefused(cases);
    });
  });

  describe('row 6 on Kafka: prototype names as ids', () => {
    it('a command naming a campaign `constructor`, `__proto__`… is REJECTED with a code, not INTERNAL_ERROR', async () => {
      const commands: [Context, string, (id: string) => unknown][] = [
        ['lifecycle', 'StartCampaign', (id) => ({ campaignId: id, trigger: null, reason: null })],
        ['lifecycle', 'JoinCampaign', (id) => ({ campaignId: id, participantId: 'p' })],
        ['outreach', 'ActivateCampaign', (id) => ({ campaignId: id })],
        ['outreach', 'CompleteCampaign', (id) => ({ campaignId: id, reason: 'manual' })],
        ['outreach', 'UpdateCampaign', (id) => ({ campaignId: id, changes: { description: 'x' } })],
        ['outreach', 'RecordResponse', (id) => ({ campaignId: f.outreachId, contactId: id, channel: 'email', responseText: null })],
        ['ads', 'DisconnectAdAccount', (id) => ({ accountId: id })],
        ['ads', 'RequestAdAccountSync', (id) => ({ accountId: id, syncId: randomUUID(), windowDays: null })],
        ['ads', 'AcknowledgeAlert', (id) => ({ campaignId: f.adCampaignId, alertType: id, alertId: null })],
        ['ads', 'AcceptRecommendation', (id) => ({ recommendationId: id })],
        ['ads', 'ApproveAdAction', (id) => ({ actionId: id })],
        ['ads', 'RaiseAlert', (id) => ({ ...adAlert(), alertType: id })],
        ['ads', 'SetBudgetAllocation', (id) => ({ ...adBudget(), allocations: JSON.parse(`{"${id}":"1.00"}`) as object })],
        ['ads', 'RequestAdAction', (id) => ({ actionId: randomUUID(), campaignId: f.adCampaignId, actionType: id, platform: 'google', changeAmount: '1.00' })],
      ];
      const cases = await Promise.all(
        hostile.PROTOTYPE_NAMES.flatMap((name) =>
          commands.map(([context, type, data]) => kafkaCase(`${type} of ${name}`, envelopeOf(context, type, data(name)), {})),
        ),
      );
      await expectKafkaRefused(cases);
    });
  });

  // -------------------------------------------------------------------------------------------
  // ads (seed 003): the bulk doors of metric rows, HTTP (JSON, NDJSON, CSV) and Kafka (ads.metric-imports)

  describe('ads bulk doors (seed 003): hostile metric rows are typed per-row errors and nothing is produced', () => {
    const BAD_ROWS = 48;
    const good = () => ({ ...hostileAds.goodMetricRow(f.bucket), platform_campaign_id: f.adPlatformCampaignId });
    const badRows = () => hostileAds.badMetricRows(rng, f.bucket, BAD_ROWS).map((bad) => ({ ...bad, row: filled(bad.row) }));
    const isObject = (row: unknown): row is Record<string, unknown> => typeof row === 'object' && row !== null && !Array.isArray(row);
    /** A refusal of the whole push that lists exactly the bad rows (by number), each with a code. */
    const refusesRows =
      (badAt: readonly number[]) =>
      (body: Record<string, unknown>): string | null => {
        if (body.status !== 'REJECTED' || body.code !== 'METRIC_ROWS_REJECTED')
          return `${String(body.status)} ${String(body.code)}, expected REJECTED METRIC_ROWS_REJECTED`;
        const errors = Array.isArray(body.errors) ? (body.errors as Record<string, unknown>[]) : [];
        if (errors.some((e) => typeof e.code !== 'string' || typeof e.message !== 'string')) return 'a row error without a code';
        const rows = [...new Set(errors.map((e) => Number(e.row)))].sort((a, b) => a - b);
        if (body.rejectedRows !== badAt.length || rows.join() !== badAt.join())
          return `rows [${rows.join()}] refused (${String(body.rejectedRows)}), expected [${badAt.join()}]`;
        return null;
      };
    const httpRows = (badAt: readonly number[]) => (answer: Answer) =>
      answer.status === 422 ? refusesRows(badAt)(answer.body) : `${answer.status}, expected 422: ${answer.text.slice(0, 160)}`;
    const pushed = (name: string, contentType: string, body: string, check: (answer: Answer) => string | null): HttpCase => ({
      ...spoiled(routeOf('POST', '/v1/ads/metrics'), name, { rawBody: body, headers: { 'content-type': contentType } }),
      check,
    });
    const ndjson = (rows: readonly unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n');

    it('over HTTP: a bad row beside a good one, in JSON, NDJSON and CSV, is 422 METRIC_ROWS_REJECTED naming that row', async () => {
      const bad = badRows();
      // A CSV row is cells under the header's columns: rows that are no object, or whose fault is a field CSV has no column for, are JSON's.
      const csvable = bad.filter((b) => isObject(b.row) && !('campaignId' in b.row) && typeof (b.row as Record<string, unknown>).time === 'string');
      const everyBad = bad.map((b) => b.row);
      await expectAllRefused([
        ...bad.map((b) => pushed(`JSON, ${b.name}`, 'application/json', JSON.stringify({ rows: [good(), b.row] }), httpRows([2]))),
        ...bad.map((b) => pushed(`NDJSON, ${b.name}`, 'application/x-ndjson', ndjson([good(), b.row]), httpRows([2]))),
        ...csvable.map((b) => pushed(`CSV, ${b.name}`, 'text/csv', hostileAds.csvOf([good(), b.row as Record<string, unknown>]), httpRows([3]))),
        pushed(
          `JSON, all ${bad.length} bad rows after a good one`,
          'application/json',
          JSON.stringify({ rows: [good(), ...everyBad] }),
          httpRows(bad.map((_, i) => i + 2)),
        ),
        pushed(
          'NDJSON, lines that are no JSON',
          'application/x-ndjson',
          [JSON.stringify(good()), '{', 'rows', '[]', '{"a":'].join('\n'),
          httpRows([2, 3, 4, 5]),
        ),
        pushed('NDJSON, the same campaign and bucket twice', 'application/x-ndjson', ndjson([good(), good()]), httpRows([2])),
        pushed('CSV, no campaign id column', 'text/csv; charset=utf-8', 'time,spend\n2026-01-01T00:00:00Z,1.00', (a) => typedRejection(a, { status: [400] })),
        ...[
          ['no rows', { rows: [] }],
          ['rows not a list', { rows: { 0: good() } }],
          ['rows a string', { rows: 'google,1,2' }],
          ['no body but a list', [good()]],
          [`${ADS_MAX_ROWS + 1} rows, over ADS_PUSH_MAX_ROWS`, { rows: Array.from({ length: ADS_MAX_ROWS + 1 }, good) }],
        ].map(([name, body]) => pushed(`JSON, ${String(name)}`, 'application/json', JSON.stringify(body), (a) => typedRejection(a, { status: [400, 413] }))),
        // Text nobody can store inside an NDJSON line or a CSV cell: refused as a whole (INVALID_TEXT) or as the row.
        ...hostile
          .hostileTexts(rng, 4)
          .flatMap((text) => [
            pushed(`NDJSON, a platform id ${JSON.stringify(text)}`, 'application/x-ndjson', ndjson([good(), { ...good(), platform_campaign_id: text }]), (a) =>
              a.status === 422 ? httpRows([2])(a) : typedRejection(a, { status: [400], codes: ['INVALID_TEXT'] }),
            ),
            pushed(`CSV, a currency ${JSON.stringify(text)}`, 'text/csv', hostileAds.csvOf([good(), { ...good(), currency: text }]), (a) =>
              a.status === 422 ? httpRows([3])(a) : typedRejection(a, { status: [400], codes: ['INVALID_TEXT'] }),
            ),
          ]),
      ]);
    });

    interface ImportCase {
      readonly name: string;
      readonly key: string;
      readonly value: Buffer;
      readonly auth?: string;
      /** 'dead-letter', or the check of the import's result. */
      readonly expect: 'dead-letter' | ((result: Record<string, unknown>) => string | null);
    }
    const rejected =
      (...codes: string[]) =>
      (result: Record<string, unknown>): string | null =>
        result.status === 'REJECTED' && typeof result.code === 'string' && (codes.length === 0 || codes.includes(result.code))
          ? null
          : `${String(result.status)} ${String(result.code)}, expected REJECTED ${codes.join('/')}`;
    const importSigner =
      (scopes: string[]): Sign =>
      (value) =>
        testCommandSigner(scopes, 'e2e-hostile', E2E_SECRETS.jwt).sign(value);
    const adsService = importSigner([contextScope('ads', 'service')]);
    /** An import `{importId, orgId, rows}` (JSON), signed by `sign` (the ads service by default). */
    const importCase = async (name: string, body: Record<string, unknown>, expect: ImportCase['expect'], sign: Sign = adsService): Promise<ImportCase> => {
      const importId = `hostile-${randomUUID()}`;
      const value = Buffer.from(JSON.stringify({ importId, orgId: f.orgId, ...body }));
      return { name, key: importId, value, auth: await sign(value), expect };
    };

    /** Produces every import on ads.metric-imports and waits (30 s at most) for each one's answer. */
    const expectImportsRefused = async (cases: readonly ImportCase[]) => {
      await producer.send({
        topic: adsWire.metricImportsTopic(platform.env.TOPIC_PREFIX),
        messages: cases.map((c) => ({ key: c.key, value: c.value, headers: c.auth ? { authorization: c.auth } : {} })),
      });
      ran += cases.length;
      await waitFor('every hostile import answered', async () => cases.every((c) => importResults.has(c.key) || deadLetters.has(c.key)) || undefined, {
        timeoutMs: 30_000,
        intervalMs: 200,
      }).catch(() => undefined);
      const failures = cases.flatMap((c) => {
        const result = importResults.get(c.key);
        const dead = deadLetters.has(c.key);
        const problem =
          !result && !dead
            ? 'no result and no dead letter within 30 s'
            : c.expect === 'dead-letter'
              ? dead && !result
                ? null
                : `answered ${String(result?.status)} ${String(result?.code)} instead of going to the dead-letter topic`
              : result
                ? c.expect(result)
                : 'dead-lettered instead of answered';
        return problem ? [`ads.metric-imports ${c.name} → ${problem}`] : [];
      });
      expect({ seed: SEED, failed: failures.length, of: cases.length, first: failures.slice(0, 12) }).toEqual({
        seed: SEED,
        failed: 0,
        of: cases.length,
        first: [],
      });
    };

    it('on Kafka: unsigned, forged or foreign imports are REJECTED, bad rows are listed row by row, bytes that are no import are dead letters', async () => {
      const valid = () => ({ rows: [good()] });
      const user =
        (org: string, sub: string, role: string): Sign =>
        (value) =>
          signJwt({ sub, org_id: org, role, msg: digest(value), iat: now(), exp: now() + 600 }, E2E_SECRETS.jwt);
      const unauthorized = rejected('UNAUTHORIZED');
      const forbidden = rejected('FORBIDDEN');
      const senders: [string, Sign, ImportCase['expect']][] = [
        ['unsigned', () => undefined, unauthorized],
        [
          'signed with another secret',
          (v) => testCommandSigner([contextScope('ads', 'service')], 'e2e-hostile', `${E2E_SECRETS.jwt}-other`).sign(v),
          unauthorized,
        ],
        ['carrying the token of another message', () => adsService(Buffer.from(rng.word())), unauthorized],
        [
          'an expired token',
          (v) => signJwt({ sub: 'e2e-hostile', scope: 'ads:service', msg: digest(v), iat: now() - 7_200, exp: now() - 3_600 }, E2E_SECRETS.jwt),
          unauthorized,
        ],
        [
          'alg none',
          (v) => hostile.craftJwt({ alg: 'none' }, { sub: 'e2e-hostile', scope: 'ads:service', msg: digest(v), iat: now(), exp: now() + 600 }, null),
          unauthorized,
        ],
        ['an HTTP token bound to no message', () => serviceToken(['ads:service'], 'e2e-hostile', E2E_SECRETS.jwt), unauthorized],
        ['a service without ads:service', importSigner(ALL_SCOPES.filter((s) => s !== 'ads:service')), forbidden],
        ...['admin', 'marketer'].map((role): [string, Sign, ImportCase['expect']] => [
          `a ${role} of another org naming this one`,
          user(f.intruderOrg, f.intruderAdmin, role),
          forbidden,
        ]),
        ['an analyst of the org', user(f.orgId, f.ownerId, 'analyst'), forbidden],
        // Its own org's import: the org's campaign is not registered there.
        ['an admin of another org naming none', user(f.intruderOrg, f.intruderAdmin, 'admin'), rejected('METRIC_ROWS_REJECTED')],
      ];
      const bad = badRows();
      const cases = await Promise.all([
        ...senders.map(([name, sign, expect]) => importCase(name, name.endsWith('naming none') ? { orgId: undefined, ...valid() } : valid(), expect, sign)),
        importCase('a service naming no org', { orgId: undefined, ...valid() }, forbidden),
        importCase('a service naming an org that is no UUID', { orgId: "' OR 1=1 --", ...valid() }, forbidden),
        ...[
          ['no rows', {}],
          ['rows empty', { rows: [] }],
          ['rows an object', { rows: { 0: good() } }],
          ['rows a string', { rows: 'google,1,2' }],
          [`${ADS_MAX_ROWS + 1} rows`, { rows: Array.from({ length: ADS_MAX_ROWS + 1 }, good) }],
        ].map(([name, body]) => importCase(String(name), body as Record<string, unknown>, rejected('METRIC_BODY_INVALID', 'METRIC_ROWS_TOO_MANY'))),
        ...bad.map((b) => importCase(b.name, { rows: [good(), b.row] }, refusesRows([2]))),
        importCase(`all ${bad.length} bad rows after a good one`, { rows: [good(), ...bad.map((b) => b.row)] }, refusesRows(bad.map((_, i) => i + 2))),
        importCase('the same campaign and bucket twice', { rows: [good(), good()] }, refusesRows([2])),
        // The Kafka door has no HTTP text guard: unstorable text must still be refused row by row.
        ...hostile
          .hostileTexts(rng, 9)
          .flatMap((text, i) =>
            [(['platform', 'platform_campaign_id', 'currency', 'time', 'spend'] as const)[i % 5]].map((field) =>
              importCase(`${field} ${JSON.stringify(text)}`, { rows: [good(), { ...good(), [field]: text }] }, refusesRows([2])),
            ),
          ),
        ...['__proto__', 'constructor', 'prototype'].map((key) =>
          importCase(`a row keyed ${key}`, { rows: [good(), JSON.parse(`{"${key}":${JSON.stringify(good())}}`) as object] }, refusesRows([2])),
        ),
      ]);
      const garbage: ImportCase[] = [
        ...hostile.garbageValues(rng).map((g) => ({ name: g.name, key: `garbage-${randomUUID()}`, value: g.value, expect: 'dead-letter' as const })),
        ...[
          ['no importId', { orgId: f.orgId, rows: [good()] }],
          ['an importId that is a number', { importId: 5, rows: [good()] }],
          ['an importId with a space', { importId: 'a b', rows: [good()] }],
          ['an importId of NUL', { importId: '\u0000', rows: [good()] }],
          ['an importId of 201 characters', { importId: 'a'.repeat(201), rows: [good()] }],
          ['a list', [{ importId: randomUUID(), rows: [good()] }]],
        ].map(([name, body]) => ({
          name: String(name),
          key: `garbage-${randomUUID()}`,
          value: Buffer.from(JSON.stringify(body)),
          expect: 'dead-letter' as const,
        })),
      ];
      await expectImportsRefused([...cases, ...(await Promise.all(garbage.map(async (g) => ({ ...g, auth: await adsService(g.value) }))))]);
    });
  });

  // Last of the batch: on a door that trusts declared lengths these cases crash campaign-command,
  // which would fail every later family for a reason not its own.
  describe('row 9: Avro decode trusts declared lengths', () => {
    it('bytes that are no command envelope go to the dead-letter topic; lying lengths inside a signed envelope never crash the door', async () => {
      const garbage = CONTEXTS.flatMap((context) =>
        hostile.garbageValues(rng).map((g): KafkaCase => ({ name: g.name, context, key: `garbage-${randomUUID()}`, value: g.value, expect: 'dead-letter' })),
      );
      const bombs = await Promise.all(
        hostile.dataBombs(rng).map(async (bomb): Promise<KafkaCase> => {
          const commandId = randomUUID();
          const value = hostile.rawEnvelope(
            { commandId, type: bomb.type, context: bomb.context, tenant: bomb.context === 'lifecycle' ? null : f.orgId },
            bomb.data,
          );
          return { name: bomb.name, context: bomb.context, key: commandId, value, auth: await service(bomb.context)(value), expect: 'dead-letter-or-rejected' };
        }),
      );
      const lyingEnvelopes = await Promise.all(
        CONTEXTS.flatMap((context) =>
          hostile.LYING_COUNTS.map(async (count): Promise<KafkaCase> => {
            const commandId = randomUUID();
            const type = { lifecycle: 'JoinCampaign', outreach: 'AddContacts', ads: 'SetBudgetAllocation' }[context];
            const honest = hostile.rawEnvelope({ commandId, type, context, tenant: context === 'lifecycle' ? null : f.orgId }, Buffer.alloc(0));
            // The envelope's last field is `data`: its length (0, one byte) becomes the lie.
            const value = Buffer.concat([honest.subarray(0, -1), hostile.avroLong(count)]);
            return {
              name: `an envelope declaring ${count} data bytes`,
              context,
              key: commandId,
              value,
              auth: await service(context)(value),
              expect: 'dead-letter-or-rejected',
            };
          }),
        ),
      );
      await expectKafkaRefused([...garbage, ...bombs, ...lyingEnvelopes]);
    });
  });

  // -------------------------------------------------------------------------------------------

  describe('after the hostile batch', () => {
    const kafkaCommand = async (context: Context, type: string, data: unknown) => {
      const envelope = envelopeOf(context, type, data);
      const value = encodeCommand(envelope);
      await producer.send({
        topic: topicsFor(context, platform.env.TOPIC_PREFIX).commands,
        messages: [{ key: envelope.commandId, value, headers: { authorization: (await service(context)(value)) as string } }],
      });
      return waitFor(`the result of ${type}`, async () => results.get(envelope.commandId), { timeoutMs: 30_000, intervalMs: 100 });
    };

    it('nothing was written: the event store holds exactly the events it held before the batch', async () => {
      // Not a fixed wait: every fact analytics-ingest took in has an outcome, and the command doors
      // have consumed every command sent to them — whatever the batch could cause has happened.
      await waitFor('every hostile input to be settled', async () => (await ingestSettled()) && (await commandsConsumed()), {
        timeoutMs: 60_000,
        intervalMs: 250,
      });
      expect(await eventCount()).toBe(baseline);
      // seed 003: no hostile push or import produced a metric fact, so campaign_metrics holds none.
      expect(await factsOffsets()).toBe(factsBaseline);
      const metrics = await pool.query(`SELECT count(*)::int AS n FROM "${platform.env.ADS_SCHEMA}".campaign_metrics`);
      expect(metrics.rows).toEqual([{ n: 0 }]);
    });

    it('every app is healthy, and a valid command still passes every door (HTTP and Kafka, every context)', async () => {
      for (const app of ['campaign-command', 'projection', 'timer-scheduler', 'analytics-ingest'] as const) {
        expect({ app, status: ((await call({ name: 'health', app, method: 'GET', path: '/health', headers: {} })) as Answer).status }).toEqual({
          app,
          status: 200,
        });
      }
      expect((await api('campaign-command', 'POST', '/v1/lifecycle/campaigns', OPERATOR_HEADERS.authorization, lifecycleCreate)).status).toBe(201);
      expect(
        (await api('campaign-command', 'PATCH', `/v1/outreach/campaigns/${f.outreachId}`, adminOf(f.orgId, f.ownerId), { description: 'still ours' })).status,
      ).toBe(200);
      expect(await kafkaCommand('lifecycle', 'CreateCampaign', newLifecycle())).toMatchObject({ status: 'ACCEPTED', streamVersion: 1 });
      const renamed = await kafkaCommand('outreach', 'UpdateCampaign', { campaignId: f.outreachId, changes: { name: 'Target campaign renamed by a service' } });
      expect({ status: renamed.status, code: renamed.code, message: renamed.message }).toEqual({ status: 'ACCEPTED', code: null, message: null });
      // seed 003: an admin's guardrails over HTTP, a service's budget over Kafka, a marketer's rows on both bulk doors.
      const guardrails = { autonomous_enabled: false, confidence_floor: 0.9, max_change_per_action: '10.00', max_change_per_day: '20.00' };
      expect((await api('campaign-command', 'PUT', '/v1/ads/guardrails', adminOf(f.orgId, f.ownerId), guardrails)).status).toBe(200);
      const budget = await kafkaCommand('ads', 'SetBudgetAllocation', adBudget());
      expect({ status: budget.status, code: budget.code }).toEqual({ status: 'ACCEPTED', code: null });
      const row = { ...hostileAds.goodMetricRow(f.bucket), platform_campaign_id: f.adPlatformCampaignId };
      const pushed = await api('analytics-ingest', 'POST', '/v1/ads/metrics', adminOf(f.orgId, f.ownerId, 'marketer'), { rows: [row] });
      expect({ status: pushed.status, accepted: pushed.body.accepted }).toEqual({ status: 202, accepted: 1 });
      const importId = `valid-${randomUUID()}`;
      const value = Buffer.from(JSON.stringify({ importId, orgId: f.orgId, rows: [{ ...row, time: new Date(Date.parse(f.bucket) - 900_000).toISOString() }] }));
      await producer.send({
        topic: adsWire.metricImportsTopic(platform.env.TOPIC_PREFIX),
        messages: [{ key: importId, value, headers: { authorization: (await service('ads')(value)) as string } }],
      });
      expect(await waitFor('the import’s result', async () => importResults.get(importId), { timeoutMs: 30_000, intervalMs: 100 })).toMatchObject({
        status: 'ACCEPTED',
        accepted: 1,
      });
    });

    it("row 2: the audit trail names the token's subject, never an X-Actor header", async () => {
      const campaignId = randomUUID();
      const created = await api(
        'campaign-command',
        'POST',
        '/v1/lifecycle/campaigns',
        OPERATOR_HEADERS.authorization,
        { campaignId, ...lifecycleCreate },
        { 'x-actor': 'user:ceo', 'x-user-id': 'ceo' },
      );
      expect(created.status).toBe(201);
      const { rows } = await pool.query(`SELECT actor FROM "${platform.env.EVENTSTORE_SCHEMA}".events WHERE stream_id = $1`, [`campaign-${campaignId}`]);
      expect(rows).toEqual([{ actor: 'service:e2e-operator' }]);
    });

    it("row 3: another org sending this org's Idempotency-Key gets a new command of its own, and learns nothing of the first", async () => {
      const stream = `outreach-${f.orgId}/campaign/${f.outreachId}`;
      const before = await eventCount('stream_id = $1', [stream]);
      const answer = await api(
        'campaign-command',
        'POST',
        '/v1/outreach/campaigns',
        adminOf(f.intruderOrg, f.intruderAdmin),
        { name: 'Target campaign', channel: 'email', campaign_type: 'talent_sourcing' },
        { 'idempotency-key': f.outreachKey },
      );
      expect({ status: answer.status, duplicate: answer.body.duplicate ?? false }).toEqual({ status: 201, duplicate: false });
      expect([f.outreachId, f.orgId].filter((id) => answer.text.includes(id))).toEqual([]);
      expect(await eventCount('stream_id = $1', [stream])).toBe(before);
      expect(await eventCount('stream_id = $1', [`outreach-${f.intruderOrg}/campaign/${String(answer.body.campaignId)}`])).toBe(1);
    });

    it('the batch held at least 2,000 generated cases', () => {
      expect(ran).toBeGreaterThanOrEqual(2_000);
    });
  });
});
