/**
 * seed 001 `transactions` and `revenue_attribution`. A payment is a sale, a refund a refund
 * (both the order's, dated when they happened), an expense an expense of its category; amounts
 * are never negative, the type says the sign. A payment's attributions (order.attribution.ts)
 * are its revenue_attribution rows, in the event's order, dated with their transaction (the
 * composite foreign key into the partitioned table).
 */
import { projector } from '../shared/projector';
import { attributionRowId } from './commerce.ids';
import type { EnvelopeOf } from './commerce.events';

export interface TransactionRow {
  readonly id: string;
  readonly org_id: string;
  readonly transaction_date: string;
  readonly type: string;
  readonly amount: string | number;
  readonly currency: string;
  readonly category: string | null;
  readonly order_id: string | null;
  readonly customer_id: string | null;
  readonly agent_id: string | null;
  readonly description: string | null;
  readonly created_at: string;
}

type TransactionEnvelope = EnvelopeOf<'OrderPaid' | 'OrderRefunded' | 'ExpenseRecorded'>;

/** The row an event records: it is a fact of its own, written once. */
export const transactionOf = (event: TransactionEnvelope): TransactionRow => {
  const d = event.data;
  const base = { id: d.transactionId, org_id: d.orgId, amount: d.amount, currency: d.currency, agent_id: d.agentId };
  switch (event.type) {
    case 'OrderPaid':
      return { ...base, type: 'sale', transaction_date: event.data.paidAt, ...order(event.data), description: null, created_at: event.data.paidAt };
    case 'OrderRefunded': {
      const { refundedAt, reason } = event.data;
      return { ...base, type: 'refund', transaction_date: refundedAt, ...order(event.data), description: reason, created_at: refundedAt };
    }
    case 'ExpenseRecorded': {
      const { category, description, transactionDate, recordedAt } = event.data;
      return { ...base, type: 'expense', transaction_date: transactionDate, category, order_id: null, customer_id: null, description, created_at: recordedAt };
    }
  }
};

const order = (d: { readonly orderId: string; readonly customerId: string }) => ({ category: null, order_id: d.orderId, customer_id: d.customerId });

export const transactionsProjector = projector({
  table: 'transactions',
  eventTypes: ['OrderPaid', 'OrderRefunded', 'ExpenseRecorded'],
  project: (row: TransactionRow | null, event: TransactionEnvelope): TransactionRow => row ?? transactionOf(event),
});

export interface AttributionRow {
  readonly id: string;
  readonly org_id: string;
  readonly transaction_id: string;
  readonly transaction_date: string;
  readonly agent_id: string;
  readonly campaign_id: string | null;
  readonly model: string;
  readonly share: string | number;
  readonly amount: string | number;
  readonly currency: string;
  readonly created_at: string;
}

const projectAttributions = (rows: readonly AttributionRow[], event: EnvelopeOf<'OrderPaid'>): readonly AttributionRow[] => {
  if (rows.length > 0) return rows;
  const d = event.data;
  return d.attributions.map((a, index) => ({
    id: attributionRowId(d.transactionId, index),
    org_id: d.orgId,
    transaction_id: d.transactionId,
    transaction_date: d.paidAt,
    agent_id: a.agentId,
    campaign_id: a.campaignId,
    model: d.model,
    share: a.share,
    amount: a.amount,
    currency: d.currency,
    created_at: d.paidAt,
  }));
};

export const revenueAttributionProjector = projector({
  table: 'revenue_attribution',
  eventTypes: ['OrderPaid'],
  project: projectAttributions,
});
