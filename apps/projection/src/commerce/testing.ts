import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { commerce } from '@campaign/domain';
import type { Pool } from 'pg';
import { useSchemasOf } from '../shared/testing';
import { CommerceProjection } from './commerce.projection';
import { centsOf, type CommerceEvent, moneyOf } from './commerce.events';

type DataOf<T extends CommerceEvent['type']> = Extract<CommerceEvent, { type: T }>['data'];

/** A test pool and commerce projections in fresh schemas, dropped after the enclosing describe. */
export const useCommerceSchemas = () => useSchemasOf((schema) => new CommerceProjection(schema));

/**
 * One batch as the running projection applies it, without the runner's stream checkpoints:
 * partitions prepared first, then the rows and memberships in one transaction.
 */
export const applyAsProjection = (pool: Pool, schema: string) => async (envelopes: readonly EventEnvelope[]) => {
  const projection = new CommerceProjection(schema);
  await projection.prepare(pool, envelopes);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await projection.applyBatch(client, envelopes);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
};

export interface Item {
  readonly productId: string;
  readonly variantId: string;
  readonly quantity: number;
  readonly location?: string;
}

interface Placed {
  readonly customerId: string;
  readonly agentId: string;
  readonly total: string;
  readonly currency: string;
  readonly lines: readonly commerce.OrderLine[];
  readonly touches: readonly commerce.Touch[];
  refunded: bigint;
}

/**
 * The envelopes campaign-command stores for a shop's commerce history, stream by stream as the
 * deciders name them, with contiguous versions and a clock that advances a minute per event.
 * The events are the domain's own types, priced and attributed as the deciders do it.
 */
export class CommerceHistory {
  readonly envelopes: EventEnvelope[] = [];
  private readonly versions = new Map<string, number>();
  private readonly variants = new Map<string, commerce.Variant>();
  private readonly orders = new Map<string, Placed>();
  private clock: number;

  constructor(
    readonly orgId: string = randomUUID(),
    start = '2026-04-01T09:00:00.000Z',
  ) {
    this.clock = Date.parse(start);
  }

