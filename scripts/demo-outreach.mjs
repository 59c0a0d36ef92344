// The outreach part of the demo behind scripts/up.sh (seed 004): an org, its admin and two
// email templates; an A/B campaign with 40 contacts, activated; the dispatcher's requests acted
// on by a stand-in sender adapter; opens, clicks, replies and a bounce posted to
// analytics-ingest — and the campaign's counters, live from the projection's read model.
import { randomUUID } from 'node:crypto';
import contracts from '@campaign/contracts';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { COMMAND, QUERY, INGEST, call as request, jwt, sleep, until } from './demo-lib.mjs';

const schema = process.env.OUTREACH_SCHEMA ?? 'outreach';
const CONTACTS = 40;

const orgId = randomUUID();
const adminId = randomUUID();
const token = jwt({ sub: adminId, org_id: orgId, role: 'admin' });

const call = (method, url, body, headers = {}) => request(method, url, { token, body, headers, redirect: 'manual' });
const command = async (method, path, body = {}, quiet = false) => {
  const answer = await call(method, `${COMMAND}/v1/outreach${path}`, body);
  if (!quiet) console.log(`  ${method} /v1/outreach${path} → ${answer.status} ${answer.body.status ?? ''}${answer.body.code ? ` ${answer.body.code}` : ''}`);
  if (answer.status >= 300 && !quiet) throw new Error(JSON.stringify(answer.body));
  return answer;
};
const query = async (path) => (await call('GET', `${QUERY}/v1/outreach${path}`)).body;

console.log(`An organization ${orgId.slice(0, 8)}…, its admin and two email templates (JWT: org_id, sub, role)`);
await command('POST', '/organizations', { orgId, name: 'Demo Talent Co' });
await command('POST', '/users', { userId: adminId, email: 'ada@demo.example.com', fullName: 'Ada Admin', role: 'admin' });
const templates = [randomUUID(), randomUUID()];
await command('POST', '/templates', {
  templateId: templates[0],
  name: 'Short pitch',
  channel: 'email',
  subject: 'A Java role in NYC',
  body: 'Hi {{first_name}}, quick question…',
});
await command('POST', '/templates', {
  templateId: templates[1],
  name: 'Long pitch',
  channel: 'email',
  subject: 'Senior Java Developer — Fortune 500',
  body: 'Dear {{first_name}}, …',
});

console.log('\nseed 004 rules at the door');
await command('POST', '/campaigns', { name: '' }, true).then((a) =>
  console.log(`  name ''                       → ${a.status} ${a.body.code}: ${a.body.message}`),
);
await command('POST', '/campaigns', { name: 'AB same', is_ab_test: true, variant_a_template_id: templates[0], variant_b_template_id: templates[0] }, true).then(
  (a) => console.log(`  A/B with one template twice   → ${a.status} ${a.body.code}: ${a.body.message}`),
);

console.log('\nAn A/B campaign, 40 contacts, activated');
const created = await command('POST', '/campaigns', {
  name: 'Q1 2024 Senior Java Developer Sourcing - NYC',
  campaign_type: 'talent_sourcing',
  channel: 'email',
  target_skills: ['Java', 'Spring Boot', 'AWS'],
  target_locations: ['New York, NY'],
  target_contacts_count: 500,
  target_response_rate: 15,
  is_ab_test: true,
  variant_a_template_id: templates[0],
  variant_b_template_id: templates[1],
  ab_split_percentage: 50,
});
const campaignId = created.body.campaignId;
await command('POST', `/campaigns/${campaignId}/activate`, {}, true).then((a) =>
  console.log(`  activate with 0 contacts      → ${a.status} ${a.body.code}: ${a.body.message}`),
);
const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
  email: `dev${i}@example.com`,
  first_name: `Dev${i}`,
  last_name: 'Doe',
  title: 'Senior Software Engineer',
}));
await command('POST', `/campaigns/${campaignId}/contacts`, { contacts });
await command('POST', `/campaigns/${campaignId}/activate`);

// A stand-in sender adapter: the DispatchRequest contract in, RecordMessageSent back.
const kafka = new Kafka({ clientId: 'demo-sender', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId: `demo-sender-${orgId}` });
await consumer.connect();
await consumer.subscribe({ topics: [contracts.outreach.dispatchRequestsTopic(process.env.TOPIC_PREFIX ?? '')], fromBeginning: true });
const requests = [];
await consumer.run({
  eachMessage: async ({ message }) => {
    const request = contracts.outreach.decodeDispatchRequest(message.value);
    if (request.campaignId !== campaignId) return;
    requests.push(request);
    await command('POST', `/campaigns/${campaignId}/contacts/${request.contactId}/sends`, { dispatchId: request.dispatchId, provider: 'demo-smtp' }, true);
  },
});

