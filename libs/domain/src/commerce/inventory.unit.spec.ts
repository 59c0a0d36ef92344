import { accepted, given } from '../testing';
import type { Guard } from '../shared/decider';
import { inventoryDecider, inventoryStreamId, stockKey } from './inventory';
import { orderDecider } from './order.decide';
import { AS_SERVICE, AS_VIEWER, command, decided, NOW, ORG_ID, orderIn, productId, productWith, variantId } from './testing';
import { productDecider } from './catalog.decide';

const product = productWith();
const where = { orgId: ORG_ID, productId: productId(1), variantId: variantId(1), location: 'main' };
const count = (n: number, delta: number, location = 'main') => ({ kind: 'count', key: stockKey(variantId(n), location), delta, code: 'INSUFFICIENT_STOCK' });
const guardsOf = (guards: (e: never) => readonly Guard[], events: readonly unknown[]) => events.flatMap((e) => guards(e as never));

describe('when the variant is in the catalog', () => {
  it('ReceiveStock records StockReceived at the location', () => {
    given(inventoryDecider, product)
      .when(command.receiveStock())
      .then([{ type: 'StockReceived', data: { ...where, quantity: 10, receivedAt: NOW } }]);
  });

  // seed 001 (line 155): UNIQUE (product_variant_id, location) — one stock record per variant and location
  it('UNIQUE (product_variant_id, location): each variant and location has a stream of its own', () => {
    const stream = (variant: number, location: string) => inventoryDecider.streamIdOf(command.receiveStock({ variantId: variantId(variant), location }));
    expect(stream(1, 'main')).toBe(inventoryStreamId(ORG_ID, variantId(1), 'main'));
    expect(new Set([stream(1, 'main'), stream(1, 'annex'), stream(2, 'main')]).size).toBe(3);
  });

  it.each([0, -1, 1.5, 1_000_001])('a quantity received of %p is refused as INVENTORY_INVALID', (quantity) => {
    given(inventoryDecider, product)
      .when(command.receiveStock({ quantity }))
      .thenRejects('INVENTORY_INVALID', { details: { field: 'quantity' } });
  });

  it.each(['', 'main hall', 'a/b', 'x'.repeat(51)])('a location %p is refused as INVENTORY_INVALID', (location) => {
    given(inventoryDecider, product)
      .when(command.receiveStock({ location }))
      .thenRejects('INVENTORY_INVALID', { details: { field: 'location' } });
  });

  it('AdjustStock records a signed, non-zero correction with its reason', () => {
    given(inventoryDecider, product)
      .when(command.adjustStock())
      .then([{ type: 'StockAdjusted', data: { ...where, delta: -2, reason: 'damaged', adjustedAt: NOW } }]);
    given(inventoryDecider, product)
      .when(command.adjustStock({ delta: 0 }))
      .thenRejects('INVENTORY_INVALID', { details: { field: 'delta' } });
    given(inventoryDecider, product)
      .when(command.adjustStock({ reason: ' ' }))
      .thenRejects('INVENTORY_INVALID', { details: { field: 'reason' } });
  });

  // seed 001 (line 147, 154): inventory.product_variant_id references product_variants(id)
  it('a variant the product does not have is refused as VARIANT_NOT_FOUND', () => {
    given(inventoryDecider, product)
      .when(command.receiveStock({ variantId: variantId(9) }))
      .thenRejects('VARIANT_NOT_FOUND');
  });

  it('a viewer may not move stock (COMMERCE_ROLE_REQUIRED); a service may', () => {
    given(inventoryDecider, product).when(command.receiveStock({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
    expect(accepted(given(inventoryDecider, product).when(command.receiveStock({}, AS_SERVICE)))).toHaveLength(1);
  });
});

describe('when the product is gone', () => {
  it('stock of a product that does not exist is refused as PRODUCT_NOT_FOUND', () => {
    given(inventoryDecider).when(command.receiveStock()).thenRejects('PRODUCT_NOT_FOUND');
  });

  // seed 001 (line 154): inventory ON DELETE CASCADE with its variant
  it('inventory ON DELETE CASCADE: after the product is deleted, its stock takes no receipts', () => {
    const deleted = decided(productDecider, product, command.deleteProduct());
    given(inventoryDecider, deleted).when(command.receiveStock()).thenRejects('PRODUCT_NOT_FOUND');
  });

  it('after its variant is removed, its stock takes no receipts', () => {
    const removed = decided(productDecider, product, command.removeVariant());
    given(inventoryDecider, removed).when(command.receiveStock()).thenRejects('VARIANT_NOT_FOUND');
  });
});

describe('guardsOf (the stock counter of a variant at a location)', () => {
  const guards = inventoryDecider.guardsOf as (e: never) => readonly Guard[];
  const orderGuards = orderDecider.guardsOf as (e: never) => readonly Guard[];

  it('StockReceived raises the counter by the quantity', () => {
    expect(guardsOf(guards, accepted(given(inventoryDecider, product).when(command.receiveStock({ quantity: 7, location: 'annex' }))))).toMatchObject([
      count(1, 7, 'annex'),
    ]);
  });

  it('StockAdjusted moves the counter by its signed delta', () => {
    expect(guardsOf(guards, accepted(given(inventoryDecider, product).when(command.adjustStock({ delta: -3 }))))).toMatchObject([count(1, -3)]);
    expect(guardsOf(guards, accepted(given(inventoryDecider, product).when(command.adjustStock({ delta: 4 }))))).toMatchObject([count(1, 4)]);
  });

  it('OrderPlaced draws each line’s units (negative); OrderCancelled gives them back (positive)', () => {
    const placed = orderIn('pending');
    const events = placed.filter((e) => e.type === 'OrderPlaced');
    expect(guardsOf(orderGuards, events)).toMatchObject([count(1, -2)]);
    const cancelled = orderIn('cancelled').filter((e) => e.type === 'OrderCancelled');
    expect(guardsOf(orderGuards, cancelled)).toMatchObject([count(1, 2)]);
  });

  it('paying, refunding and fulfilling an order move no stock', () => {
    const events = orderIn('fulfilled-then-refunded').filter((e) => ['OrderPaid', 'OrderFulfilled', 'OrderRefunded'].includes(e.type));
    expect(events.map((e) => e.type)).toEqual(['OrderPaid', 'OrderFulfilled', 'OrderRefunded']);
    expect(guardsOf(orderGuards, events)).toEqual([]);
  });
});
