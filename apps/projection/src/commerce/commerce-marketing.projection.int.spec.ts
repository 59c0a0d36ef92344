import { randomUUID } from 'node:crypto';
import { commerce } from '@campaign/domain';
import { dumpTables } from '@campaign/testing';
import type { Pool } from 'pg';
import type { MoreEvent } from './commerce-more.tables';
import { COMMERCE_TABLES } from './commerce.schema';
import { NotYetProjectedError } from '../shared/row-writing';
import { erasedSubscriberEmail } from './email-lists.projector';
import { applyAsProjection, CommerceHistory, useCommerceSchemas } from './testing';

/** An event these tables read, in its stream (CommerceHistory's emit types the projection's older events only). */
const emit = <E extends MoreEvent>(h: CommerceHistory, streamId: string, type: E['type'], data: Omit<E['data'], 'orgId'>): void => {
  (h.emit as (stream: string, t: string, d: unknown) => CommerceHistory).call(h, streamId, type, { orgId: h.orgId, ...data });
};

const segment = (h: CommerceHistory, kind: commerce.SegmentKind, rules: commerce.SegmentRules | null, segmentId = randomUUID()): string => {
  const data = { segmentId, name: `${kind} segment`, description: null, kind, rules, createdAt: h.at() };
  emit<commerce.SegmentCreated>(h, commerce.segmentStreamId(h.orgId, segmentId), 'SegmentCreated', data);
  return segmentId;
};
const segmentEvent = <E extends commerce.SegmentEvent>(h: CommerceHistory, type: E['type'], data: Omit<E['data'], 'orgId'>) =>
  emit<E>(h, commerce.segmentStreamId(h.orgId, (data as { segmentId: string }).segmentId), type, data);

const campaign = (h: CommerceHistory, fields: Partial<commerce.CampaignFields>, campaignId = randomUUID()): string => {
  const base = {
    name: 'Spring',
    goalId: null,
    ownerAgentId: null,
    targetSegmentId: null,
    channel: null,
    budget: null,
    currency: null,
    startsAt: null,
    endsAt: null,
  };
  const data = { campaignId, ...base, ...fields, status: 'draft' as const, createdAt: h.at() };
  emit<commerce.CampaignCreated>(h, commerce.campaignStreamId(h.orgId, campaignId), 'CampaignCreated', data);
  return campaignId;
};

const content = (h: CommerceHistory, campaignId: string | null, agentId: string | null, contentId = randomUUID()): string => {
  const data = { contentId, campaignId, createdByAgentId: agentId, title: 'Spring mail', body: 'Hello', contentType: 'email', createdAt: h.at() };
  emit<commerce.ContentCreated>(h, commerce.contentStreamId(h.orgId, contentId), 'ContentCreated', data);
  return contentId;
};

const subscribe = (h: CommerceHistory, listId: string, email: string | null, customerId: string | null): string => {
  const subscriberId = randomUUID();
  const data = { subscriberId, listId, email: email as string, customerId, subscribedAt: h.at() };
  emit<commerce.EmailSubscribed>(h, commerce.subscriberStreamId(h.orgId, subscriberId), 'EmailSubscribed', data);
  return subscriberId;
};

const MARKETING: readonly string[] = [
  'customer_segments',
  'customer_segment_members',
  'campaigns',
  'content',
  'email_lists',
  'email_subscribers',
  'revenue_attribution',
];

