/**
 * Sets up the ingest benchmark through the public doors only: an org, its admin, an email
 * template, an active email campaign with `contacts` contacts (campaign-command's HTTP API, as
 * a JWT-bearing user), then plays the sender adapter — reads `<prefix>outreach.dispatch-requests`
 * and reports each send with RecordMessageSent — until every contact is sent.
 */
import { randomUUID } from 'node:crypto';
import { outreach as outreachWire } from '@campaign/contracts';
import { signJwt } from '@campaign/runtime';
import { testKafka, uniqueSuffix } from '@campaign/testing';
import { pool as inParallel } from '../stats';
import type { Apps } from './ingest-apps';
import { BENCH_SECRETS } from '../app-env';

export interface SentContact {
  readonly contactId: string;
  /** The signed tracking token the dispatch request carried: what the webhooks name. */
  readonly token: string;
}

export interface Campaign {
  readonly orgId: string;
  readonly campaignId: string;
  readonly contacts: readonly SentContact[];
}

type Post = (path: string, body: object) => Promise<Record<string, unknown>>;

const client = (baseUrl: string, orgId: string, userId: string): Post => {
  const token = signJwt({ sub: userId, org_id: orgId, role: 'admin', exp: Math.floor(Date.now() / 1000) + 4 * 3600 }, BENCH_SECRETS.JWT_SECRET);
  return async (path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
    return answer;
  };
};

const createCampaign = async (post: Post, orgId: string, userId: string, count: number) => {
  await post('/v1/outreach/organizations', { orgId, name: 'Bench ingest org' });
  await post('/v1/outreach/users', { userId, email: 'admin@bench.example.com', fullName: 'Bench Admin', role: 'admin' });
  await post('/v1/outreach/templates', { name: 'Bench email', channel: 'email', subject: 'An opening for you', body: 'Hi {{first_name}}, we are hiring.' });
  const { campaignId } = (await post('/v1/outreach/campaigns', {
    name: 'Bench ingest campaign',
    campaign_type: 'talent_sourcing',
    channel: 'email',
    target_contacts_count: Math.max(1, count),
  })) as { campaignId: string };
  const contacts = Array.from({ length: count }, (_, i) => ({ email: `ingest${i}@bench.example.com`, first_name: 'Ada', last_name: `Contact ${i}` }));
  const { contactIds } = (await post(`/v1/outreach/campaigns/${campaignId}/contacts`, { contacts })) as { contactIds: string[] };
  if (contactIds.length !== count) throw new Error(`added ${contactIds.length} of ${count} contacts`);
  return campaignId;
};

/**
 * Consumes dispatch requests from the start of the topic and reports each send over HTTP,
 * `concurrency` at a time, until every contact of the campaign is sent or `timeoutMs` passes.
 */
const actAsSender = async (apps: Apps, post: Post, campaignId: string, count: number, concurrency: number, timeoutMs: number): Promise<SentContact[]> => {
  const consumer = testKafka().consumer({ groupId: `bench-sender-${uniqueSuffix()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [outreachWire.dispatchRequestsTopic(apps.env.TOPIC_PREFIX)], fromBeginning: true });
  const sent = new Map<string, SentContact>();
  await consumer.run({
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      const requests = batch.messages
        .map((m) => outreachWire.decodeDispatchRequest(m.value ?? Buffer.alloc(0)))
        .filter((r) => r.campaignId === campaignId && !sent.has(r.contactId));
      await inParallel(requests.length, concurrency, async (i) => {
        const r = requests[i];
        await post(`/v1/outreach/campaigns/${r.campaignId}/contacts/${r.contactId}/sends`, {
          dispatchId: r.dispatchId,
          provider: 'bench-smtp',
          messageId: `bench-${r.dispatchId}`,
        });
        sent.set(r.contactId, { contactId: r.contactId, token: r.tracking.token });
      });
      for (const m of batch.messages) resolveOffset(m.offset);
      await heartbeat();
    },
  });
  const deadline = Date.now() + timeoutMs;
  while (sent.size < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await consumer.disconnect();
  if (sent.size < count)
    throw new Error(`only ${sent.size} of ${count} contacts were dispatched within ${timeoutMs} ms (is campaign-command's dispatcher running?)`);
  return [...sent.values()];
};

export const setUpSentCampaign = async (apps: Apps, count: number, concurrency: number): Promise<Campaign & { setupSeconds: number; sendSeconds: number }> => {
  const orgId = randomUUID();
  const userId = randomUUID();
  const post = client(apps.command.url, orgId, userId);
  const started = performance.now();
  const campaignId = await createCampaign(post, orgId, userId, count);
  const setupSeconds = (performance.now() - started) / 1000;
  const sendStarted = performance.now();
  const sender = actAsSender(apps, post, campaignId, count, concurrency, 120_000 + count * 20);
  await post(`/v1/outreach/campaigns/${campaignId}/activate`, {});
  const contacts = await sender;
  return { orgId, campaignId, contacts, setupSeconds, sendSeconds: (performance.now() - sendStarted) / 1000 };
};