  /** The next instant of the history (a minute after the last). */
  at(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  /** Moves the clock on by whole days (into another month, say). */
  skipDays(days: number): this {
    this.clock += days * 86_400_000;
    return this;
  }

  emit<T extends CommerceEvent['type']>(streamId: string, type: T, data: DataOf<T>): this {
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    const commandId = randomUUID();
    this.envelopes.push({
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'commerce',
      streamId,
      streamVersion: version,
      globalPosition: String(this.envelopes.length + 1),
      occurredAt: new Date(this.clock).toISOString(),
      correlationId: commandId,
      causationId: commandId,
      actor: 'user:editor',
      tenant: this.orgId,
      data,
    });
    return this;
  }

  agent(name: string, type: commerce.AgentType = 'specialist', parentId: string | null = null, agentId: string = randomUUID()): string {
    const data = { orgId: this.orgId, agentId, name, type, parentId, status: 'active' as const, description: null, settings: {}, registeredAt: this.at() };
    this.emit(commerce.agentsStreamId(this.orgId), 'AgentRegistered', data);
    return agentId;
  }

  /** Any other event of the agent registry (orgId filled in). */
  agentEvent<T extends commerce.AgentEvent['type']>(type: T, data: Omit<DataOf<T>, 'orgId'>): this {
    return this.emit(commerce.agentsStreamId(this.orgId), type, { orgId: this.orgId, ...data } as DataOf<T>);
  }

  goal(title: string, fields: Partial<commerce.GoalFields> = {}, parentGoalId: string | null = null, goalId: string = randomUUID()): string {
    const base = { title, description: null, ownerAgentId: null, targetValue: null, unit: null, dueDate: null, ...fields };
    this.emit(commerce.goalsStreamId(this.orgId), 'GoalCreated', { orgId: this.orgId, goalId, ...base, parentGoalId, status: 'active', createdAt: this.at() });
    return goalId;
  }

  goalEvent<T extends commerce.GoalEvent['type']>(type: T, data: Omit<DataOf<T>, 'orgId'>): this {
    return this.emit(commerce.goalsStreamId(this.orgId), type, { orgId: this.orgId, ...data } as DataOf<T>);
  }

  /** A product with one variant per price given: `[sku, price]`. */
  product(name: string, collection: string | null, prices: readonly (readonly [string, string])[], productId: string = randomUUID()) {
    const variants = prices.map(([sku, price]) => ({ variantId: randomUUID(), sku, title: `${name} ${sku}`, price, currency: 'EUR' }));
    variants.forEach((v) => this.variants.set(v.variantId, v));
    const data = { orgId: this.orgId, productId, name, description: null, collection, status: 'active' as const, variants, createdAt: this.at() };
    this.emit(commerce.productStreamId(this.orgId, productId), 'ProductCreated', data);
    return { productId, variantIds: variants.map((v) => v.variantId) };
  }

  /** Any other event of a product's stream (orgId and productId filled in). */
  productEvent<T extends commerce.ProductEvent['type']>(productId: string, type: T, data: Omit<DataOf<T>, 'orgId' | 'productId'>): this {
    return this.emit(commerce.productStreamId(this.orgId, productId), type, { orgId: this.orgId, productId, ...data } as DataOf<T>);
  }

  deleteProduct(productId: string, skus: readonly string[]): this {
    return this.productEvent(productId, 'ProductDeleted', { skus, deletedAt: this.at() });
  }

  receive(productId: string, variantId: string, quantity: number, location = 'main'): this {
    const data = { orgId: this.orgId, productId, variantId, location, quantity, receivedAt: this.at() };
    return this.emit(commerce.inventoryStreamId(this.orgId, variantId, location), 'StockReceived', data);
  }

  adjust(productId: string, variantId: string, delta: number, location = 'main'): this {
    const data = { orgId: this.orgId, productId, variantId, location, delta, reason: 'count', adjustedAt: this.at() };
    return this.emit(commerce.inventoryStreamId(this.orgId, variantId, location), 'StockAdjusted', data);
  }

  customer(email: string, firstName: string | null = 'Ada', customerId: string = randomUUID()): string {
    const fields = { firstName, lastName: 'Lovelace', phone: null, acceptsMarketing: true, attributes: { country: 'DE' } };
    this.emit(commerce.customerStreamId(this.orgId, customerId), 'CustomerRegistered', {
      orgId: this.orgId,
      customerId,
      email,
      ...fields,
      registeredAt: this.at(),
    });
    return customerId;
  }

  customerEvent<T extends commerce.CustomerEvent['type']>(customerId: string, type: T, data: Omit<DataOf<T>, 'orgId' | 'customerId'>): this {
    return this.emit(commerce.customerStreamId(this.orgId, customerId), type, { orgId: this.orgId, customerId, ...data } as DataOf<T>);
  }

  /** An interaction handled by an agent, maybe for a campaign: a touch later orders are attributed to. */
  interaction(customerId: string, agentId: string | null, campaignId: string | null = null): commerce.Touch {
    const at = this.at();
    const touch = { interactionId: randomUUID(), agentId, campaignId, occurredAt: at };
    this.customerEvent(customerId, 'CustomerInteractionRecorded', { ...touch, channel: 'email', summary: 'Asked about sizes', recordedAt: at });
    return touch;
  }

  /** PlaceOrder as the decider prices it: lines numbered from 1, totals the lines' sum. */
  order(customerId: string, agentId: string, items: readonly Item[], touches: readonly commerce.Touch[] = [], orderId: string = randomUUID()): string {
    const lines = items.map((item, i) => {
      const v = this.variants.get(item.variantId) as commerce.Variant;
      const lineTotal = moneyOf(centsOf(v.price) * BigInt(item.quantity));
      const { productId, variantId, quantity, location = 'main' } = item;
      return { line: i + 1, productId, variantId, sku: v.sku, location, quantity, unitPrice: v.price, lineTotal };
    });
    const total = moneyOf(lines.reduce((sum, l) => sum + centsOf(l.lineTotal), 0n));
    this.orders.set(orderId, { customerId, agentId, total, currency: 'EUR', lines, touches, refunded: 0n });
    const data = { ...this.orderRef(orderId), currency: 'EUR', lines, subtotal: total, total, touches, placedAt: this.at() };
    this.emit(commerce.orderStreamId(this.orgId, orderId), 'OrderPlaced', data);
    return orderId;
  }

  /** PayOrder: the sale, attributed over the order's touches by `model` (order.attribution.ts). */
  pay(orderId: string, model: commerce.AttributionModel = 'last_touch', transactionId: string = randomUUID()): string {
    const o = this.placed(orderId);
    const attributions = commerce.attribute(centsOf(o.total), model, o.touches, o.agentId);
    const data = { ...this.orderRef(orderId), transactionId, amount: o.total, currency: o.currency, model, attributions, paidAt: this.at() };
    this.emit(commerce.orderStreamId(this.orgId, orderId), 'OrderPaid', data);
    return transactionId;
  }

  refund(orderId: string, amount: string, transactionId: string = randomUUID()): string {
    const o = this.placed(orderId);
    o.refunded += centsOf(amount);
    const status = o.refunded === centsOf(o.total) ? 'refunded' : 'partially_refunded';
    const data = { ...this.orderRef(orderId), transactionId, amount, currency: o.currency, refundedAmount: moneyOf(o.refunded), status, reason: null } as const;
    this.emit(commerce.orderStreamId(this.orgId, orderId), 'OrderRefunded', { ...data, refundedAt: this.at() });
    return transactionId;
  }

  fulfil(orderId: string): this {
    return this.emit(commerce.orderStreamId(this.orgId, orderId), 'OrderFulfilled', {
      ...this.orderRef(orderId),
      lines: this.movement(orderId),
      fulfilledAt: this.at(),
    });
  }

  cancel(orderId: string, fromStatus: commerce.OrderStatus = 'pending'): this {
    const data = { ...this.orderRef(orderId), lines: this.movement(orderId), fromStatus, cancelledAt: this.at() };
    return this.emit(commerce.orderStreamId(this.orgId, orderId), 'OrderCancelled', data);
  }

  expense(category: string, amount: string, agentId: string | null, transactionId: string = randomUUID()): string {
    const at = this.at();
    const data = { orgId: this.orgId, transactionId, category, amount, currency: 'EUR', agentId, description: 'Ad spend', transactionDate: at, recordedAt: at };
    this.emit(commerce.expenseStreamId(this.orgId, transactionId), 'ExpenseRecorded', data);
    return transactionId;
  }

  budget(category: string, fiscalMonth: number, amount: string, ownerAgentId: string | null, budgetId: string = randomUUID()): string {
    const data = { orgId: this.orgId, budgetId, category, fiscalYear: 2026, fiscalMonth, amount, currency: 'EUR', ownerAgentId, setAt: this.at() };
    this.emit(commerce.budgetStreamId(this.orgId, budgetId), 'BudgetSet', data);
    return budgetId;
  }

  budgetEvent(budgetId: string, category: string, fiscalMonth: number, change: { amount: string } | 'deleted'): this {
    const ref = { orgId: this.orgId, budgetId, category, fiscalYear: 2026, fiscalMonth };
    const stream = commerce.budgetStreamId(this.orgId, budgetId);
    if (change === 'deleted') return this.emit(stream, 'BudgetDeleted', { ...ref, deletedAt: this.at() });
    return this.emit(stream, 'BudgetRevised', { ...ref, amount: change.amount, revisedAt: this.at() });
  }

  configure(key: string, value: unknown, updatedByAgentId: string | null): this {
    const data = { orgId: this.orgId, key, value, updatedByAgentId, setAt: this.at() };
    return this.emit(commerce.configurationStreamId(this.orgId), 'ConfigurationSet', data);
  }

  private placed(orderId: string): Placed {
    return this.orders.get(orderId) as Placed;
  }

  private orderRef(orderId: string) {
    const { customerId, agentId } = this.placed(orderId);
    return { orgId: this.orgId, orderId, customerId, agentId };
  }

  private movement(orderId: string) {
    return this.placed(orderId).lines.map(({ variantId, location, quantity }) => ({ variantId, location, quantity }));
  }
}
