import { randomUUID } from 'node:crypto';
import { AdPlatformsStandIn, type StandInMetric, testPool, waitFor } from '@campaign/testing';
import type { Pool } from 'pg';
import { Platform } from './support/platform';
import { expectStatus } from './support/http';
import { type Answer, tokenFor } from './support/outreach';

const DAYS = 10;
const HOUR = 3_600_000;

/** A local day `back` days before today in `timeZone` (`YYYY-MM-DD`). */
const localDay = (timeZone: string, back: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - back * 24 * HOUR));

// seed 003 "Get campaign performance (last 7 days)", as printed.
const SEED_PERFORMANCE = `SELECT
    c.name,
    c.platform,
    SUM(m.spend) as total_spend,
    SUM(m.revenue) as total_revenue,
    SUM(m.revenue) / NULLIF(SUM(m.spend), 0) as roas,
    SUM(m.conversions) as total_conversions,
    SUM(m.spend) / NULLIF(SUM(m.conversions), 0) as cpa
FROM campaigns c
JOIN campaign_metrics m ON c.id = m.campaign_id
WHERE m.time >= NOW() - INTERVAL '7 days'
GROUP BY c.id, c.name, c.platform
ORDER BY roas DESC;`;

/** Waits until `probe` holds (waitFor ends on a truthy answer). */
const until = (what: string, probe: () => boolean | Promise<boolean>, timeoutMs: number) =>
  waitFor(what, async () => (await probe()) || undefined, { timeoutMs, intervalMs: 250 });

/**
 * The ads context (seed 003) through its public doors only: two ad platforms (Google Ads and
 * Meta, answered by the local stand-in in their own formats) synced by analytics-ingest on the
 * timer-scheduler's and a person's requests, a platform's restatement of recent days, an alert
 * raised and resolved by itself when the figures recover, and the analyzer's recommendations: one
 * accepted by a person and executed on the platform as a guarded action, one held for approval
 * because it is past the org's guardrails.
 */
