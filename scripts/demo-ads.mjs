// The ads part of the demo behind scripts/up.sh (seed 003): an org connects a Google Ads and a
// Meta account (answered by the local stand-in platforms, in their own formats, which up.sh
// starts), analytics-ingest syncs ten days of both, and the seed's tables fill: campaigns and the
// partitioned campaign_metrics, the performance query as the seed prints it, alerts raised by the
// rules and resolved by themselves after a platform restates its days, the analyzer's
// recommendations — one held for approval by the org's guardrails, one accepted by a marketer and
// executed on the platform as a guarded action — and the actions log.
import { randomUUID } from 'node:crypto';
import { COMMAND, QUERY, call, command as send, jwt, schemaReader, until } from './demo-lib.mjs';

const STANDIN = process.env.ADS_STANDIN_URL ?? 'http://127.0.0.1:3990';
const schema = process.env.ADS_SCHEMA ?? 'ads';
const DAYS = 10;

const orgId = randomUUID();
const admin = jwt({ sub: randomUUID(), org_id: orgId, role: 'admin' });
const marketer = jwt({ sub: randomUUID(), org_id: orgId, role: 'marketer' });

const command = (method, path, token, body = {}) => send(method, `${COMMAND}${path}`, token, body);
const read = async (path) => (await call('GET', `${QUERY}${path}`, { token: marketer })).body;
const standIn = async (path, body) => {
  const answer = await call('POST', `${STANDIN}/_control${path}`, { body });
  if (answer.status >= 300) throw new Error(`stand-in ${path}: ${JSON.stringify(answer.body)}`);
};
const localDay = (timeZone, back) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - back * 86_400_000));

const { sql, end } = schemaReader(schema);
const table = (rows) => console.table(rows);

// Platform ids are global (seed 003: UNIQUE(platform, platform_campaign_id)): fresh ones per run.
const run = String(Date.now()).slice(-7);
const google = { platform: 'google', platformAccountId: `9${run}01`, currency: 'USD', timeZone: 'America/New_York' };
const meta = { platform: 'meta', platformAccountId: `${run}02`, currency: 'EUR', timeZone: 'Europe/Berlin' };
const campaigns = [
  { account: google, id: `${run}11`, name: 'Search — brand', budget: '300.00', day: () => ({ spend: '100.00', conversions: 10, revenue: '400.00' }) },
  { account: google, id: `${run}12`, name: 'Display — prospecting', budget: '100.00', day: () => ({ spend: '100.00', conversions: 0, revenue: '0.00' }) },
  { account: google, id: `${run}13`, name: 'Search — generic', budget: '400.00', day: () => ({ spend: '100.00', conversions: 2, revenue: '50.00' }) },
  // Its last two days' ROAS falls from 4 to 1 — until Meta restates them with late conversions.
  {
    account: meta,
    id: `${run}21`,
    name: 'Retargeting',
    budget: '200.00',
    day: (back) => ({ spend: '100.00', conversions: back < 2 ? 2 : 8, revenue: back < 2 ? '100.00' : '400.00' }),
  },
];

console.log(`The stand-in ad platforms (${STANDIN}) hold ${DAYS} days of four campaigns on a Google Ads and a Meta account`);
for (const account of [google, meta]) await standIn('/accounts', account);
for (const c of campaigns) {
  await standIn('/campaigns', {
    platform: c.account.platform,
    platformAccountId: c.account.platformAccountId,
    platformCampaignId: c.id,
    name: c.name,
    status: c.account.platform === 'google' ? 'ENABLED' : 'ACTIVE',
    objective: 'SALES',
    budgetAmount: c.budget,
    budgetType: 'daily',
    startDate: localDay('UTC', 30),
    endDate: null,
  });
  const rows = Array.from({ length: DAYS }, (_, back) => ({
    platform: c.account.platform,
    platformCampaignId: c.id,
    date: localDay(c.account.timeZone, back),
    ...(c.account.platform === 'google' ? { hour: 0 } : {}),
    impressions: 10_000,
    clicks: 200,
    ...c.day(back),
  }));
  await standIn('/metrics', { rows });
}

