import { z } from '@campaign/runtime';

/**
 * Request bodies of the commerce doors: shapes only, snake_case as seed 001's columns, strict —
 * an unknown field (an id of a new thing, a total, a price on an order line) is a malformed
 * request (400). Every rule (lengths, enums, amounts, the hierarchy, stock) is the decider's,
 * so a wrong value reaches it and gets its code.
 */
const commandId = z.string().optional();
const text = z.string().nullable().optional();
const json = z.record(z.string(), z.unknown());
/** Money as a decimal string; a JSON number is taken as its decimal text (the decider checks the cents). */
const money = z.union([z.string(), z.number().transform((n) => String(n))]);

export const emptyBody = z.object({ commandId }).strict();
export const statusBody = z.object({ commandId, status: z.string() }).strict();

// seed 001 agents: name, type, parent_id, description, settings
export const registerAgentBody = z
  .object({ commandId, name: z.string(), type: z.string(), parent_id: text, description: text, settings: json.nullable().optional() })
  .strict();
export const updateAgentBody = z.object({ commandId, name: text, description: text, settings: json.nullable().optional() }).strict();
export const agentParentBody = z.object({ commandId, parent_id: z.string().nullable() }).strict();
export const capabilityBody = z.object({ commandId, score: z.number().nullable().optional() }).strict();
export const collaborationBody = z
  .object({ commandId, requesting_agent_id: z.string(), responding_agent_id: z.string(), collaboration_type: z.string() })
  .strict();

// seed 001 goals: title, description, owner_agent_id, parent_goal_id, target_value, unit, due_date
const goalFields = { description: text, owner_agent_id: text, target_value: money.nullable().optional(), unit: text, due_date: text };
export const createGoalBody = z.object({ commandId, title: z.string(), parent_goal_id: text, ...goalFields }).strict();
export const updateGoalBody = z.object({ commandId, title: text, ...goalFields }).strict();
export const goalParentBody = z.object({ commandId, parent_goal_id: z.string().nullable() }).strict();
export const goalProgressBody = z.object({ commandId, current_value: money }).strict();

// seed 001 products and product_variants: the variant's id is the door's, its price the catalog's.
const variant = z.object({ sku: z.string(), title: z.string(), price: money, currency: z.string() }).strict();
export type VariantBody = z.infer<typeof variant>;
export const createProductBody = z
  .object({ commandId, name: z.string(), description: text, collection: text, status: z.string().optional(), variants: z.array(variant).optional() })
  .strict();
export const updateProductBody = z.object({ commandId, name: text, description: text, collection: text }).strict();
export const addVariantBody = variant.extend({ commandId }).strict();
export const repriceBody = z.object({ commandId, price: money }).strict();

// seed 001 inventory: UNIQUE (product_variant_id, location); no location means the default one.
const stockAt = { product_id: z.string(), variant_id: z.string(), location: z.string().optional() };
export const receiptBody = z.object({ commandId, ...stockAt, quantity: z.number() }).strict();
export const adjustmentBody = z.object({ commandId, ...stockAt, delta: z.number(), reason: z.string() }).strict();

// seed 001 customers: email, first_name, last_name, phone, accepts_marketing
const customerFields = {
  first_name: text,
  last_name: text,
  phone: text,
  accepts_marketing: z.boolean().nullable().optional(),
  attributes: json.nullable().optional(),
};
export const registerCustomerBody = z.object({ commandId, email: z.string(), ...customerFields }).strict();
export const updateCustomerBody = z.object({ commandId, ...customerFields }).strict();
export const emailBody = z.object({ commandId, email: z.string() }).strict();
export const interactionBody = z.object({ commandId, agent_id: text, campaign_id: text, channel: z.string(), summary: text, occurred_at: text }).strict();

// Orders name what is bought; prices and totals are the catalog's (seed 001 order_items), never the caller's.
const item = z.object({ product_id: z.string(), variant_id: z.string(), quantity: z.number(), location: z.string().optional() }).strict();
export const placeOrderBody = z.object({ commandId, customer_id: z.string(), agent_id: z.string(), items: z.array(item) }).strict();
export const paymentBody = z.object({ commandId, amount: money }).strict();
export const refundBody = z.object({ commandId, amount: money, reason: text }).strict();

// seed 001 budgets (UNIQUE (category, fiscal_year, fiscal_month)) and expense transactions.
export const setBudgetBody = z
  .object({ commandId, category: z.string(), fiscal_year: z.number(), fiscal_month: z.number(), amount: money, currency: z.string(), owner_agent_id: text })
  .strict();
export const reviseBudgetBody = z.object({ commandId, amount: money }).strict();
export const expenseBody = z
  .object({ commandId, category: z.string(), amount: money, currency: z.string(), agent_id: text, description: text, transaction_date: text })
  .strict();
// seed 001 configurations: key, value, updated_by_agent_id
export const configurationBody = z.object({ commandId, value: z.unknown(), updated_by_agent_id: text }).strict();
