/**
 * Order commands (seed 001 "Products and Commerce", "Financial"). PlaceOrder prices each line
 * from the catalog (an active product, a variant of it, one currency per order) and computes the
 * totals; its stock guards draw the units atomically (INSUFFICIENT_STOCK, details.available).
 * PayOrder must pay exactly the total and records the sale, attributed (by the shop's model)
 * to the customer's touches the order was placed after; RefundOrder
 * records a refund up to what is paid and not yet refunded; FulfilOrder ships a paid order;
 * CancelOrder gives the units back (pending orders, or refunded ones not shipped).
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError } from '../shared/decider';
import { MONEY_LIMIT_CENTS, readMoney } from '../shared/money';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { agentsStreamId, isActiveAgent } from './agents';
import { isLiveProduct, productStreamId } from './catalog';
import { attributionSettings, configurationStreamId } from './configuration';
import { customerStreamId } from './customer';
import { CommerceErrorCode as Code, reject } from './errors';
import { type OrderEvent, type OrderLine, orderGuards, orderStreamId, type PlacedOrder } from './order';
import { attribute, touchesInWindow } from './order.attribution';
import { evolveOrderReads, initialOrderReads, type OrderReads, type OrderStreamEvent } from './order.state';
import { amountCents, COMMERCE_LIMITS as LIMITS, isLocation, money, optionalText, quantityField, uuidField } from './values';

export interface OrderItemRequest {
  readonly productId: string;
  readonly variantId: string;
  readonly quantity: number;
  readonly location?: string | null;
}
export type PlaceOrder = Command<
  'PlaceOrder',
  { readonly orderId: string; readonly customerId: string; readonly agentId: string; readonly items: readonly OrderItemRequest[] }
>;
export type PayOrder = Command<'PayOrder', { readonly orderId: string; readonly transactionId: string; readonly amount: string }>;
export type RefundOrder = Command<
  'RefundOrder',
  { readonly orderId: string; readonly transactionId: string; readonly amount: string; readonly reason?: string | null }
>;
export type FulfilOrder = Command<'FulfilOrder', { readonly orderId: string }>;
export type CancelOrder = Command<'CancelOrder', { readonly orderId: string }>;

export type OrderCommand = PlaceOrder | PayOrder | RefundOrder | FulfilOrder | CancelOrder;
export const ORDER_COMMAND_TYPES: readonly OrderCommand['type'][] = ['PlaceOrder', 'PayOrder', 'RefundOrder', 'FulfilOrder', 'CancelOrder'];

/** Where stock is taken from when a line names no location. */
export const DEFAULT_LOCATION = 'main';

const invalid = (field: string, message: string) => reject(Code.ORDER_INVALID, message, { field });
const notFound = (orderId: string) => reject(Code.ORDER_NOT_FOUND, `Order ${orderId} does not exist`, { orderId });
const wrongStatus = (order: PlacedOrder, command: OrderCommand) =>
  reject(Code.ORDER_STATUS_INVALID, `${command.type} does not apply to an order that is ${order.status}`, { status: order.status, command: command.type });

/** One requested item priced from its product, with the price's currency; or the rejection. */
const priced = (state: OrderReads, item: OrderItemRequest, index: number): { line: Omit<OrderLine, 'line'>; currency: string; cents: bigint } | DomainError => {
  const field = `items[${index}]`;
  const location = item.location ?? DEFAULT_LOCATION;
  const wrong =
    uuidField(invalid, `${field}.productId`, item.productId) ??
    uuidField(invalid, `${field}.variantId`, item.variantId) ??
    quantityField(invalid, `${field}.quantity`, item.quantity) ??
    (isLocation(location) ? null : invalid(`${field}.location`, `${field}.location is 1 to 50 letters, digits, - or _`));
  if (wrong) return wrong;
  const product = state.products.get(item.productId);
  if (!product || !isLiveProduct(product))
    return reject(Code.PRODUCT_NOT_FOUND, `Product ${item.productId} does not exist`, { productId: item.productId, field });
  if (product.status !== 'active') return invalid(field, `Product ${item.productId} is ${product.status}, not for sale`);
  const variant = product.variants.get(item.variantId);
  if (!variant)
    return reject(Code.VARIANT_NOT_FOUND, `Variant ${item.variantId} is not a variant of product ${item.productId}`, { variantId: item.variantId, field });
  const unit = readMoney(variant.price);
  const lineTotal = 'cents' in unit ? unit.cents * BigInt(item.quantity) : 0n;
  const line = {
    productId: item.productId,
    variantId: item.variantId,
    sku: variant.sku,
    location,
    quantity: item.quantity,
    unitPrice: variant.price,
    lineTotal: money(lineTotal),
  };
  return { line, currency: variant.currency, cents: lineTotal };
};