console.log(`\nAn org ${orgId.slice(0, 8)}… sets its guardrails: the AI may act alone on changes up to 50.00`);
await command('PUT', '/v1/ads/guardrails', admin, {
  autonomous_enabled: true,
  confidence_floor: 0,
  max_change_per_action: '50.00',
  max_change_per_day: '500.00',
});
console.log('It connects both accounts (a sync of the last 3 days starts at once; then one every 15 minutes) and asks for 10 days');
const accounts = [];
for (const account of [google, meta]) {
  const body = await command('POST', '/v1/ads/accounts', admin, {
    platform: account.platform,
    platform_account_id: account.platformAccountId,
    name: `${account.platform} account`,
    currency: account.currency,
    time_zone: account.timeZone,
  });
  accounts.push(body.accountId);
}
for (const accountId of accounts) await command('POST', `/v1/ads/accounts/${accountId}/syncs`, marketer, { window_days: DAYS });

await until(
  'the synced buckets',
  async () =>
    Number((await sql('SELECT COUNT(*) AS n FROM campaign_metrics m JOIN campaigns c ON c.id = m.campaign_id WHERE c.org_id = $1', [orgId]))[0].n) >=
    campaigns.length * DAYS,
);
console.log(`\n${schema}.campaigns and their buckets in ${schema}.campaign_metrics (partitioned by day through pg_partman)`);
table(
  await sql(
    `SELECT c.platform, c.platform_campaign_id, c.name, c.status, c.budget_amount, COUNT(m.*)::int AS buckets, MIN(m.time) AS first, MAX(m.time) AS last
                 FROM campaigns c JOIN campaign_metrics m ON m.campaign_id = c.id WHERE c.org_id = $1 GROUP BY c.id ORDER BY c.platform, c.name`,
    [orgId],
  ),
);
console.log('seed 003 "Get campaign performance (last 7 days)", through the query API (GET /v1/ads/performance)');
const performance = await read('/v1/ads/performance?days=7');
table(
  performance.items.map(({ name, platform, total_spend, total_revenue, roas, total_conversions, cpa }) => ({
    name,
    platform,
    total_spend,
    total_revenue,
    roas,
    total_conversions,
    cpa,
  })),
);

const alertsOf = async () => (await read('/v1/ads/alerts?active=true')).items ?? [];
await until('the alerts', async () => (await alertsOf()).length >= 2);
console.log('seed 003 "Get active alerts" (GET /v1/ads/alerts?active=true): the rules judged the newest day against the 7 before');
table(
  (await alertsOf()).map(({ alert_type, severity, campaign_name, platform, metric_name, metric_value, threshold_value, message }) => ({
    alert_type,
    severity,
    campaign_name,
    platform,
    metric_name,
    metric_value,
    threshold_value,
    message,
  })),
);

console.log('Meta restates the last two days (late conversions); a sync re-reads them: each bucket replaced, never added');
const drop = campaigns[3];
for (const back of [0, 1])
  await standIn('/restate', { platform: 'meta', platformCampaignId: drop.id, date: localDay(meta.timeZone, back), conversions: 8, revenue: '400.00' });
await command('POST', `/v1/ads/accounts/${accounts[1]}/syncs`, marketer, {});
await until(
  'ROAS_DROP resolved',
  async () => (await sql(`SELECT 1 FROM alerts WHERE org_id = $1 AND alert_type = 'ROAS_DROP' AND resolved_at IS NOT NULL`, [orgId])).length > 0,
);
table(
  await sql(
    `SELECT a.alert_type, a.severity, c.name AS campaign_name, a.created_at, a.resolved_at, a.resolved_by FROM alerts a JOIN campaigns c ON c.id = a.campaign_id WHERE a.org_id = $1 ORDER BY a.created_at`,
    [orgId],
  ),
);

