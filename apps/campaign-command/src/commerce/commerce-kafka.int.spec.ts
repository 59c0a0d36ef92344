import { createHash, randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@campaign/contracts';
import { commerce } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger, signJwt } from '@campaign/runtime';
import { TEST_JWT_SECRET, testCommandSigner, testKafka } from '@campaign/testing';
import { derivedId } from '../shared/derived-id';
import { type CommandApp, startCommandApp } from '../testing';
import { variantLabel } from './commerce-scopes';
import { newOrg, typesOf } from './testing';

type Signer = { sign(value: Buffer): Promise<string> };

/** A person's token bound to one command's bytes (a person sending over Kafka acts in its own org, with its role). */
const personSigner = (orgId: string, role: string): Signer => ({
  sign: async (value) =>
    signJwt(
      { sub: randomUUID(), org_id: orgId, role, msg: createHash('sha256').update(value).digest('base64url'), exp: Math.floor(Date.now() / 1000) + 60 },
      TEST_JWT_SECRET,
    ),
});

/** The Kafka door `<prefix>commerce.commands` → `<prefix>commerce.command-results`. */
describe('commerce over Kafka: services name their ids, people get derived ones', () => {
  let app: CommandApp;
  const org = newOrg();
  const clients: KafkaCommandClient[] = [];
  let service: KafkaCommandClient;

  const clientAs = async (signer: Signer): Promise<KafkaCommandClient> => {
    const options = {
      context: 'commerce',
      topicPrefix: app.config.TOPIC_PREFIX,
      instanceId: randomUUID(),
      clientName: 'commerce-test',
      timeoutMs: 60_000,
      signer,
    };
    const client = new KafkaCommandClient(testKafka(), options, new JsonLogger('test', 'error'));
    await client.start();
    clients.push(client);
    return client;
  };
  const envelope = (type: string, data: Record<string, unknown>, tenant: string | null = org.orgId): CommandEnvelope => ({
    commandId: randomUUID(),
    type,
    schemaVersion: 1,
    context: 'commerce',
    issuedAt: new Date().toISOString(),
    actor: 'service:forged-name',
    correlationId: null,
    causationId: null,
    tenant,
    data,
  });
  const agent = (agentId: string) => ({ agentId, name: `Agent ${agentId}`, type: 'specialist', parentId: null, description: null, settings: null });
  const customer = (customerId: string) => ({
    customerId,
    email: `${customerId}@example.com`,
    firstName: null,
    lastName: null,
    phone: null,
    acceptsMarketing: null,
    attributes: null,
  });
  const product = (productId: string, variantId: string) => ({
    productId,
    name: 'Trail shoe',
    description: null,
    collection: null,
    status: null,
    variants: [{ variantId, sku: `SKU-${variantId}`, title: '42', price: '24.50', currency: 'EUR' }],
  });
  const order = (orderId: string, ids: { customerId: string; agentId: string; productId: string; variantId: string }, quantity: number) => ({
    orderId,
    customerId: ids.customerId,
    agentId: ids.agentId,
    items: [{ productId: ids.productId, variantId: ids.variantId, quantity, location: null }],
  });

  beforeAll(async () => {
    app = await startCommandApp();
    service = await clientAs(testCommandSigner(['commerce:write']));
  });
  afterAll(async () => {
    for (const client of clients) await client.stop();
    await app?.stop();
  });

  it('a service granted commerce:write places an order with its own ids and reads the result on the results topic', async () => {
    const ids = { agentId: randomUUID(), customerId: randomUUID(), productId: randomUUID(), variantId: randomUUID() };
    const send = (type: string, data: Record<string, unknown>) => service.send(envelope(type, data), 'any-key');
    expect(await send('RegisterAgent', agent(ids.agentId))).toMatchObject({ status: 'ACCEPTED', streamId: commerce.agentsStreamId(org.orgId) });
    expect(await send('RegisterCustomer', customer(ids.customerId))).toMatchObject({ status: 'ACCEPTED' });
    expect(await send('CreateProduct', product(ids.productId, ids.variantId))).toMatchObject({
      status: 'ACCEPTED',
      streamId: commerce.productStreamId(org.orgId, ids.productId),
    });
    expect(await send('ReceiveStock', { productId: ids.productId, variantId: ids.variantId, location: 'main', quantity: 3 })).toMatchObject({
      status: 'ACCEPTED',
    });
    const orderId = randomUUID();
    const placed = await send('PlaceOrder', order(orderId, ids, 2));
    expect(placed).toMatchObject({ context: 'commerce', status: 'ACCEPTED', streamId: commerce.orderStreamId(org.orgId, orderId), streamVersion: 1 });
    const transactionId = randomUUID();
    expect(await send('PayOrder', { orderId, transactionId, amount: '49.00' })).toMatchObject({ status: 'ACCEPTED', streamVersion: 2 });
    const { events } = await app.store.readStream(commerce.orderStreamId(org.orgId, orderId));
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderPaid']);
    expect(events[1].data).toMatchObject({ transactionId, amount: '49.00', attributions: [{ agentId: ids.agentId, amount: '49.00' }] });
    // One unit is left: an order for two is refused with what is available.
    expect(await send('PlaceOrder', order(randomUUID(), ids, 2))).toMatchObject({ status: 'REJECTED', code: 'INSUFFICIENT_STOCK', details: { available: 1 } });
  });

  it('commerce commands name their org: without the envelope’s tenant a service’s command is TENANT_REQUIRED', async () => {
    expect(await service.send(envelope('RegisterAgent', agent(randomUUID()), null), 'any-key')).toMatchObject({ status: 'REJECTED', code: 'TENANT_REQUIRED' });
  });

  it('a service without commerce:write may not send commerce commands (FORBIDDEN), and nothing is written', async () => {
    const stranger = await clientAs(testCommandSigner(['lifecycle:write']));
    const rival = newOrg();
    expect(await stranger.send(envelope('RegisterAgent', agent(randomUUID()), rival.orgId), 'any-key')).toMatchObject({
      status: 'REJECTED',
      code: 'FORBIDDEN',
    });
    expect(await typesOf(app, commerce.agentsStreamId(rival.orgId))).toEqual([]);
  });

  it('a person names no ids: its CreateProduct’s product and variant ids are derived from its org and command id', async () => {
    const editor = await clientAs(personSigner(org.orgId, 'editor'));
    const chosen = { productId: randomUUID(), variantId: randomUUID() };
    const command = envelope('CreateProduct', product(chosen.productId, chosen.variantId));
    const derived = derivedId(org.orgId, command.commandId, 'product');
    expect(await editor.send(command, 'any-key')).toMatchObject({ status: 'ACCEPTED', streamId: commerce.productStreamId(org.orgId, derived) });
    expect(await typesOf(app, commerce.productStreamId(org.orgId, chosen.productId))).toEqual([]);
    const [created] = (await app.store.readStream(commerce.productStreamId(org.orgId, derived))).events;
    expect(created.data).toMatchObject({ variants: [{ variantId: derivedId(org.orgId, command.commandId, variantLabel(0)) }] });
  });

  it('a person acts with its role: a viewer’s command is COMMERCE_ROLE_REQUIRED', async () => {
    const viewer = await clientAs(personSigner(org.orgId, 'viewer'));
    expect(await viewer.send(envelope('RegisterAgent', agent(randomUUID())), 'any-key')).toMatchObject({ status: 'REJECTED', code: 'COMMERCE_ROLE_REQUIRED' });
  });

  it('a null parent on the wire moves an agent to the top of the hierarchy (MoveAgent parentId null is a value, not “not given”)', async () => {
    const [lead, member] = [randomUUID(), randomUUID()];
    expect(await service.send(envelope('RegisterAgent', agent(lead)), 'k')).toMatchObject({ status: 'ACCEPTED' });
    expect(await service.send(envelope('RegisterAgent', { ...agent(member), parentId: lead }), 'k')).toMatchObject({ status: 'ACCEPTED' });
    expect(await service.send(envelope('MoveAgent', { agentId: member, parentId: null }), 'k')).toMatchObject({ status: 'ACCEPTED' });
    const { events } = await app.store.readStream(commerce.agentsStreamId(org.orgId));
    expect(events.at(-1)).toMatchObject({ type: 'AgentMoved', data: { agentId: member, fromParentId: lead, parentId: null } });
  });
});
