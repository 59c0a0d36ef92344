/**
 * The commerce commands of a bench run, as the deciders and the Avro contract both take them
 * (libs/contracts/src/commerce/commands.ts: optional fields given as null), with the stream each
 * addresses — the Kafka door wants commands keyed by it. Set-up comes in phases: a phase's
 * commands need the previous phases' streams (stock needs its product, orders need all).
 */
import { commerce } from '@campaign/domain';
import type { Demand, DemandOrder, Shop } from './commerce-demand';

export interface BenchCommand {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly streamId: string;
}

export const LOCATION = 'main';
const CURRENCY = 'EUR';

const agent = (shop: Shop): BenchCommand => ({
  type: 'RegisterAgent',
  data: { agentId: shop.agentId, name: 'Bench sales agent', type: 'specialist', parentId: null, description: null, settings: null },
  streamId: commerce.agentsStreamId(shop.orgId),
});

const products = (shop: Shop): BenchCommand[] =>
  shop.products.map((product, i) => ({
    type: 'CreateProduct',
    data: {
      productId: product.productId,
      name: `Bench product ${i}`,
      description: null,
      collection: null,
      status: null,
      variants: product.variants.map((v) => ({ variantId: v.variantId, sku: v.sku, title: v.sku, price: v.price, currency: CURRENCY })),
    },
    streamId: commerce.productStreamId(shop.orgId, product.productId),
  }));

const receipts = (shop: Shop, stock: number): BenchCommand[] =>
  shop.variants.map((v) => ({
    type: 'ReceiveStock',
    data: { productId: v.productId, variantId: v.variantId, location: LOCATION, quantity: stock },
    streamId: commerce.inventoryStreamId(shop.orgId, v.variantId, LOCATION),
  }));

const customers = (shop: Shop): BenchCommand[] =>
  shop.customerIds.map((customerId, i) => ({
    type: 'RegisterCustomer',
    data: { customerId, email: `customer-${i}@bench.example`, firstName: null, lastName: null, phone: null, acceptsMarketing: null, attributes: null },
    streamId: commerce.customerStreamId(shop.orgId, customerId),
  }));

/** The shop before the first order: the agent, the catalog, then stock and customers. */
export const setupPhases = (shop: Shop, stock: number): BenchCommand[][] => [[agent(shop)], products(shop), [...receipts(shop, stock), ...customers(shop)]];

export const placeOrder = (demand: Demand, order: DemandOrder): BenchCommand => {
  const { shop } = demand;
  const items = order.lines.map((line) => {
    const variant = shop.variants[line.variant];
    return { productId: variant.productId, variantId: variant.variantId, quantity: line.quantity, location: null };
  });
  return {
    type: 'PlaceOrder',
    data: { orderId: order.orderId, customerId: shop.customerIds[order.customer], agentId: shop.agentId, items },
    streamId: commerce.orderStreamId(shop.orgId, order.orderId),
  };
};

/** The code a refused order gets when a line's stock runs short. */
export const INSUFFICIENT_STOCK = 'INSUFFICIENT_STOCK';