const pendingOf = async () => (await read('/v1/ads/recommendations?status=pending')).items ?? [];
await until('the recommendations', async () => (await pendingOf()).length >= 2);
console.log('seed 003 "Get pending AI recommendations" (the built-in statistical analyzer; Claude when ANTHROPIC_API_KEY is set)');
table(
  (await pendingOf()).map(({ recommendation_type, campaign_name, confidence_score, recommendation_text }) => ({
    recommendation_type,
    campaign_name,
    confidence_score,
    recommendation_text: String(recommendation_text).slice(0, 90),
  })),
);

const heldOf = async () => (await read('/v1/ads/actions?status=awaiting_approval')).items ?? [];
const idle = campaigns[1];
const idleId = (await sql('SELECT id FROM campaigns WHERE platform = $1 AND platform_campaign_id = $2', ['google', idle.id]))[0].id;
await until('the held actions', async () => (await heldOf()).some((a) => a.campaign_id === idleId));
console.log('The AI asked to act, but each change is past the 50.00 the guardrails allow alone: held for approval');
table(
  (await heldOf()).map(({ id, action_type, platform, campaign_id, change_amount, confidence, awaiting_reason, approval_required }) => ({
    action: id.slice(0, 8),
    action_type,
    platform,
    campaign_id: campaign_id.slice(0, 8),
    change_amount,
    confidence,
    awaiting_reason,
    approval_required,
  })),
);

const pause = (await pendingOf()).find((r) => r.campaign_id === idleId && r.recommendation_type === 'PAUSE_CAMPAIGN');
const held = (await heldOf()).find((a) => a.campaign_id === idleId);
console.log(`A marketer accepts "${pause.recommendation_type}" for ${idle.name} and approves its held action`);
await command('POST', `/v1/ads/recommendations/${pause.id}/accept`, marketer, { execute: false });
await command('POST', `/v1/ads/actions/${held.id}/approve`, marketer, {});
await until('the pause executed', async () => (await sql('SELECT executed_at FROM ai_actions_log WHERE id = $1', [held.id]))[0]?.executed_at);
const mutations = (await call('GET', `${STANDIN}/_control/mutations`)).body;
console.log(
  `The Google connector paused it on the platform: ${JSON.stringify((mutations.mutations ?? mutations).filter((m) => m.platformCampaignId === idle.id))}`,
);
console.log('seed 003 "Get AI actions history" (GET /v1/ads/actions?hours=24)');
table(
  ((await read('/v1/ads/actions?hours=24')).items ?? []).map(
    ({ action_type, platform, campaign_name, executed_by, approval_required, approved_by, executed_at, previous_state, new_state }) => ({
      action_type,
      platform,
      campaign_name,
      executed_by,
      approval_required,
      approved_by: approved_by ? 'marketer' : null,
      executed_at,
      previous_state: JSON.stringify(previous_state),
      new_state: JSON.stringify(new_state),
    }),
  ),
);
await until(
  'the recommendation executed',
  async () => (await sql('SELECT status FROM ai_recommendations WHERE id = $1', [pause.id]))[0]?.status === 'executed',
);
table(
  await sql(
    `SELECT r.recommendation_type, c.name AS campaign_name, r.status, r.executed_at FROM ai_recommendations r JOIN campaigns c ON c.id = r.campaign_id WHERE r.org_id = $1 ORDER BY r.created_at`,
    [orgId],
  ),
);

console.log("Today's running figures, from Redis beside PostgreSQL (GET /v1/ads/realtime)");
const realtime = await read('/v1/ads/realtime');
const figures = realtime.redis ?? realtime;
const short = ({ campaign_id, ...rest }) => ({ ...(campaign_id ? { campaign: campaign_id.slice(0, 8) } : {}), ...rest });
table((figures.campaigns ?? []).map(short));
table(figures.platforms ?? []);
table((figures.last_syncs ?? []).map(({ account_id, synced_at }) => ({ account: account_id.slice(0, 8), synced_at })));
await end();
