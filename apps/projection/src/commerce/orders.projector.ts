/**
 * seed 001 `orders` and `order_items`: an order as placed (lines priced, totals computed by the
 * command side), then paid, refunded (status and refunded_amount as the refund says), fulfilled
 * or cancelled, each instant kept. Items are the placed lines, one row each; a line whose
 * variant is deleted keeps its row with product_variant_id NULL (sku, product_id, location stay).
 */
import { projector } from '../shared/projector';
import { orderItemRowId } from './commerce.ids';
import { type EnvelopeOf, patched } from './commerce.events';

export interface OrderRow {
  readonly id: string;
  readonly org_id: string;
  readonly customer_id: string | null;
  readonly status: string;
  readonly currency: string;
  readonly subtotal: string | number;
  readonly total: string | number;
  readonly refunded_amount: string | number;
  readonly placed_at: string | null;
  readonly paid_at: string | null;
  readonly fulfilled_at: string | null;
  readonly cancelled_at: string | null;
  readonly created_at: string;
  readonly updated_at: string;
}

type OrderEnvelope = EnvelopeOf<'OrderPlaced' | 'OrderPaid' | 'OrderRefunded' | 'OrderFulfilled' | 'OrderCancelled'>;

const placed = (d: EnvelopeOf<'OrderPlaced'>['data']): OrderRow => ({
  id: d.orderId,
  org_id: d.orgId,
  customer_id: d.customerId,
  status: 'pending',
  currency: d.currency,
  subtotal: d.subtotal,
  total: d.total,
  refunded_amount: '0.00',
  placed_at: d.placedAt,
  paid_at: null,
  fulfilled_at: null,
  cancelled_at: null,
  created_at: d.placedAt,
  updated_at: d.placedAt,
});

const projectOrder = (row: OrderRow | null, event: OrderEnvelope): OrderRow | null => {
  if (event.type === 'OrderPlaced') return row ?? placed(event.data);
  if (!row) return null;
  switch (event.type) {
    case 'OrderPaid':
      return patched(row, { status: 'paid', paid_at: event.data.paidAt }, { updated_at: event.data.paidAt });
    case 'OrderRefunded': {
      const d = event.data;
      return patched(row, { status: d.status, refunded_amount: d.refundedAmount }, { updated_at: d.refundedAt });
    }
    case 'OrderFulfilled':
      return patched(row, { status: 'fulfilled', fulfilled_at: event.data.fulfilledAt }, { updated_at: event.data.fulfilledAt });
    case 'OrderCancelled':
      return patched(row, { status: 'cancelled', cancelled_at: event.data.cancelledAt }, { updated_at: event.data.cancelledAt });
  }
};

export const ordersProjector = projector({
  table: 'orders',
  eventTypes: ['OrderPlaced', 'OrderPaid', 'OrderRefunded', 'OrderFulfilled', 'OrderCancelled'],
  project: projectOrder,
});

export interface OrderItemRow {
  readonly id: string;
  readonly org_id: string;
  readonly order_id: string;
  readonly product_variant_id: string | null;
  readonly product_id: string | null;
  readonly sku: string;
  readonly location: string;
  readonly quantity: number;
  readonly unit_price: string | number;
  readonly line_total: string | number;
  readonly created_at: string;
}

const projectItems = (rows: readonly OrderItemRow[], event: EnvelopeOf<'OrderPlaced'>): readonly OrderItemRow[] => {
  if (rows.length > 0) return rows;
  const d = event.data;
  return d.lines.map((line) => ({
    id: orderItemRowId(d.orderId, line.line),
    org_id: d.orgId,
    order_id: d.orderId,
    product_variant_id: line.variantId,
    product_id: line.productId,
    sku: line.sku,
    location: line.location,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    line_total: line.lineTotal,
    created_at: d.placedAt,
  }));
};

export const orderItemsProjector = projector({
  table: 'order_items',
  eventTypes: ['OrderPlaced'],
  project: projectItems,
});