describe('ads (seed 003): the four apps as processes, two platforms through the stand-in', () => {
  const platform = new Platform();
  let standIn: AdPlatformsStandIn;
  let db: Pool;
  const orgId = randomUUID();
  const admin = tokenFor(orgId, randomUUID(), 'admin');
  const marketer = tokenFor(orgId, randomUUID(), 'marketer');
  const analyst = tokenFor(orgId, randomUUID(), 'analyst');
  // Platform ids are global reservations (seed 003: UNIQUE(platform, platform_campaign_id)): fresh per run.
  const run = String(Date.now()).slice(-7);
  const google = { platformAccountId: `9${run}01`, timeZone: 'America/New_York', currency: 'USD' };
  const meta = { platformAccountId: `${run}02`, timeZone: 'Europe/Berlin', currency: 'EUR' };
  const ids = { healthy: `${run}11`, idle: `${run}12`, weak: `${run}13`, drop: `${run}21` };

  const call = async (app: 'campaign-command' | 'projection' | 'analytics-ingest', method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${platform.url(app)}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> } as Answer;
  };
  const query = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> => {
    const client = await db.connect();
    try {
      await client.query(`SET search_path TO ${platform.env.ADS_SCHEMA}`);
      await client.query(`SET TIME ZONE 'UTC'`);
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.query('RESET search_path');
      await client.query('RESET TIME ZONE');
      client.release();
    }
  };
  const list = async (path: string, token = analyst) => expectStatus(await call('projection', 'GET', path, token), 200);
  const rowsOf = (body: Record<string, unknown>) => (body.rows ?? body.items ?? body.data) as Record<string, unknown>[];
  const campaignIdOf = async (platformName: string, platformCampaignId: string) => {
    const [row] = await query<{ id: string }>('SELECT id FROM campaigns WHERE platform = $1 AND platform_campaign_id = $2', [platformName, platformCampaignId]);
    if (!row) throw new Error(`${platformName} campaign ${platformCampaignId} is not in ads.campaigns`);
    return row.id;
  };

  /** Ten local days of figures: `day(back)` gives each day's. */
  const days = (
    platformName: 'google' | 'meta',
    platformCampaignId: string,
    timeZone: string,
    day: (back: number) => Omit<StandInMetric, 'platform' | 'platformCampaignId' | 'date'>,
  ) => Array.from({ length: DAYS }, (_, back) => ({ platform: platformName, platformCampaignId, date: localDay(timeZone, back), ...day(back) }));

  beforeAll(async () => {
    db = testPool();
    standIn = await AdPlatformsStandIn.start();
    Object.assign(platform.env, standIn.connectorEnv(), { ADS_ANALYZER_DELAY_MS: '3000' });
    await Promise.all([
      platform.start('campaign-command'),
      platform.start('projection'),
      platform.start('timer-scheduler'),
      platform.start('analytics-ingest'),
    ]);

    const data = standIn.data;
    data.addAccount({ platform: 'google', ...google });
    data.addAccount({ platform: 'meta', ...meta });
    const campaign = (platformName: 'google' | 'meta', account: string, platformCampaignId: string, name: string, budgetAmount: string) =>
      data.addCampaign({
        platform: platformName,
        platformAccountId: account,
        platformCampaignId,
        name,
        status: platformName === 'google' ? 'ENABLED' : 'ACTIVE',
        objective: 'SALES',
        budgetAmount,
        budgetType: 'daily',
        startDate: localDay('UTC', 30),
        endDate: null,
      });
    campaign('google', google.platformAccountId, ids.healthy, 'Search — brand', '300.00');
    campaign('google', google.platformAccountId, ids.idle, 'Display — prospecting', '100.00');
    campaign('google', google.platformAccountId, ids.weak, 'Search — generic', '400.00');
    campaign('meta', meta.platformAccountId, ids.drop, 'Retargeting', '200.00');
    // Google reports hours: each day's figures in its first local hour, so today's bucket is never in the future (a sync reads up to now).
    const steady = { impressions: 10_000, clicks: 200 };
    data.setMetrics([
      ...days('google', ids.healthy, google.timeZone, () => ({ ...steady, hour: 0, spend: '100.00', conversions: 10, revenue: '400.00' })),
      ...days('google', ids.idle, google.timeZone, () => ({ ...steady, hour: 0, spend: '100.00', conversions: 0, revenue: '0.00' })),
      ...days('google', ids.weak, google.timeZone, () => ({ ...steady, hour: 0, spend: '100.00', conversions: 2, revenue: '50.00' })),
      // The last two days' ROAS falls from 4 to 1: until the platform restates them.
      ...days('meta', ids.drop, meta.timeZone, (back) => ({
        ...steady,
        spend: '100.00',
        conversions: back < 2 ? 2 : 8,
        revenue: back < 2 ? '100.00' : '400.00',
      })),
    ]);
  }, 180_000);

  afterAll(async () => {
    await platform.stopAll();
    await standIn?.close();
    await db?.end();
  });

  it('connects a Google Ads and a Meta account, syncs their trailing days, and answers the seed’s performance query as written', async () => {
    // Guardrails first (an admin's): the AI may act alone only on changes up to 50.00.
    expectStatus(
      await call('campaign-command', 'PUT', '/v1/ads/guardrails', admin, {
        autonomous_enabled: true,
        confidence_floor: 0,
        max_change_per_action: '50.00',
        max_change_per_day: '500.00',
      }),
      200,
    );
    expect((await call('campaign-command', 'POST', '/v1/ads/accounts', analyst, { platform: 'google', name: 'x', ...snake(google) })).body.code).toBe(
      'AD_ROLE_REQUIRED',
    );
    const accounts: string[] = [];
    for (const [name, account] of [
      ['google', google],
      ['meta', meta],
    ] as const) {
      const body = expectStatus(
        await call('campaign-command', 'POST', '/v1/ads/accounts', admin, { platform: name, name: `${name} account`, ...snake(account) }),
        201,
      );
      accounts.push(body.accountId as string);
    }
    // Connecting syncs the last 3 days at once (the 15-minute timer's first firing); a person asks for 10.
    for (const accountId of accounts)
      expectStatus(await call('campaign-command', 'POST', `/v1/ads/accounts/${accountId}/syncs`, marketer, { window_days: DAYS }), 202);

    await until(
      'every synced bucket in campaign_metrics',
      async () => {
        const [{ n }] = await query<{ n: string }>('SELECT COUNT(*) AS n FROM campaign_metrics');
        return Number(n) >= 4 * DAYS;
      },
      90_000,
    );
    const registered = await query<{ platform: string; name: string }>('SELECT platform, name FROM campaigns WHERE org_id = $1 ORDER BY name', [orgId]);
    expect(registered.map((c) => c.platform).sort()).toEqual(['google', 'google', 'google', 'meta']);

    const raw = await query<Record<string, unknown>>(SEED_PERFORMANCE);
    const api = rowsOf(await list('/v1/ads/performance?days=7'));
    expect(api.map((row) => [row.name, row.total_spend, row.total_revenue])).toEqual(raw.map((row) => [row.name, row.total_spend, row.total_revenue]));
    // seed 003 campaign_metrics: KPIs derived from the base figures, 4 decimals.
    const idle = await campaignIdOf('google', ids.idle);
    const [bucket] = await query<Record<string, string | null>>('SELECT cpc, cpm, ctr, roas, roi FROM campaign_metrics WHERE campaign_id = $1 LIMIT 1', [idle]);
    expect(bucket).toEqual({ cpc: '0.5000', cpm: '10.0000', ctr: '0.0200', roas: '0.0000', roi: '-1.0000' });

    // The connected accounts' last sync, live from Redis beside PostgreSQL.
    const realtime = await list('/v1/ads/realtime');
    expect(JSON.stringify(realtime)).toContain(accounts[0]);
  }, 180_000);

  it('raises ROAS_DROP on the Meta campaign and resolves it by itself when the platform restates the days (counted once)', async () => {
    const drop = await campaignIdOf('meta', ids.drop);
    const active = async () => rowsOf(await list('/v1/ads/alerts?active=true')).filter((a) => a.campaign_id === drop && a.alert_type === 'ROAS_DROP');
    await until('the ROAS_DROP alert', async () => (await active()).length === 1, 60_000);
    const [alert] = await active();
    expect(['HIGH', 'CRITICAL']).toContain(alert.severity);
    // The other rule fires on the campaign that spends without converting.
    const idle = await campaignIdOf('google', ids.idle);
    await until(
      'the ZERO_CONVERSIONS alert',
      async () => rowsOf(await list('/v1/ads/alerts?active=true')).some((a) => a.campaign_id === idle && a.alert_type === 'ZERO_CONVERSIONS'),
      60_000,
    );

    const before = await query<{ total: string }>('SELECT SUM(revenue)::text AS total FROM campaign_metrics WHERE campaign_id = $1', [drop]);
    // Late conversions: Meta restates the last two days with the ROAS of the others.
    for (const back of [0, 1])
      standIn.data.restate({ platform: 'meta', platformCampaignId: ids.drop, date: localDay(meta.timeZone, back), conversions: 8, revenue: '400.00' });
    const metaAccount = (await query<{ account_id: string }>('SELECT account_id FROM campaigns WHERE id = $1', [drop]))[0].account_id;
    expectStatus(await call('campaign-command', 'POST', `/v1/ads/accounts/${metaAccount}/syncs`, marketer, {}), 202);

    await until('the ROAS_DROP alert resolved', async () => (await active()).length === 0, 60_000);
    const [resolved] = await query<{ resolved_at: Date | null; resolved_by: string }>('SELECT resolved_at, resolved_by FROM alerts WHERE id = $1', [alert.id]);
    expect(resolved.resolved_by).toBe('auto');
    expect(resolved.resolved_at).not.toBeNull();
    // A restated bucket replaces the earlier figures: 2 days × 300.00 more, never the days again.
    const [after] = await query<{ total: string }>('SELECT SUM(revenue)::text AS total FROM campaign_metrics WHERE campaign_id = $1', [drop]);
    expect(Number(after.total) - Number(before[0].total)).toBeCloseTo(600, 2);
    const [{ n }] = await query<{ n: string }>('SELECT COUNT(*) AS n FROM campaign_metrics WHERE campaign_id = $1', [drop]);
    expect(Number(n)).toBe(DAYS);
  }, 180_000);

  it('holds an action past the guardrails for approval, and executes an accepted recommendation on the platform as a guarded action', async () => {
    const idle = await campaignIdOf('google', ids.idle);
    const weak = await campaignIdOf('google', ids.weak);
    const pending = async () => rowsOf(await list('/v1/ads/recommendations?status=pending'));
    // The analyzer's proposals: pause the campaign spending without conversions; cut the weak one's budget.
    await until(
      'the analyzer proposals',
      async () => {
        const recommendations = await pending();
        return (
          recommendations.some((r) => r.campaign_id === idle && r.recommendation_type === 'PAUSE_CAMPAIGN') &&
          recommendations.some((r) => r.campaign_id === weak)
        );
      },
      90_000,
    );

    // Confident enough for autonomy, but each moves more than 50.00: held for a person.
    const held = async () => rowsOf(await list('/v1/ads/actions?status=awaiting_approval'));
    await until('the held PAUSE action', async () => (await held()).some((a) => a.campaign_id === idle), 60_000);
    const [waiting] = (await held()).filter((a) => a.campaign_id === idle);
    expect(waiting).toMatchObject({ approval_required: true, action_type: 'PAUSE' });
    expect(waiting.approved_by).toBeNull();

    // An analyst may not approve; a marketer accepts the pause and approves its held action.
    const recommendation = (await pending()).find((r) => r.campaign_id === idle && r.recommendation_type === 'PAUSE_CAMPAIGN')!;
    expect((await call('campaign-command', 'POST', `/v1/ads/actions/${waiting.id}/approve`, analyst, {})).status).toBe(403);
    expectStatus(await call('campaign-command', 'POST', `/v1/ads/recommendations/${recommendation.id}/accept`, marketer, { execute: false }), 200);
    expectStatus(await call('campaign-command', 'POST', `/v1/ads/actions/${waiting.id}/approve`, marketer, {}), 200);

    // Executed once through the Google connector: the stand-in saw one pause of that campaign.
    await until('the pause on the stand-in', () => standIn.data.mutations.some((m) => m.platformCampaignId === ids.idle), 60_000);
    await until(
      'the action executed in ai_actions_log',
      async () => {
        const [row] = await query<{ executed_at: Date | null }>('SELECT executed_at FROM ai_actions_log WHERE id = $1', [waiting.id]);
        return row?.executed_at !== null && row?.executed_at !== undefined;
      },
      60_000,
    );
    expect(standIn.data.mutations.filter((m) => m.platformCampaignId === ids.idle)).toHaveLength(1);
    const history = rowsOf(await list('/v1/ads/actions?hours=24'));
    expect(history.find((a) => a.id === waiting.id)).toMatchObject({ action_type: 'PAUSE', approval_required: true, campaign_name: 'Display — prospecting' });
    await until(
      'the recommendation executed',
      async () => {
        const [row] = await query<{ status: string }>('SELECT status FROM ai_recommendations WHERE id = $1', [recommendation.id]);
        return row?.status === 'executed';
      },
      60_000,
    );

    // The weak campaign's budget cut still waits for a person.
    expect((await held()).some((a) => a.campaign_id === weak)).toBe(true);
  }, 240_000);
});

function snake(account: { platformAccountId: string; timeZone: string; currency: string }) {
  return { platform_account_id: account.platformAccountId, time_zone: account.timeZone, currency: account.currency };
}
