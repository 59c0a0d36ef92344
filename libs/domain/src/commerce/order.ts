/**
 * An order (seed 001 "Products and Commerce", "Financial"): one stream per order. Its lines are
 * priced from the catalog when it is placed (totals are computed, never taken from the caller)
 * and draw their units from the stock counters of their variant and location in the same
 * transaction; a cancellation gives them back. Payment and refunds are the order's
 * transactions (seed 001: orders → transactions "generates"), a payment attributed across the
 * campaigns and agents that led to it.
 */
import type { Event, Guard } from '../shared/decider';
import type { AttributionModel } from './configuration';
import type { Touch } from './customer';
import { stockGuard } from './inventory';

export const orderStreamId = (orgId: string, orderId: string): string => `commerce-order-${orgId}-${orderId}`;

export const ORDER_STATUSES = ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded', 'partially_refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** One line as placed: `line` numbers the order's lines from 1 (the read model's row ids derive from it). */
export interface OrderLine {
  readonly line: number;
  readonly productId: string;
  readonly variantId: string;
  readonly sku: string;
  readonly location: string;
  readonly quantity: number;
  readonly unitPrice: string;
  readonly lineTotal: string;
}

/** One share of a payment: `share` of 1 and `amount` of the payment, credited to an agent and maybe a campaign. */
export interface Attribution {
  readonly agentId: string;
  readonly campaignId: string | null;
  readonly share: string;
  readonly amount: string;
}

type OrderRef = { readonly orgId: string; readonly orderId: string; readonly customerId: string; readonly agentId: string };
type Money = { readonly amount: string; readonly currency: string };

export type OrderPlaced = Event<
  'OrderPlaced',
  OrderRef & {
    readonly currency: string;
    readonly lines: readonly OrderLine[];
    readonly subtotal: string;
    readonly total: string;
    /** The customer's interactions inside the attribution window before the order, oldest first. */
    readonly touches: readonly Touch[];
    readonly placedAt: string;
  }
>;
export type OrderPaid = Event<
  'OrderPaid',
  OrderRef &
    Money & {
      readonly transactionId: string;
      readonly model: AttributionModel;
      readonly attributions: readonly Attribution[];
      readonly paidAt: string;
    }
>;
export type OrderRefunded = Event<
  'OrderRefunded',
  OrderRef &
    Money & {
      readonly transactionId: string;
      readonly refundedAmount: string;
      readonly status: OrderStatus;
      readonly reason: string | null;
      readonly refundedAt: string;
    }
>;
type Movement = { readonly lines: readonly Pick<OrderLine, 'variantId' | 'location' | 'quantity'>[] };
export type OrderFulfilled = Event<'OrderFulfilled', OrderRef & Movement & { readonly fulfilledAt: string }>;
export type OrderCancelled = Event<'OrderCancelled', OrderRef & Movement & { readonly fromStatus: OrderStatus; readonly cancelledAt: string }>;

export type OrderEvent = OrderPlaced | OrderPaid | OrderRefunded | OrderFulfilled | OrderCancelled;

export const ORDER_EVENT_TYPES: readonly OrderEvent['type'][] = ['OrderPlaced', 'OrderPaid', 'OrderRefunded', 'OrderFulfilled', 'OrderCancelled'];

export type OrderState =
  | { readonly status: 'none' }
  | {
      readonly status: OrderStatus;
      readonly orderId: string;
      readonly customerId: string;
      readonly agentId: string;
      readonly currency: string;
      readonly lines: readonly OrderLine[];
      readonly total: string;
      readonly refunded: string;
      readonly fulfilled: boolean;
      readonly touches: readonly Touch[];
    };

export type PlacedOrder = Exclude<OrderState, { status: 'none' }>;

export const initialOrderState = (): OrderState => ({ status: 'none' });

export const evolveOrder = (state: OrderState, event: OrderEvent): OrderState => {
  if (event.type === 'OrderPlaced') {
    const { orderId, customerId, agentId, currency, lines, total, touches } = event.data;
    return { status: 'pending', orderId, customerId, agentId, currency, lines, total, refunded: '0.00', fulfilled: false, touches };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'OrderPaid':
      return { ...state, status: 'paid' };
    case 'OrderRefunded':
      return { ...state, status: event.data.status, refunded: event.data.refundedAmount };
    case 'OrderFulfilled':
      return { ...state, status: 'fulfilled', fulfilled: true };
    case 'OrderCancelled':
      return { ...state, status: 'cancelled' };
  }
};

// The stock counters: placing draws every line's units, cancelling gives them back.
export const orderGuards = (event: OrderEvent): readonly Guard[] => {
  if (event.type === 'OrderPlaced') return event.data.lines.map((l) => stockGuard(l.variantId, l.location, -l.quantity));
  if (event.type === 'OrderCancelled') return event.data.lines.map((l) => stockGuard(l.variantId, l.location, l.quantity));
  return [];
};
