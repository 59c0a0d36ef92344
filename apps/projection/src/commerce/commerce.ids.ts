/**
 * Ids of read-model rows that no event names: derived from what identifies the row, so a
 * redelivered event finds the row it wrote and a rebuild writes the same ids again.
 */
import { nameUuid as uuidOf } from '@campaign/contracts';

/** A name-based UUID (version 5 layout over SHA-1) of the parts, within this context's namespace. */
const nameUuid = (...parts: readonly (string | number)[]): string => uuidOf('commerce-read-model', ...parts);

/** agent_capabilities: UNIQUE (agent_id, capability). */
export const capabilityRowId = (agentId: string, capability: string): string => nameUuid('capability', agentId, capability);

/** agent_collaborations: UNIQUE (requesting_agent_id, responding_agent_id, collaboration_type). */
export const collaborationRowId = (requesting: string, responding: string, type: string): string => nameUuid('collaboration', requesting, responding, type);

/** order_items: one row per line of an order (`line` numbers them from 1). */
export const orderItemRowId = (orderId: string, line: number): string => nameUuid('order-item', orderId, line);

/** inventory: UNIQUE (product_variant_id, location). */
export const inventoryRowId = (variantId: string, location: string): string => nameUuid('inventory', variantId, location);

/** revenue_attribution: one row per attribution of a payment, in the event's order. */
export const attributionRowId = (transactionId: string, index: number): string => nameUuid('attribution', transactionId, index);

/** product_metrics: UNIQUE (product_id, period_start, period_end); the period is a calendar month. */
export const productMetricsRowId = (productId: string, periodStart: string): string => nameUuid('product-metrics', productId, periodStart);

/** configurations: UNIQUE (org_id, key). */
export const configurationRowId = (orgId: string, key: string): string => nameUuid('configuration', orgId, key);
