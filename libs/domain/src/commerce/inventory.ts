/**
 * Inventory (seed 001 `inventory`, UNIQUE (product_variant_id, location)): one stream per variant
 * and location records the stock that comes in and the corrections. What is available to sell
 * is a counter guard (`stock:<variant>:<location>`) that receipts raise, corrections move and
 * orders draw from, in the same transaction as their events: it never goes below zero, so of
 * concurrent orders for the last units exactly as many succeed as there are units.
 */
import { assertNever, type Command, type Decider, type Decision, type Event, type Guard } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { evolveProduct, initialProductState, isLiveProduct, PRODUCT_EVENT_TYPES, type ProductEvent, type ProductState, productStreamId } from './catalog';
import { CommerceErrorCode as Code, reject } from './errors';
import { COMMERCE_LIMITS as LIMITS, isLocation, quantityField, requiredText } from './values';

export const inventoryStreamId = (orgId: string, variantId: string, location: string): string => `commerce-inventory-${orgId}-${variantId}-${location}`;

/** The counter of units available to sell at one location. */
export const stockKey = (variantId: string, location: string): string => `stock:${variantId}:${location}`;

type StockRef = { readonly orgId: string; readonly productId: string; readonly variantId: string; readonly location: string };
export type StockReceived = Event<'StockReceived', StockRef & { readonly quantity: number; readonly receivedAt: string }>;
export type StockAdjusted = Event<'StockAdjusted', StockRef & { readonly delta: number; readonly reason: string; readonly adjustedAt: string }>;
export type InventoryEvent = StockReceived | StockAdjusted;
export const INVENTORY_EVENT_TYPES: readonly InventoryEvent['type'][] = ['StockReceived', 'StockAdjusted'];

type Where = { readonly productId: string; readonly variantId: string; readonly location: string };
export type ReceiveStock = Command<'ReceiveStock', Where & { readonly quantity: number }>;
export type AdjustStock = Command<'AdjustStock', Where & { readonly delta: number; readonly reason: string }>;
export type InventoryCommand = ReceiveStock | AdjustStock;
export const INVENTORY_COMMAND_TYPES: readonly InventoryCommand['type'][] = ['ReceiveStock', 'AdjustStock'];

const invalid = (field: string, message: string) => reject(Code.INVENTORY_INVALID, message, { field });

const PRODUCT_EVENTS = new Set<string>(PRODUCT_EVENT_TYPES);

/** The stream holds no rule of its own: what it needs is the product its variant belongs to. */
const evolveInventory = (state: ProductState, event: InventoryEvent | ProductEvent): ProductState =>
  PRODUCT_EVENTS.has(event.type) ? evolveProduct(state, event as ProductEvent) : state;

const whereError = (command: InventoryCommand, product: ProductState) => {
  const { productId, variantId, location } = command.data;
  if (!isLocation(location)) return invalid('location', 'location is 1 to 50 letters, digits, - or _');
  if (!isLiveProduct(product)) return reject(Code.PRODUCT_NOT_FOUND, `Product ${productId} does not exist`, { productId });
  return product.variants.has(variantId)
    ? null
    : reject(Code.VARIANT_NOT_FOUND, `Variant ${variantId} is not a variant of product ${productId}`, { productId, variantId });
};

export const decideInventory = (command: InventoryCommand, product: ProductState): Decision<InventoryEvent> => {
  const wrong = writerRequired(command) ?? whereError(command, product);
  if (wrong) return wrong;
  const { productId, variantId, location } = command.data;
  const ref = { orgId: tenantOf(command), productId, variantId, location };
  switch (command.type) {
    case 'ReceiveStock':
      return (
        quantityField(invalid, 'quantity', command.data.quantity) ?? [
          { type: 'StockReceived', data: { ...ref, quantity: command.data.quantity, receivedAt: nowIsoOf(command) } },
        ]
      );
    case 'AdjustStock': {
      const { delta, reason } = command.data;
      const bad =
        (Number.isSafeInteger(delta) && delta !== 0 && Math.abs(delta) <= LIMITS.quantity
          ? null
          : invalid('delta', `delta is a non-zero whole number within ±${LIMITS.quantity}`)) ?? requiredText(invalid, 'reason', reason, LIMITS.title);
      return bad ?? [{ type: 'StockAdjusted', data: { ...ref, delta, reason, adjustedAt: nowIsoOf(command) } }];
    }
    default:
      return assertNever(command);
  }
};

const stockCount = (variantId: string, location: string, delta: number): Guard => ({
  kind: 'count',
  key: stockKey(variantId, location),
  delta,
  code: Code.INSUFFICIENT_STOCK,
  message: `Not enough stock of variant ${variantId} at ${location}`,
});

export const inventoryGuards = (event: InventoryEvent): readonly Guard[] => {
  const { variantId, location } = event.data;
  return [stockCount(variantId, location, event.type === 'StockReceived' ? event.data.quantity : event.data.delta)];
};

/** Orders draw (negative) and give back (positive) through the same counter. */
export const stockGuard = stockCount;

export const inventoryDecider: Decider<InventoryCommand, InventoryEvent | ProductEvent, ProductState> = {
  initialState: initialProductState,
  decide: decideInventory,
  evolve: evolveInventory,
  streamIdOf: (command) => inventoryStreamId(tenantOf(command), command.data.variantId, command.data.location),
  alsoReads: (command) => [productStreamId(tenantOf(command), command.data.productId)],
  // Only stock events are ever decided here.
  guardsOf: (event) => inventoryGuards(event as InventoryEvent),
};