const place = (command: PlaceOrder, state: OrderReads): Decision<OrderEvent> => {
  const { orderId, customerId, agentId, items } = command.data;
  const wrong = uuidField(invalid, 'orderId', orderId) ?? uuidField(invalid, 'customerId', customerId) ?? uuidField(invalid, 'agentId', agentId);
  if (wrong) return wrong;
  if (!Array.isArray(items) || items.length === 0 || items.length > LIMITS.orderItems) return invalid('items', `items lists 1 to ${LIMITS.orderItems} lines`);
  if (state.order.status !== 'none') return reject(Code.ORDER_ALREADY_EXISTS, `Order ${orderId} exists`, { orderId });
  if (state.customer.status !== 'live') return reject(Code.CUSTOMER_NOT_FOUND, `Customer ${customerId} does not exist`, { customerId });
  if (!isActiveAgent(state.agents, agentId)) return reject(Code.AGENT_NOT_FOUND, `Agent ${agentId} is not an active agent`, { agentId, field: 'agentId' });
  const lines: OrderLine[] = [];
  let subtotalCents = 0n;
  let currency: string | null = null;
  for (const [index, item] of items.entries()) {
    const one = priced(state, item, index);
    if ('code' in one) return one;
    if (currency !== null && one.currency !== currency)
      return reject(Code.ORDER_CURRENCY_MISMATCH, 'Every line of an order is priced in one currency', { field: `items[${index}]`, currency });
    currency = one.currency;
    lines.push({ line: index + 1, ...one.line });
    subtotalCents += one.cents;
  }
  // orders.total is DECIMAL(15,2): an order it cannot hold is refused here, not at the projection.
  if (subtotalCents >= MONEY_LIMIT_CENTS) return invalid('items', `the order's total is at most ${money(MONEY_LIMIT_CENTS - 1n)}`);
  const subtotal = money(subtotalCents);
  const placedAt = nowIsoOf(command);
  // The touches that led here, kept with the order: its payment is attributed to them.
  const touches = touchesInWindow(state.customer.touches, placedAt, attributionSettings(state.configuration).windowDays);
  const data = { orgId: tenantOf(command), orderId, customerId, agentId, currency: currency ?? '', lines, subtotal, total: subtotal, touches, placedAt };
  return [{ type: 'OrderPlaced', data }];
};

const centsOf = (amount: string): bigint => {
  const reading = readMoney(amount);
  return 'cents' in reading ? reading.cents : 0n;
};

const refOf = (command: OrderCommand, order: PlacedOrder) => ({
  orgId: tenantOf(command),
  orderId: order.orderId,
  customerId: order.customerId,
  agentId: order.agentId,
});

const pay = (command: PayOrder, state: OrderReads, order: PlacedOrder): Decision<OrderEvent> => {
  if (order.status !== 'pending') return wrongStatus(order, command);
  const wrong = uuidField(invalid, 'transactionId', command.data.transactionId);
  if (wrong) return wrong;
  const amount = amountCents(invalid, 'amount', command.data.amount);
  if (typeof amount !== 'bigint') return amount;
  const total = centsOf(order.total);
  if (amount !== total)
    return reject(Code.ORDER_PAYMENT_MISMATCH, `The order's total is ${order.total} ${order.currency}`, { total: order.total, amount: money(amount) });
  const { model } = attributionSettings(state.configuration);
  const attributions = attribute(total, model, order.touches, order.agentId);
  const data = {
    ...refOf(command, order),
    transactionId: command.data.transactionId,
    amount: order.total,
    currency: order.currency,
    model,
    attributions,
    paidAt: nowIsoOf(command),
  };
  return [{ type: 'OrderPaid', data }];
};

