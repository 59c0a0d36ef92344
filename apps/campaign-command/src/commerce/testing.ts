/** Test helpers of the commerce doors' specs; production code never imports this. */
import { randomUUID } from 'node:crypto';
import { type Actor, type Answer, call, type CommandApp, startCommandApp } from '../testing';
import { newOrg, type Org } from '../testing';

export { newOrg, type Org };

/** The id an accepted create answered with. */
export const idOf = (answer: Answer, field: string): string => {
  if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body[field] as string;
};

/** Throws unless the answer is an acceptance (200 or 201): a setup step that must succeed. */
export const accepted = (answer: Answer): Answer => {
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`expected acceptance, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer;
};

/** How many answers had each status, e.g. { 201: 1, 409: 49 }. */
export const countByStatus = (answers: readonly Answer[]): Record<number, number> =>
  answers.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

/** The event types of a stream, in order. */
export const typesOf = async (app: CommandApp, streamId: string): Promise<string[]> => (await app.store.readStream(streamId)).events.map((e) => e.type);

const BASE = '/v1/commerce';

/** A product on sale with one variant, and the ids that name them. */
export interface OnSale {
  readonly productId: string;
  readonly variantId: string;
}

/** The org's requests, each answered as the tests read it (snake_case bodies, as a client writes them). */
export const commerceClient = (app: CommandApp) => {
  const client = {
    registerAgent: (who: Actor, name = `Agent ${randomUUID()}`, fields: Record<string, unknown> = {}) =>
      call(app, 'POST', `${BASE}/agents`, who, { name, type: 'specialist', ...fields }),
    moveAgent: (who: Actor, agentId: string, parentId: string | null) => call(app, 'PUT', `${BASE}/agents/${agentId}/parent`, who, { parent_id: parentId }),
    createGoal: (who: Actor, title = 'Grow revenue', fields: Record<string, unknown> = {}) => call(app, 'POST', `${BASE}/goals`, who, { title, ...fields }),
    moveGoal: (who: Actor, goalId: string, parentGoalId: string | null) =>
      call(app, 'PUT', `${BASE}/goals/${goalId}/parent`, who, { parent_goal_id: parentGoalId }),
    createProduct: (who: Actor, variants: Record<string, unknown>[], fields: Record<string, unknown> = {}) =>
      call(app, 'POST', `${BASE}/products`, who, { name: 'Trail shoe', variants, ...fields }),
    receive: (who: Actor, item: OnSale, quantity: number, location?: string) =>
      call(app, 'POST', `${BASE}/inventory/receipts`, who, {
        product_id: item.productId,
        variant_id: item.variantId,
        quantity,
        ...(location ? { location } : {}),
      }),
    registerCustomer: (who: Actor, email = `${randomUUID()}@example.com`, fields: Record<string, unknown> = {}) =>
      call(app, 'POST', `${BASE}/customers`, who, { email, ...fields }),
    placeOrder: (who: Actor, customerId: string, agentId: string, items: Record<string, unknown>[]) =>
      call(app, 'POST', `${BASE}/orders`, who, { customer_id: customerId, agent_id: agentId, items }),
    order: (who: Actor, orderId: string, action: 'payments' | 'refunds' | 'fulfilment' | 'cancellation', body: Record<string, unknown> = {}) =>
      call(app, 'POST', `${BASE}/orders/${orderId}/${action}`, who, body),
    setBudget: (who: Actor, fields: Record<string, unknown>) =>
      call(app, 'POST', `${BASE}/budgets`, who, { category: 'ads', fiscal_year: 2030, fiscal_month: 1, amount: '1000.00', currency: 'EUR', ...fields }),
    /** A product of one variant at `price` EUR, `stock` units received at the default location. */
    stocked: async (who: Actor, price: string, stock: number, sku = `SKU-${randomUUID()}`): Promise<OnSale> => {
      const created = await client.createProduct(who, [{ sku, title: 'Size 42', price, currency: 'EUR' }]);
      const item = { productId: idOf(created, 'productId'), variantId: (created.body.variantIds as string[])[0] };
      if (stock > 0) accepted(await client.receive(who, item, stock));
      return item;
    },
  };
  return client;
};

/** A line of an order as the body gives it. */
export const line = (item: OnSale, quantity: number, fields: Record<string, unknown> = {}) => ({
  product_id: item.productId,
  variant_id: item.variantId,
  quantity,
  ...fields,
});

/** campaign-command started for a spec, its commerce client and an org, stopped after the enclosing describe. */
export const useCommerceApp = () => {
  const bed = {} as { app: CommandApp; client: ReturnType<typeof commerceClient>; org: Org };
  beforeAll(async () => {
    bed.app = await startCommandApp();
    bed.client = commerceClient(bed.app);
    bed.org = newOrg();
  });
  afterAll(async () => {
    await bed.app?.stop();
  });
  return bed;
};