const counters = async (title) => {
  const c = await query(`/campaigns/${campaignId}`);
  const opened = c.contact_stats.by_status.opened;
  console.log(
    `  ${title.padEnd(28)} status=${c.status.padEnd(9)} reached=${String(c.contacts_reached).padStart(2)} emails_sent=${String(c.emails_sent).padStart(2)} opened=${String(opened).padStart(2)} responses=${String(c.responses_received).padStart(2)} conversions=${c.conversions} response_rate=${c.response_rate}%`,
  );
  return c;
};

console.log('\nLive counters (GET /v1/outreach/campaigns/:id on the projection)');
await until('the activated campaign in the read model', async () => (await query(`/campaigns/${campaignId}`)).status === 'active');
await counters('activated');
await until('40 dispatch requests', async () => requests.length >= CONTACTS);
await until('40 sends in the read model', async () => (await query(`/campaigns/${campaignId}`)).emails_sent === CONTACTS);
await counters('after the sender adapter');
console.log('  (no contact is pending any more: completed automatically — seed 004 auto-complete trigger 3)');
const webhook = (kind, body) =>
  fetch(`${INGEST}/v1/webhooks/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.WEBHOOK_SECRET}` },
    body: JSON.stringify(body),
  });
const variants = new Map((await query(`/campaigns/${campaignId}/contacts?limit=1000`)).items.map((c) => [c.id, c.ab_variant]));
for (const [i, request] of requests.entries()) {
  const t = request.tracking;
  if (i % 2 === 0) await fetch(`${INGEST}${new URL(t.openPixelUrl).pathname}`, { headers: { 'user-agent': 'Mozilla/5.0 (demo)' } });
  if (i % 4 === 0) {
    // As a sender adapter writes a tracked link: the target and its signature for this message.
    const target = 'https://intime.com/jobs/senior-java-developer';
    const link = new URL(
      t.clickUrlTemplate.replace('{url}', encodeURIComponent(target)).replace('{sig}', contracts.outreach.tracking.signClickUrlWithKey(t.clickLinkKey, target)),
    );
    await fetch(`${INGEST}${link.pathname}${link.search}`, { redirect: 'manual' });
  }
}
await until('the opens in the read model', async () => (await query(`/campaigns/${campaignId}`)).contact_stats.by_status.opened > 0);
await sleep(500);
await counters('after opens and clicks');
for (const [i, request] of requests.entries()) {
  if (i % 3 === 0)
    await webhook('replies', {
      token: request.tracking.token,
      channel: 'email',
      text: 'Sounds interesting',
      providerEventId: `demo-reply-${request.contactId}`,
    });
  if (i % 3 === 0 && variants.get(request.contactId) === 'A')
    await command('POST', `/campaigns/${campaignId}/contacts/${request.contactId}/conversions`, { conversion_type: 'phone_screen' }, true);
  if (i === 1)
    await webhook('bounces', {
      token: request.tracking.token,
      bounceType: 'hard',
      reason: '550 no such user',
      providerEventId: `demo-bounce-${request.contactId}`,
    });
}
await sleep(1_000);
await counters('after replies and a bounce');
await consumer.disconnect();

const ab = await query(`/campaigns/${campaignId}/ab-test-results`);
console.log(`\nA/B test results (GET …/ab-test-results): significant=${ab.significant} winner=${ab.winner} p=${ab.pValue} — ${ab.verdict}`);
console.table(Object.entries(ab.variants).map(([variant, v]) => ({ variant, ...v })));

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query(`SET search_path TO ${schema}`);
const dashboard = await client.query(
  `SELECT
  c.id, c.name, c.status,
  c.contacts_reached, c.responses_received, c.conversions,
  c.response_rate,
  COUNT(cc.id) as total_contacts,
  COUNT(CASE WHEN cc.status = 'pending' THEN 1 END) as pending_contacts
FROM campaigns c
LEFT JOIN campaign_contacts cc ON c.id = cc.campaign_id
WHERE c.org_id = $1 AND c.status IN ('active', 'paused', 'completed')
GROUP BY c.id
ORDER BY c.created_at DESC`,
  [orgId],
);
console.log(`\n${schema}: seed 004's performance dashboard query (statuses widened to show the completed campaign)`);
console.table(dashboard.rows.map(({ id, ...row }) => ({ id: id.slice(0, 8), ...row })));
const engagement = await client.query(
  `SELECT et.event_type, COUNT(*)::int AS events FROM engagement_tracking et JOIN campaign_contacts cc ON cc.id = et.campaign_contact_id WHERE cc.campaign_id = $1 GROUP BY et.event_type ORDER BY events DESC`,
  [campaignId],
);
console.log(`${schema}.engagement_tracking`);
console.table(engagement.rows);
await client.end();
