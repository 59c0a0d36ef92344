import { commerce } from '@campaign/domain';
import { call, type CommandApp, startCommandApp } from '../testing';
import { accepted, commerceClient, countByStatus, idOf, line, newOrg, type OnSale, type Org, typesOf } from './testing';

const LAST_UNITS = 10;
const BUYERS = 100;

/**
 * Orders over HTTP (seed 001 orders, order_items, inventory, transactions): lines priced from
 * the catalog, units drawn from stock counters that never go below zero, payments of exactly the
 * total, refunds up to what was paid, and tenant isolation.
 */
describe('commerce orders over HTTP: stock, totals, payments, refunds, tenancy', () => {
  let app: CommandApp;
  let client: ReturnType<typeof commerceClient>;
  let org: Org;
  let agentId: string;
  let customerId: string;

  beforeAll(async () => {
    app = await startCommandApp();
    client = commerceClient(app);
    org = newOrg();
    agentId = idOf(await client.registerAgent(org.editor), 'agentId');
    customerId = idOf(await client.registerCustomer(org.editor), 'customerId');
  });
  afterAll(async () => {
    await app?.stop();
  });

  const place = (item: OnSale, quantity: number) => client.placeOrder(org.editor, customerId, agentId, [line(item, quantity)]);

  // seed 001 inventory: stock per (product_variant_id, location), which orders draw from
  it(`stock never goes below zero: ${BUYERS} orders at once for the last ${LAST_UNITS} units → exactly ${LAST_UNITS} placed, the rest 409 INSUFFICIENT_STOCK`, async () => {
    const item = await client.stocked(org.editor, '19.99', LAST_UNITS);
    const answers = await Promise.all(Array.from({ length: BUYERS }, () => place(item, 1)));
    expect(countByStatus(answers)).toEqual({ 201: LAST_UNITS, 409: BUYERS - LAST_UNITS });
    for (const refused of answers.filter((a) => a.status === 409))
      expect(refused.body).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { available: 0 } });
    // Each accepted order recorded its placement; no refused one left a stream behind.
    const placed = answers.filter((a) => a.status === 201).map((a) => a.body.orderId as string);
    for (const orderId of placed) expect(await typesOf(app, commerce.orderStreamId(org.orgId, orderId))).toEqual(['OrderPlaced']);
  }, 120_000);

  it('cancelling gives the units back: sold out, a cancellation lets exactly one more order of that size through', async () => {
    const item = await client.stocked(org.editor, '5.00', 2);
    const orderId = idOf(await place(item, 2), 'orderId');
    expect(await place(item, 1)).toMatchObject({ status: 409, body: { code: 'INSUFFICIENT_STOCK' } });
    expect(await client.order(org.editor, orderId, 'cancellation')).toMatchObject({ status: 200, body: { status: 'ACCEPTED' } });
    expect(await place(item, 2)).toMatchObject({ status: 201 });
    expect(await place(item, 1)).toMatchObject({ status: 409, body: { code: 'INSUFFICIENT_STOCK' } });
  });

  it('totals are computed from catalog prices: 3 × 19.99 + 2 × 5.00 = 69.97, each line with its unit price', async () => {
    const [shoe, sock] = [await client.stocked(org.editor, '19.99', 5), await client.stocked(org.editor, '5.00', 5)];
    const orderId = idOf(await client.placeOrder(org.editor, customerId, agentId, [line(shoe, 3), line(sock, 2)]), 'orderId');
    const [placed] = (await app.store.readStream(commerce.orderStreamId(org.orgId, orderId))).events;
    expect(placed).toMatchObject({
      type: 'OrderPlaced',
      data: {
        total: '69.97',
        currency: 'EUR',
        lines: [
          { line: 1, unitPrice: '19.99', quantity: 3, lineTotal: '59.97', location: commerce.DEFAULT_LOCATION },
          { line: 2, unitPrice: '5.00', quantity: 2, lineTotal: '10.00' },
        ],
      },
    });
  });

  it('strict bodies: an order carrying a total, or a line carrying a price, is 400 INVALID_REQUEST and places nothing', async () => {
    const item = await client.stocked(org.editor, '10.00', 5);
    const withTotal = await call(app, 'POST', '/v1/commerce/orders', org.editor, {
      customer_id: customerId,
      agent_id: agentId,
      items: [line(item, 1)],
      total: '0.01',
    });
    expect(withTotal).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    const withPrice = await client.placeOrder(org.editor, customerId, agentId, [line(item, 1, { unit_price: '0.01' })]);
    expect(withPrice).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    // All five units are still there.
    expect(await place(item, 5)).toMatchObject({ status: 201 });
  });

  it('a payment must be the order’s total: 69.96 of 69.97 is 422 ORDER_PAYMENT_MISMATCH; the total is paid (201) and paying again is 409 ORDER_STATUS_INVALID', async () => {
    const item = await client.stocked(org.editor, '69.97', 1);
    const orderId = idOf(await place(item, 1), 'orderId');
    expect(await client.order(org.editor, orderId, 'payments', { amount: '69.96' })).toMatchObject({
      status: 422,
      body: { code: 'ORDER_PAYMENT_MISMATCH', details: { total: '69.97' } },
    });
    expect(await client.order(org.editor, orderId, 'payments', { amount: 69.97 })).toMatchObject({
      status: 201,
      body: { orderId, transactionId: expect.any(String) },
    });
    expect(await client.order(org.editor, orderId, 'payments', { amount: '69.97' })).toMatchObject({ status: 409, body: { code: 'ORDER_STATUS_INVALID' } });
  });

  it('a refund cannot exceed what was paid and not refunded (422 ORDER_REFUND_EXCEEDS_PAID); partial refunds add up to the total', async () => {
    const item = await client.stocked(org.editor, '50.00', 1);
    const orderId = idOf(await place(item, 1), 'orderId');
    expect(await client.order(org.editor, orderId, 'refunds', { amount: '1.00' })).toMatchObject({ status: 409, body: { code: 'ORDER_STATUS_INVALID' } });
    accepted(await client.order(org.editor, orderId, 'payments', { amount: '50.00' }));
    const refund = (amount: string) => client.order(org.editor, orderId, 'refunds', { amount, reason: 'damaged' });
    expect(await refund('50.01')).toMatchObject({ status: 422, body: { code: 'ORDER_REFUND_EXCEEDS_PAID', details: { refundable: '50.00' } } });
    expect(await refund('20.00')).toMatchObject({ status: 201 });
    expect(await refund('30.01')).toMatchObject({ status: 422, body: { code: 'ORDER_REFUND_EXCEEDS_PAID', details: { refundable: '30.00' } } });
    expect(await refund('30.00')).toMatchObject({ status: 201 });
    const { events } = await app.store.readStream(commerce.orderStreamId(org.orgId, orderId));
    expect(events.map((e) => [e.type, (e.data as { status?: string }).status])).toEqual([
      ['OrderPlaced', undefined],
      ['OrderPaid', undefined],
      ['OrderRefunded', 'partially_refunded'],
      ['OrderRefunded', 'refunded'],
    ]);
  });

  it('a pending order cannot ship (409 ORDER_STATUS_INVALID); a paid one ships and then cannot be cancelled', async () => {
    const item = await client.stocked(org.editor, '8.00', 1);
    const orderId = idOf(await place(item, 1), 'orderId');
    expect(await client.order(org.editor, orderId, 'fulfilment')).toMatchObject({ status: 409, body: { code: 'ORDER_STATUS_INVALID' } });
    accepted(await client.order(org.editor, orderId, 'payments', { amount: '8.00' }));
    expect(await client.order(org.editor, orderId, 'fulfilment')).toMatchObject({ status: 200 });
    expect(await client.order(org.editor, orderId, 'cancellation')).toMatchObject({
      status: 409,
      body: { code: 'ORDER_STATUS_INVALID', details: { status: 'fulfilled' } },
    });
  });

  it('tenant isolation: another org cannot pay, cancel or refund the order (404 ORDER_NOT_FOUND), nor order for its customer', async () => {
    const rival = newOrg();
    const item = await client.stocked(org.editor, '12.00', 1);
    const orderId = idOf(await place(item, 1), 'orderId');
    const notFound = { status: 404, body: { code: 'ORDER_NOT_FOUND' } };
    expect(await client.order(rival.admin, orderId, 'payments', { amount: '12.00' })).toMatchObject(notFound);
    expect(await client.order(rival.admin, orderId, 'cancellation')).toMatchObject(notFound);
    expect(await client.order(rival.admin, orderId, 'refunds', { amount: '1.00' })).toMatchObject(notFound);
    const rivalAgent = idOf(await client.registerAgent(rival.editor), 'agentId');
    expect(await client.placeOrder(rival.editor, customerId, rivalAgent, [line(item, 1)])).toMatchObject({ status: 404, body: { code: 'CUSTOMER_NOT_FOUND' } });
    expect(await typesOf(app, commerce.orderStreamId(org.orgId, orderId))).toEqual(['OrderPlaced']);
  });

  it('a viewer cannot place an order (403 COMMERCE_ROLE_REQUIRED); an order with no items is 422 ORDER_INVALID', async () => {
    const item = await client.stocked(org.editor, '1.00', 1);
    expect(await client.placeOrder(org.viewer, customerId, agentId, [line(item, 1)])).toMatchObject({ status: 403, body: { code: 'COMMERCE_ROLE_REQUIRED' } });
    expect(await client.placeOrder(org.editor, customerId, agentId, [])).toMatchObject({
      status: 422,
      body: { code: 'ORDER_INVALID', details: { field: 'items' } },
    });
  });
});