const refund = (command: RefundOrder, order: PlacedOrder): Decision<OrderEvent> => {
  if (!['paid', 'fulfilled', 'partially_refunded'].includes(order.status)) return wrongStatus(order, command);
  const { transactionId, reason = null } = command.data;
  const wrong = uuidField(invalid, 'transactionId', transactionId) ?? optionalText(invalid, 'reason', reason, LIMITS.title);
  if (wrong) return wrong;
  const amount = amountCents(invalid, 'amount', command.data.amount);
  if (typeof amount !== 'bigint') return amount;
  const left = centsOf(order.total) - centsOf(order.refunded);
  if (amount === 0n || amount > left)
    return reject(Code.ORDER_REFUND_EXCEEDS_PAID, `At most ${money(left)} ${order.currency} can be refunded`, {
      refundable: money(left),
      amount: money(amount),
    });
  const refunded = centsOf(order.refunded) + amount;
  const status = refunded === centsOf(order.total) ? 'refunded' : 'partially_refunded';
  const data = {
    ...refOf(command, order),
    transactionId,
    amount: money(amount),
    currency: order.currency,
    refundedAmount: money(refunded),
    status,
    reason,
    refundedAt: nowIsoOf(command),
  } as const;
  return [{ type: 'OrderRefunded', data }];
};

const movement = (order: PlacedOrder) => order.lines.map(({ variantId, location, quantity }) => ({ variantId, location, quantity }));

const fulfil = (command: FulfilOrder, order: PlacedOrder): Decision<OrderEvent> => {
  // Shipped once: a refund after shipping changes the status, not what was shipped.
  if (order.fulfilled) return [];
  if (order.status !== 'paid' && order.status !== 'partially_refunded') return wrongStatus(order, command);
  return [{ type: 'OrderFulfilled', data: { ...refOf(command, order), lines: movement(order), fulfilledAt: nowIsoOf(command) } }];
};

const cancel = (command: CancelOrder, order: PlacedOrder): Decision<OrderEvent> => {
  if (order.status === 'cancelled') return [];
  if (order.status !== 'pending' && !(order.status === 'refunded' && !order.fulfilled)) return wrongStatus(order, command);
  return [{ type: 'OrderCancelled', data: { ...refOf(command, order), lines: movement(order), fromStatus: order.status, cancelledAt: nowIsoOf(command) } }];
};

export const decideOrder = (command: OrderCommand, state: OrderReads): Decision<OrderEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  if (command.type === 'PlaceOrder') return place(command, state);
  const order = state.order;
  if (order.status === 'none') return notFound(command.data.orderId);
  switch (command.type) {
    case 'PayOrder':
      return pay(command, state, order);
    case 'RefundOrder':
      return refund(command, order);
    case 'FulfilOrder':
      return fulfil(command, order);
    case 'CancelOrder':
      return cancel(command, order);
    default:
      return assertNever(command);
  }
};

/** The streams an order command reads: placing prices lines and checks who; paying attributes. */
const readsOf = (command: OrderCommand): string[] => {
  const org = tenantOf(command);
  if (command.type === 'PlaceOrder') {
    const { customerId, items } = command.data;
    const products = Array.isArray(items) ? [...new Set(items.map((i) => i.productId))].map((id) => productStreamId(org, String(id))) : [];
    return [agentsStreamId(org), configurationStreamId(org), customerStreamId(org, customerId), ...products];
  }
  return command.type === 'PayOrder' ? [configurationStreamId(org)] : [];
};

export const orderDecider: Decider<OrderCommand, OrderStreamEvent, OrderReads> = {
  initialState: initialOrderReads,
  decide: decideOrder,
  evolve: evolveOrderReads,
  streamIdOf: (command) => orderStreamId(tenantOf(command), command.data.orderId),
  alsoReads: readsOf,
  // Only the order's own events are ever decided here.
  guardsOf: (event) => orderGuards(event as OrderEvent),
};
