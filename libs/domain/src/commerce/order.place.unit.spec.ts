/**
 * PlaceOrder (seed 001 orders, order_items): what the order reads (customer, agent, catalog) and how
 * its lines and totals are computed. The order's later life is in order.unit.spec.ts.
 */
import { accepted, given, unchecked } from '../testing';
import { isAgentEvent } from './agents';
import { agentsDecider } from './agents.decide';
import { productDecider } from './catalog.decide';
import type { CustomerEvent } from './customer';
import { customerDecider } from './customer.decide';
import { orderDecider } from './order.decide';
import type { OrderStreamEvent } from './order.state';
import { agentId, AS_SERVICE, AS_VIEWER, command, customerId, decided, NOW, ORG_ID, orderId, orderReads, productId, variantId, variantOf } from './testing';

const reads = orderReads();
const item = (variant: number, quantity: number, extra: Record<string, unknown> = {}) => ({
  productId: productId(1),
  variantId: variantId(variant),
  quantity,
  ...extra,
});
const place = (items: unknown[]) => command.placeOrder({ items: unchecked(items) });
const ref = { orgId: ORG_ID, orderId: orderId(1), customerId: customerId(1), agentId: agentId(1) };
const with_ = (events: readonly OrderStreamEvent[], ...more: OrderStreamEvent[][]) => [...events, ...more.flat()];

describe('when the order does not exist', () => {
  // seed 001 (line 146–147): order_items → product_variants; the prices are the catalog's, never the caller's
  it('PlaceOrder prices each line from the catalog and computes subtotal and total', () => {
    given(orderDecider, reads)
      .when(place([item(1, 2), item(2, 3, { location: 'annex' })]))
      .then([
        {
          type: 'OrderPlaced',
          data: {
            ...ref,
            currency: 'EUR',
            lines: [
              {
                line: 1,
                productId: productId(1),
                variantId: variantId(1),
                sku: 'SKU-1',
                location: 'main',
                quantity: 2,
                unitPrice: '10.00',
                lineTotal: '20.00',
              },
              {
                line: 2,
                productId: productId(1),
                variantId: variantId(2),
                sku: 'SKU-2',
                location: 'annex',
                quantity: 3,
                unitPrice: '25.50',
                lineTotal: '76.50',
              },
            ],
            subtotal: '96.50',
            total: '96.50',
            touches: [],
            placedAt: NOW,
          },
        },
      ]);
  });

  it('prices, line totals and totals the caller sends are ignored', () => {
    const data = accepted(given(orderDecider, reads).when(place([item(1, 1, { unitPrice: '0.01', lineTotal: '0.01' })])))[0].data as Record<string, unknown>;
    expect(data).toMatchObject({ subtotal: '10.00', total: '10.00', lines: [expect.objectContaining({ unitPrice: '10.00', lineTotal: '10.00' })] });
    const withTotal = { ...place([item(1, 1)]), data: { ...place([item(1, 1)]).data, total: '1.00', subtotal: '1.00' } };
    expect(accepted(given(orderDecider, reads).when(withTotal))[0].data).toMatchObject({ total: '10.00' });
  });

  it.each(['inactive', 'archived'])('a product that is %s is not for sale: ORDER_INVALID', (status) => {
    const off = with_(reads, decided(productDecider, [], command.createProduct({ productId: productId(2), status })));
    given(orderDecider, off)
      .when(place([{ productId: productId(2), variantId: variantId(1), quantity: 1 }]))
      .thenRejects('ORDER_INVALID', { details: { field: 'items[0]' } });
  });

  it('every line of an order is priced in one currency: ORDER_CURRENCY_MISMATCH', () => {
    const usd = decided(productDecider, [], command.createProduct({ productId: productId(2), variants: [variantOf(3, { currency: 'USD' })] }));
    given(orderDecider, with_(reads, usd))
      .when(place([item(1, 1), { productId: productId(2), variantId: variantId(3), quantity: 1 }]))
      .thenRejects('ORDER_CURRENCY_MISMATCH', { details: { field: 'items[1]', currency: 'EUR' } });
  });

  it('an order whose total orders.total (DECIMAL(15,2)) cannot hold is refused at the door: ORDER_INVALID', () => {
    const dear = decided(productDecider, [], command.createProduct({ productId: productId(3), variants: [variantOf(4, { price: '9999999999999.99' })] }));
    given(orderDecider, with_(reads, dear))
      .when(place([{ productId: productId(3), variantId: variantId(4), quantity: 2 }]))
      .thenRejects('ORDER_INVALID', { details: { field: 'items' } });
    expect(accepted(given(orderDecider, with_(reads, dear)).when(place([{ productId: productId(3), variantId: variantId(4), quantity: 1 }])))).toHaveLength(1);
  });

  it('a variant the product does not have is refused as VARIANT_NOT_FOUND; an unknown product as PRODUCT_NOT_FOUND', () => {
    given(orderDecider, reads)
      .when(place([item(9, 1)]))
      .thenRejects('VARIANT_NOT_FOUND', { details: { field: 'items[0]' } });
    given(orderDecider, reads)
      .when(place([{ productId: productId(9), variantId: variantId(1), quantity: 1 }]))
      .thenRejects('PRODUCT_NOT_FOUND');
  });

  // seed 001 (line 139): FOREIGN KEY (customer_id) REFERENCES customers(id)
  it('orders.customer_id: the customer must exist (not unknown, not deleted)', () => {
    const noCustomer = reads.filter((e) => !e.type.startsWith('Customer'));
    given(orderDecider, noCustomer)
      .when(command.placeOrder())
      .thenRejects('CUSTOMER_NOT_FOUND', { details: { customerId: customerId(1) } });
    const own = reads.filter((e): e is CustomerEvent => e.type.startsWith('Customer'));
    const deleted = with_(reads, decided(customerDecider, own, command.deleteCustomer()).slice(own.length) as CustomerEvent[]);
    given(orderDecider, deleted).when(command.placeOrder()).thenRejects('CUSTOMER_NOT_FOUND');
  });

  // seed 001 (line 244): transactions.agent_id references agents(id); the processing agent is active
  it('the agent must be a registered, active agent: AGENT_NOT_FOUND', () => {
    given(orderDecider, reads)
      .when(command.placeOrder({ agentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'agentId' } });
    const registry = reads.filter(isAgentEvent);
    const inactive = with_(
      reads,
      decided(agentsDecider, registry, command.changeAgentStatus({ agentId: agentId(1), status: 'inactive' })).slice(registry.length),
    );
    given(orderDecider, inactive).when(command.placeOrder()).thenRejects('AGENT_NOT_FOUND');
  });

  it.each([[[]], [[item(1, 0)]], [[item(1, 1.5)]], [[item(1, 1, { location: 'no where' })]]])('items %j are refused as ORDER_INVALID', (items) => {
    given(orderDecider, reads).when(place(items)).thenRejects('ORDER_INVALID');
  });

  it('a viewer may not place orders (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(orderDecider, reads).when(command.placeOrder({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(orderDecider, reads).when(command.placeOrder({}, AS_SERVICE)))).toHaveLength(1);
  });

  it('commands on an order that does not exist are refused as ORDER_NOT_FOUND', () => {
    given(orderDecider, reads).when(command.payOrder()).thenRejects('ORDER_NOT_FOUND');
  });
});
