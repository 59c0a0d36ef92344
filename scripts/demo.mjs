// The demo behind scripts/up.sh: drives one campaign through CREATED → RUNNING → CLOSED →
// REWARD_CLAIM → EXPIRED with HTTP commands and prints what the projection made of it in
// lifecycle.campaigns and lifecycle.campaign_state_log.
import pg from 'pg';

const COMMAND = process.env.COMMAND_URL ?? 'http://127.0.0.1:3001';
const QUERY = process.env.QUERY_URL ?? 'http://127.0.0.1:3002';
const schema = process.env.LIFECYCLE_SCHEMA ?? 'lifecycle';

const post = async (path, body = {}) => {
  const response = await fetch(`${COMMAND}/v1/lifecycle/campaigns${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-actor': 'user:demo' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  console.log(`  POST ${path || '/'} → ${response.status} ${answer.status}${answer.code ? ` ${answer.code}` : ''}`);
  if (response.status >= 300) throw new Error(JSON.stringify(answer));
  return answer;
};

const waitForRows = async (campaignId, count) => {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${QUERY}/v1/lifecycle/campaigns/${campaignId}/state-log`);
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
await show(`${schema}.campaign_state_log`, `SELECT from_state, to_state, trigger_event, created_at FROM ${schema}.campaign_state_log WHERE campaign_id = $1 ORDER BY created_at`);
await show(`${schema}.campaign_metrics`, `SELECT metric_type, value, attributes->>'from_state' AS from_state, recorded_at FROM ${schema}.campaign_metrics WHERE campaign_id = $1 ORDER BY recorded_at, metric_type`);
await client.query(`SET search_path TO ${schema}`);
const { rows } = await client.query(`SELECT status, COUNT(*) as count, ROUND(COUNT(*) * 100.0 / SUM(COUNT(*)) OVER (), 2) as percentage FROM campaigns GROUP BY status ORDER BY count DESC`);
console.log('\nCampaign state distribution (seed 002 monitoring query)');
console.table(rows);
await client.end();