describe('commerce projection: seed 001 marketing rows (segments, campaigns, content, email lists)', () => {
  const schemas = useCommerceSchemas();
  let pool: Pool;
  beforeAll(() => (pool = schemas.pool()));

  const fresh = async (name: string) => {
    const { schema } = await schemas.projectionIn(name);
    return { schema, apply: applyAsProjection(pool, schema) };
  };
  const rows = async (schema: string, table: string, where = 'true', params: unknown[] = []) =>
    (await pool.query(`SELECT * FROM ${schema}.${table} t WHERE ${where} ORDER BY 1, 2`, params)).rows;
  // Replays compare these tables only: the stock and metrics counters rely on the runner's stream checkpoints.
  const dump = (schema: string) =>
    dumpTables(
      pool,
      schema,
      COMMERCE_TABLES.filter(({ table }) => MARKETING.includes(table)),
    );
  const membersOf = async (schema: string, segmentId: string) =>
    (await rows(schema, 'customer_segment_members', 'segment_id = $1', [segmentId])).map((m) => m.customer_id).sort();

  it('writes segments, campaigns, content, lists and subscribers as the events say; replaying them changes nothing', async () => {
    const h = new CommerceHistory();
    const owner = h.agent('Marketing', 'director');
    const goal = h.goal('Grow revenue');
    const ada = h.customer('ada@example.com');
    const target = segment(h, 'static', null);
    segmentEvent<commerce.SegmentUpdated>(h, 'SegmentUpdated', { segmentId: target, name: 'VIP', description: 'Best', rules: null, updatedAt: h.at() });
    const spring = campaign(h, { goalId: goal, ownerAgentId: owner, targetSegmentId: target, channel: 'email', budget: '1500.00', currency: 'EUR' });
    const stream = commerce.campaignStreamId(h.orgId, spring);
    emit<commerce.CampaignUpdated>(h, stream, 'CampaignUpdated', { campaignId: spring, changes: { budget: '1800.00', channel: null }, updatedAt: h.at() });
    emit<commerce.CampaignStatusChanged>(h, stream, 'CampaignStatusChanged', { campaignId: spring, from: 'draft', to: 'active', changedAt: h.at() });
    const mail = content(h, spring, owner);
    const mailStream = commerce.contentStreamId(h.orgId, mail);
    emit<commerce.ContentRevised>(h, mailStream, 'ContentRevised', { contentId: mail, title: 'Spring sale', body: 'Hi', revisedAt: h.at() });
    const publishedAt = h.at();
    emit<commerce.ContentStatusChanged>(h, mailStream, 'ContentStatusChanged', { contentId: mail, from: 'draft', to: 'published', changedAt: publishedAt });
    const listId = randomUUID();
    emit<commerce.EmailListCreated>(h, commerce.emailListStreamId(h.orgId, listId), 'EmailListCreated', {
      listId,
      name: 'News',
      description: null,
      createdAt: h.at(),
    });
    subscribe(h, listId, 'ada@example.com', ada);
    subscribe(h, listId, null, null);
    const { schema, apply } = await fresh('com_mkt');
    await apply(h.envelopes);

    const [seg] = await rows(schema, 'customer_segments');
    expect(seg).toMatchObject({ id: target, org_id: h.orgId, name: 'VIP', description: 'Best', kind: 'static', rules: {} });
    const [row] = await rows(schema, 'campaigns');
    expect(row).toMatchObject({ id: spring, goal_id: goal, owner_agent_id: owner, target_segment_id: target, status: 'active', channel: null });
    expect(row).toMatchObject({ budget: '1800.00', currency: 'EUR', starts_at: null });
    const [piece] = await rows(schema, 'content');
    expect(piece).toMatchObject({
      campaign_id: spring,
      created_by_agent_id: owner,
      title: 'Spring sale',
      body: 'Hi',
      content_type: 'email',
      status: 'published',
    });
    expect(piece.published_at).toEqual(new Date(publishedAt));
    expect(await rows(schema, 'email_lists')).toEqual([expect.objectContaining({ id: listId, name: 'News', org_id: h.orgId })]);
    const subscribers = await rows(schema, 'email_subscribers');
    expect(subscribers).toHaveLength(2);
    expect(subscribers.map((s) => [s.email, s.list_id, s.customer_id, s.status, s.unsubscribed_at])).toEqual(
      expect.arrayContaining([
        ['ada@example.com', listId, ada, 'subscribed', null],
        [expect.stringMatching(/@erased\.invalid$/), listId, null, 'subscribed', null],
      ]),
    );
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
  });

  it('seed 001 "Content preserved if campaign deleted": CampaignDeleted leaves content and attribution with campaign_id NULL, late content too', async () => {
    const h = new CommerceHistory();
    const sales = h.agent('Sales', 'director');
    const ada = h.customer('ada@example.com');
    const p = h.product('Print', null, [['P-S', '10.00']]);
    h.receive(p.productId, p.variantIds[0], 5);
    const spring = campaign(h, { name: 'Spring' });
    const mail = content(h, spring, null);
    const touch = h.interaction(ada, sales, spring);
    h.pay(h.order(ada, sales, [{ productId: p.productId, variantId: p.variantIds[0], quantity: 1 }], [touch]));
    const { schema, apply } = await fresh('com_mkt_del');
    await apply(h.envelopes);
    expect((await rows(schema, 'revenue_attribution')).map((r) => r.campaign_id)).toEqual([spring]);
    const before = h.envelopes.length;
    emit<commerce.CampaignDeleted>(h, commerce.campaignStreamId(h.orgId, spring), 'CampaignDeleted', { campaignId: spring, deletedAt: h.at() });
    const late = content(h, spring, null);
    await apply(h.envelopes.slice(before));
    expect(await rows(schema, 'campaigns')).toEqual([]);
    const pieces = await rows(schema, 'content');
    expect(pieces.map((c) => [c.id, c.campaign_id]).sort()).toEqual(
      [
        [mail, null],
        [late, null],
      ].sort(),
    );
    expect((await rows(schema, 'revenue_attribution')).map((r) => r.campaign_id)).toEqual([null]);
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
  });

  it('an unsubscription and a resubscription move the row of their subscriber, found by its stream even once the email is erased', async () => {
    const h = new CommerceHistory();
    const listId = randomUUID();
    emit<commerce.EmailListCreated>(h, commerce.emailListStreamId(h.orgId, listId), 'EmailListCreated', {
      listId,
      name: 'News',
      description: null,
      createdAt: h.at(),
    });
    const ada = subscribe(h, listId, 'ada@example.com', null);
    const gone = subscribe(h, listId, null, null);
    const stream = (id: string) => commerce.subscriberStreamId(h.orgId, id);
    const unsubscribedAt = h.at();
    emit<commerce.EmailUnsubscribed>(h, stream(ada), 'EmailUnsubscribed', { subscriberId: ada, listId, unsubscribedAt });
    emit<commerce.EmailUnsubscribed>(h, stream(gone), 'EmailUnsubscribed', { subscriberId: gone, listId, unsubscribedAt });
    const { schema, apply } = await fresh('com_mkt_unsub');
    await apply(h.envelopes);
    const status = async () =>
      (await rows(schema, 'email_subscribers')).map((r) => [r.subscriber_id, r.status, r.unsubscribed_at?.toISOString() ?? null]).sort();
    expect(await status()).toEqual(
      [
        [ada, 'unsubscribed', unsubscribedAt],
        [gone, 'unsubscribed', unsubscribedAt],
      ].sort(),
    );
    const before = h.envelopes.length;
    emit<commerce.EmailResubscribed>(h, stream(ada), 'EmailResubscribed', { subscriberId: ada, listId, subscribedAt: h.at() });
    await apply(h.envelopes.slice(before));
    expect(await status()).toEqual(
      [
        [ada, 'subscribed', null],
        [gone, 'unsubscribed', unsubscribedAt],
      ].sort(),
    );
  });

  it('seed 001 "Subscriber deleted if list deleted": EmailListDeleted takes its subscribers; a subscription arriving later writes nothing', async () => {
    const h = new CommerceHistory();
    const listId = randomUUID();
    const listStream = commerce.emailListStreamId(h.orgId, listId);
    emit<commerce.EmailListCreated>(h, listStream, 'EmailListCreated', { listId, name: 'News', description: null, createdAt: h.at() });
    subscribe(h, listId, 'ada@example.com', null);
    const { schema, apply } = await fresh('com_mkt_list');
    await apply(h.envelopes);
    expect(await rows(schema, 'email_subscribers')).toHaveLength(1);
    const before = h.envelopes.length;
    emit<commerce.EmailListDeleted>(h, listStream, 'EmailListDeleted', { listId, deletedAt: h.at() });
    subscribe(h, listId, 'bob@example.com', null);
    await apply(h.envelopes.slice(before));
    expect(await rows(schema, 'email_lists')).toEqual([]);
    expect(await rows(schema, 'email_subscribers')).toEqual([]);
  });

  it('seed 001 "Preserve subscription if customer deleted": the subscriber stays with customer_id NULL', async () => {
    const h = new CommerceHistory();
    const ada = h.customer('ada@example.com');
    const listId = randomUUID();
    emit<commerce.EmailListCreated>(h, commerce.emailListStreamId(h.orgId, listId), 'EmailListCreated', {
      listId,
      name: 'News',
      description: null,
      createdAt: h.at(),
    });
    subscribe(h, listId, 'ada@example.com', ada);
    h.customerEvent(ada, 'CustomerDeleted', { email: 'ada@example.com', deletedAt: h.at() });
    const { schema, apply } = await fresh('com_mkt_sub');
    await apply(h.envelopes);
    expect((await rows(schema, 'email_subscribers')).map((s) => [s.email, s.customer_id])).toEqual([['ada@example.com', null]]);
    expect(erasedSubscriberEmail(ada)).toBe(`${ada}@erased.invalid`);
  });

  it('static members: added and removed by hand; SegmentDeleted takes them and clears campaigns.target_segment_id', async () => {
    const h = new CommerceHistory();
    const [ada, bob, cy] = ['ada@example.com', 'bob@example.com', 'cy@example.com'].map((email) => h.customer(email));
    const vip = segment(h, 'static', null);
    segmentEvent<commerce.SegmentMembersAdded>(h, 'SegmentMembersAdded', { segmentId: vip, customerIds: [ada, bob], addedAt: h.at() });
    segmentEvent<commerce.SegmentMembersRemoved>(h, 'SegmentMembersRemoved', { segmentId: vip, customerIds: [ada], removedAt: h.at() });
    const cyAddedAt = h.at();
    segmentEvent<commerce.SegmentMembersAdded>(h, 'SegmentMembersAdded', { segmentId: vip, customerIds: [cy], addedAt: cyAddedAt });
    const spring = campaign(h, { targetSegmentId: vip });
    const { schema, apply } = await fresh('com_mkt_static');
    await apply(h.envelopes);
    expect(await membersOf(schema, vip)).toEqual([bob, cy].sort());
    const [cyRow] = await rows(schema, 'customer_segment_members', 'customer_id = $1', [cy]);
    expect(cyRow).toMatchObject({ org_id: h.orgId, added_at: new Date(cyAddedAt) });
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
    const before = h.envelopes.length;
    segmentEvent<commerce.SegmentDeleted>(h, 'SegmentDeleted', { segmentId: vip, deletedAt: h.at() });
    await apply(h.envelopes.slice(before));
    expect(await rows(schema, 'customer_segment_members')).toEqual([]);
    expect((await rows(schema, 'campaigns')).map((c) => [c.id, c.target_segment_id])).toEqual([[spring, null]]);
  });

  it('a member whose customer is not projected yet fails the batch, to be retried; a deleted one is left out', async () => {
    const h = new CommerceHistory();
    const vip = segment(h, 'static', null);
    const { schema, apply } = await fresh('com_mkt_wait');
    await apply(h.envelopes);
    const other = new CommerceHistory(h.orgId);
    const ada = other.customer('ada@example.com');
    const before = h.envelopes.length;
    segmentEvent<commerce.SegmentMembersAdded>(h, 'SegmentMembersAdded', { segmentId: vip, customerIds: [ada], addedAt: h.at() });
    await expect(apply(h.envelopes.slice(before))).rejects.toBeInstanceOf(NotYetProjectedError);
    other.customerEvent(ada, 'CustomerDeleted', { email: 'ada@example.com', deletedAt: other.at() });
    await apply(other.envelopes);
    await apply(h.envelopes.slice(before));
    expect(await rows(schema, 'customer_segment_members')).toEqual([]);
  });

  it('rule members are the customers matching the rules, following customer changes and rule changes', async () => {
    const h = new CommerceHistory();
    const rules: commerce.SegmentRules = {
      all: [
        { field: 'accepts_marketing', op: 'eq', value: true },
        { field: 'email_domain', op: 'eq', value: 'example.com' },
      ],
    };
    const ada = h.customer('ada@example.com');
    const bob = h.customer('bob@other.org');
    const fans = segment(h, 'rule', rules);
    const vip = segment(h, 'static', null);
    const { schema, apply } = await fresh('com_mkt_rules');
    const step = async () => {
      await apply(h.envelopes.slice(applied));
      applied = h.envelopes.length;
    };
    let applied = 0;
    await step();
    expect(await membersOf(schema, fans)).toEqual([ada]);

    h.customerEvent(bob, 'CustomerEmailChanged', { fromEmail: 'bob@other.org', email: 'bob@example.com', changedAt: h.at() });
    const cy = h.customer('cy@example.com');
    await step();
    expect(await membersOf(schema, fans)).toEqual([ada, bob, cy].sort());

    h.customerEvent(ada, 'CustomerUpdated', { changes: { acceptsMarketing: false }, updatedAt: h.at() });
    await step();
    expect(await membersOf(schema, fans)).toEqual([bob, cy].sort());

    const inDe: commerce.SegmentRules = { all: [{ field: 'attributes.country', op: 'in', value: ['DE', 'AT'] }] };
    segmentEvent<commerce.SegmentUpdated>(h, 'SegmentUpdated', { segmentId: fans, name: 'DACH', description: null, rules: inDe, updatedAt: h.at() });
    h.customerEvent(cy, 'CustomerUpdated', { changes: { attributes: { country: 'FR' } }, updatedAt: h.at() });
    await step();
    expect(await membersOf(schema, fans)).toEqual([ada, bob].sort());
    expect(await membersOf(schema, vip)).toEqual([]);

    h.customerEvent(bob, 'CustomerDeleted', { email: 'bob@example.com', deletedAt: h.at() });
    await step();
    expect(await membersOf(schema, fans)).toEqual([ada]);
    const once = await dump(schema);
    await apply(h.envelopes);
    expect(await dump(schema)).toEqual(once);
  });

  it('the same history gives the same rows applied in one batch or one event per batch', async () => {
    const h = new CommerceHistory();
    const ada = h.customer('ada@example.com');
    const fans = segment(h, 'rule', { all: [{ field: 'attributes.country', op: 'eq', value: 'DE' }] });
    const bob = h.customer('bob@example.com');
    segmentEvent<commerce.SegmentMembersAdded>(h, 'SegmentMembersAdded', { segmentId: segment(h, 'static', null), customerIds: [ada], addedAt: h.at() });
    campaign(h, { targetSegmentId: fans, budget: '10.50', currency: 'EUR' });
    h.customerEvent(bob, 'CustomerUpdated', { changes: { attributes: { country: 'US' } }, updatedAt: h.at() });
    const whole = await fresh('com_mkt_whole');
    await whole.apply(h.envelopes);
    const single = await fresh('com_mkt_single');
    for (const envelope of h.envelopes) await single.apply([envelope]);
    expect(await dump(single.schema)).toEqual(await dump(whole.schema));
    expect(await membersOf(whole.schema, fans)).toEqual([ada]);
  });
});
