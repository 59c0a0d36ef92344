// The demo behind scripts/up.sh. First a campaign driven through CREATED → RUNNING → CLOSED →
// REWARD_CLAIM → EXPIRED with HTTP commands; then one driven by timers alone (timer-scheduler),
// and what the projection made of both in the lifecycle schema.
import pg from 'pg';
import { COMMAND, QUERY, SCHEDULER, jwt, sleep } from './demo-lib.mjs';

const schema = process.env.LIFECYCLE_SCHEMA ?? 'lifecycle';

// The demo acts as an operator service: a token (HS256, the local JWT_SECRET) with the scopes
// of lifecycle commands and queries and of the scheduler's operator routes. No token, no answer.
const operatorToken = jwt({ sub: 'demo-operator', scope: 'lifecycle:write lifecycle:read timers:read timers:operate' });
const auth = { authorization: `Bearer ${operatorToken}` };

const post = async (path, body = {}) => {
  const response = await fetch(`${COMMAND}/v1/lifecycle/campaigns${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  console.log(`  POST ${path || '/'} → ${response.status} ${answer.status}${answer.code ? ` ${answer.code}` : ''}`);
  if (response.status >= 300) throw new Error(JSON.stringify(answer));
  return answer;
};

const waitForRows = async (campaignId, count) => {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${QUERY}/v1/lifecycle/campaigns/${campaignId}/state-log`, { headers: auth });
    if (response.ok && (await response.json()).items.length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the projection did not catch up within 10 s');
};

const created = await post('', { durationHours: 72, rewardsEnabled: true, metadata: { name: 'Demo spring rewards' } });
const campaignId = created.streamId.replace('campaign-', '');
await post(`/${campaignId}/start`);
for (const participantId of ['ada', 'grace', 'linus']) await post(`/${campaignId}/participants`, { participantId });
await post(`/${campaignId}/engagements`, { participantId: 'ada', engagementType: 'share' });
await post(`/${campaignId}/close`);
await post(`/${campaignId}/open-reward-claim`);
await post(`/${campaignId}/reward-claims`, { participantId: 'grace', rewardId: 'voucher-10' });
await post(`/${campaignId}/expire`, { trigger: 'MANUAL', reason: 'demo finished' });
await post(`/${campaignId}/start`).catch(() => console.log('  (as expected: EXPIRED → RUNNING is not an allowed transition)'));
await waitForRows(campaignId, 5);

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const show = async (title, sql) => {
  const { rows } = await client.query(sql, [campaignId]);
  console.log(`\n${title}`);
  console.table(rows);
};
await show(`${schema}.campaigns`, `SELECT id, status, duration_hours, start_time, end_time, updated_at FROM ${schema}.campaigns WHERE id = $1`);
await show(
  `${schema}.campaign_state_log`,
  `SELECT from_state, to_state, trigger_event, created_at FROM ${schema}.campaign_state_log WHERE campaign_id = $1 ORDER BY created_at`,
);
await show(
  `${schema}.campaign_metrics`,
  `SELECT metric_type, value, attributes->>'from_state' AS from_state, recorded_at FROM ${schema}.campaign_metrics WHERE campaign_id = $1 ORDER BY recorded_at, metric_type`,
);
await client.query(`SET search_path TO ${schema}`);
const { rows } = await client.query(
  `SELECT status, COUNT(*) as count, ROUND(COUNT(*) * 100.0 / SUM(COUNT(*)) OVER (), 2) as percentage FROM campaigns GROUP BY status ORDER BY count DESC`,
);
console.log('\nCampaign state distribution (seed 002 monitoring query)');
console.table(rows);

// --- the same life, driven by timers alone -------------------------------------------------
console.log('\nA campaign driven by timers: starts in 2 s, runs 1 hour, a 6 s reward-claim window');
const startTime = new Date(Date.now() + 2_000).toISOString();
const timed = await post('', {
  durationHours: 1,
  startTime,
  metadata: { name: 'Demo timed campaign', timers: { rewardClaimWindowSeconds: 6, rewardReminderBeforeExpirySeconds: 3 } },
});
const timedId = timed.streamId.replace('campaign-', '');
const statusOf = async () => (await (await fetch(`${QUERY}/v1/lifecycle/campaigns/${timedId}`, { headers: auth })).json()).status;
const waitForStatus = async (status, seconds) => {
  for (let i = 0; i < seconds * 10; i++) {
    if ((await statusOf()) === status) return;
    await sleep(100);
  }
  throw new Error(`the timed campaign did not reach ${status} within ${seconds} s`);
};
await waitForStatus('RUNNING', 15);
console.log('  START_CAMPAIGN fired at start_time: RUNNING');
// Durations are whole hours (seed 002), so the close timer is an hour away. An operator can
// make a pending timer due now; the scheduler still fires it, through its command, once.
// The scheduler plans it from the same StateTransitioned event the projection just showed; the
// two consume it independently, so the timer may appear a moment after the RUNNING row.
const closeTimer = async (seconds) => {
  for (let i = 0; i < seconds * 10; i++) {
    const timers = await (await fetch(`${SCHEDULER}/v1/timers?campaignId=${timedId}`, { headers: auth })).json();
    const found = timers.active.find((t) => t.timer_type === 'CLOSE_CAMPAIGN');
    if (found) return found;
    await sleep(100);
  }
  throw new Error(`the scheduler did not plan the timed campaign's CLOSE_CAMPAIGN timer within ${seconds} s`);
};
const close = await closeTimer(15);
console.log(`  CLOSE_CAMPAIGN is due at ${close.due_at}; POST ${SCHEDULER}/v1/timers/${close.id}/fire-now`);
await fetch(`${SCHEDULER}/v1/timers/${close.id}/fire-now`, { method: 'POST', headers: auth });
await waitForStatus('EXPIRED', 30);
console.log('  CLOSE_CAMPAIGN → OPEN_REWARD_CLAIM → REWARD_REMINDER → EXPIRE_CAMPAIGN fired: EXPIRED');
await sleep(1_000);
const showTimed = async (title, sql) => {
  const { rows } = await client.query(sql, [timedId]);
  console.log(`\n${title}`);
  console.table(rows);
};
await showTimed(
  `${schema}.campaign_state_log`,
  `SELECT from_state, to_state, trigger_event, created_at FROM ${schema}.campaign_state_log WHERE campaign_id = $1 ORDER BY created_at`,
);
await showTimed(
  `${schema}.campaign_timers`,
  `SELECT timer_type, status, scheduled_at, executed_at, retry_count FROM ${schema}.campaign_timers WHERE campaign_id = $1 ORDER BY created_at, timer_type`,
);
await showTimed(
  `${schema}.timer_executions`,
  `SELECT t.timer_type, e.status, e.started_at, e.execution_time_ms FROM ${schema}.timer_executions e JOIN ${schema}.campaign_timers t ON t.id = e.timer_id WHERE t.campaign_id = $1 ORDER BY e.started_at`,
);
const times = (await (await fetch(`${QUERY}/v1/lifecycle/reports/timer-execution-times`, { headers: auth })).json()).items;
console.log(`\nAverage timer execution times (seed 002 performance query, GET ${QUERY}/v1/lifecycle/reports/timer-execution-times)`);
console.table(times);
await client.end();
