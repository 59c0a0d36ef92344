/**
 * Builders for the commerce specs (seed 001): ids, metadata (ORG_ID at NOW by an admin), one
 * builder per command whose defaults are accepted on the matching history, and the histories
 * the deciders read (a registry with agents, a product with variants, a customer with touches,
 * the order's reads and an order in each status). Production code never imports this file.
 */
import { accepted, given, history } from '../testing';
import { type Command, type CommandMetadata, type Decider, type Decision, type Event, isRejection } from '../shared/decider';
import type { AgentEvent } from './agents';
import { type AgentCommand, agentsDecider } from './agents.decide';
import type { BudgetCommand } from './budget';
import { type CampaignCommand, campaignDecider, type CampaignEvent } from './campaign';
import type { ProductEvent, Variant } from './catalog';
import { type ProductCommand, productDecider } from './catalog.decide';
import { type ConfigurationCommand, type ConfigurationEvent, configurationDecider } from './configuration';
import type { CustomerEvent } from './customer';
import { type CustomerCommand, customerDecider } from './customer.decide';
import type { ExpenseCommand } from './expense';
import type { GoalCommand } from './goals.decide';
import type { InventoryCommand } from './inventory';
import type { OrderStatus } from './order';
import { type OrderCommand, orderDecider } from './order.decide';
import type { OrderStreamEvent } from './order.state';

// --- ids, instants, metadata -------------------------------------------------------------------

export const NOW = '2026-04-01T09:00:00.000Z';
export const ORG_ID = '0b7e2a4c-1d3f-4a5b-8c6d-7e8f9a0b1c2d';

/** The instant `seconds` after NOW (before, when negative). */
export const at = (seconds: number): string => new Date(Date.parse(NOW) + seconds * 1_000).toISOString();
export const daysAgo = (days: number): string => at(-days * 86_400);

/** A distinct lowercase v4 UUID per (prefix, n): `agentId(1)`, `variantId(2)` … */
const idOf =
  (prefix: string) =>
  (n: number): string =>
    `${prefix}000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const agentId = idOf('a1');
export const goalId = idOf('a2');
export const productId = idOf('b1');
export const variantId = idOf('b2');
export const customerId = idOf('c1');
export const interactionId = idOf('c2');
export const campaignId = idOf('c3');
export const orderId = idOf('d1');
export const transactionId = idOf('d2');
export const budgetId = idOf('e1');

export const METADATA: CommandMetadata = { commandId: '0b9e3c1d-7a2f-4e5b-8c6d-1f2a3b4c5d6e', now: NOW, actor: 'user:admin', tenant: ORG_ID, role: 'admin' };
/** What a service (an agent, the platform) sends with: no role. */
export const AS_SERVICE: Partial<CommandMetadata> = { actor: 'service:agent', role: undefined };
export const AS_VIEWER: Partial<CommandMetadata> = { actor: 'user:viewer', role: 'viewer' };
export const AS_EDITOR: Partial<CommandMetadata> = { actor: 'user:editor', role: 'editor' };
/** The metadata of a command sent `seconds` after NOW. */
export const after = (seconds: number, metadata: Partial<CommandMetadata> = {}): Partial<CommandMetadata> => ({ now: at(seconds), ...metadata });

// --- commands ----------------------------------------------------------------------------------

type AnyCommand =
  | AgentCommand
  | CampaignCommand
  | GoalCommand
  | ProductCommand
  | InventoryCommand
  | CustomerCommand
  | OrderCommand
  | BudgetCommand
  | ExpenseCommand
  | ConfigurationCommand;
type Of<T extends AnyCommand['type']> = Extract<AnyCommand, { type: T }>;
type Build<C extends Command> = (data?: Partial<C['data']>, metadata?: Partial<CommandMetadata>) => C;

const build =
  <T extends AnyCommand['type']>(type: T, defaults: Of<T>['data']): Build<Of<T>> =>
  (data = {}, metadata = {}) => {
    // A key given as undefined removes it (a service has no role).
    const merged = Object.fromEntries(Object.entries({ ...METADATA, ...metadata }).filter(([, value]) => value !== undefined));
    return { type, data: { ...defaults, ...data }, metadata: merged as unknown as CommandMetadata } as unknown as Of<T>;
  };

/** The n-th variant of product 1: SKU `SKU-n`, 10.00 EUR unless told. */
export const variantOf = (n: number, overrides: Partial<Variant> = {}): Variant => ({
  variantId: variantId(n),
  sku: `SKU-${n}`,
  title: `Size ${n}`,
  price: '10.00',
  currency: 'EUR',
  ...overrides,
});

const where = { productId: productId(1), variantId: variantId(1), location: 'main' };
const collaboration = { requestingAgentId: agentId(1), respondingAgentId: agentId(2), collaborationType: 'delegation' };

export const command = {
  registerAgent: build('RegisterAgent', { agentId: agentId(1), name: 'Orchestrator', type: 'orchestrator' }),
  updateAgent: build('UpdateAgent', { agentId: agentId(1) }),
  moveAgent: build('MoveAgent', { agentId: agentId(1), parentId: null }),
  changeAgentStatus: build('ChangeAgentStatus', { agentId: agentId(1), status: 'inactive' }),
  grantCapability: build('GrantAgentCapability', { agentId: agentId(1), capability: 'copywriting', score: 80 }),
  revokeCapability: build('RevokeAgentCapability', { agentId: agentId(1), capability: 'copywriting' }),
  allowCollaboration: build('AllowAgentCollaboration', collaboration),
  revokeCollaboration: build('RevokeAgentCollaboration', collaboration),
  createGoal: build('CreateGoal', { goalId: goalId(1), title: 'Grow revenue' }),
  updateGoal: build('UpdateGoal', { goalId: goalId(1) }),
  moveGoal: build('MoveGoal', { goalId: goalId(1), parentGoalId: null }),
  changeGoalStatus: build('ChangeGoalStatus', { goalId: goalId(1), status: 'achieved' }),
  recordGoalProgress: build('RecordGoalProgress', { goalId: goalId(1), currentValue: '10' }),
  createProduct: build('CreateProduct', { productId: productId(1), name: 'Canvas print', variants: [variantOf(1), variantOf(2, { price: '25.50' })] }),
  updateProduct: build('UpdateProduct', { productId: productId(1) }),
  changeProductStatus: build('ChangeProductStatus', { productId: productId(1), status: 'inactive' }),
  addVariant: build('AddProductVariant', { productId: productId(1), ...variantOf(3) }),
  repriceVariant: build('RepriceProductVariant', { productId: productId(1), variantId: variantId(1), price: '12.00' }),
  removeVariant: build('RemoveProductVariant', { productId: productId(1), variantId: variantId(1) }),
  deleteProduct: build('DeleteProduct', { productId: productId(1) }),
  receiveStock: build('ReceiveStock', { ...where, quantity: 10 }),
  adjustStock: build('AdjustStock', { ...where, delta: -2, reason: 'damaged' }),
  createCampaign: build('CreateCampaign', { campaignId: campaignId(1), name: 'Spring sale' }),
  registerCustomer: build('RegisterCustomer', { customerId: customerId(1), email: 'ada@example.com' }),
  updateCustomer: build('UpdateCustomer', { customerId: customerId(1) }),
  changeEmail: build('ChangeCustomerEmail', { customerId: customerId(1), email: 'ada@lovelace.org' }),
  deleteCustomer: build('DeleteCustomer', { customerId: customerId(1) }),
  recordInteraction: build('RecordCustomerInteraction', { customerId: customerId(1), interactionId: interactionId(1), channel: 'email' }),
  placeOrder: build('PlaceOrder', {
    orderId: orderId(1),
    customerId: customerId(1),
    agentId: agentId(1),
    items: [{ productId: productId(1), variantId: variantId(1), quantity: 2 }],
  }),
  payOrder: build('PayOrder', { orderId: orderId(1), transactionId: transactionId(1), amount: '20.00' }),
  refundOrder: build('RefundOrder', { orderId: orderId(1), transactionId: transactionId(2), amount: '5.00' }),
  fulfilOrder: build('FulfilOrder', { orderId: orderId(1) }),
  cancelOrder: build('CancelOrder', { orderId: orderId(1) }),
  setBudget: build('SetBudget', { budgetId: budgetId(1), category: 'Ads', fiscalYear: 2026, fiscalMonth: 4, amount: '1500', currency: 'EUR' }),
  reviseBudget: build('ReviseBudget', { budgetId: budgetId(1), amount: '2000.00' }),
  deleteBudget: build('DeleteBudget', { budgetId: budgetId(1) }),
  recordExpense: build('RecordExpense', { transactionId: transactionId(1), category: 'Ads', amount: '120.5', currency: 'EUR' }),
  setConfiguration: build('SetConfiguration', { key: 'attribution_model', value: 'linear' }),
};

/** The types of the events an outcome recorded; none when it was rejected (for rules either answer keeps). */
export const recordedTypes = (outcome: { readonly decision: Decision<Event> }): string[] =>
  isRejection(outcome.decision) ? [] : outcome.decision.map((e) => e.type);

// --- histories ---------------------------------------------------------------------------------

/** `before`, then what each command recorded, decided in turn on `decider`; each must be accepted. */
export const decided = <C extends Command, E extends Event, S>(decider: Decider<C, E, S>, before: readonly E[], ...commands: C[]): E[] =>
  commands.reduce<E[]>((events, next) => [...events, ...accepted(given(decider, events).when(next))], [...before]);

/** The registry with agents 1..n, all directors at the top level. */
export const registryOf = (n: number): AgentEvent[] =>
  history(
    agentsDecider,
    Array.from({ length: n }, (_, i) => command.registerAgent({ agentId: agentId(i + 1), name: `Agent ${i + 1}`, type: 'director' })),
  );

/** Product 1 with variants 1 (10.00 EUR) and 2 (25.50 EUR), then `commands`. */
export const productWith = (...commands: ProductCommand[]): ProductEvent[] => history(productDecider, [command.createProduct(), ...commands]);

export interface TouchSpec {
  /** The agent that handled it, by number; null for none. */
  readonly agent: number | null;
  readonly campaign?: number | null;
  readonly daysAgo: number;
}

/** Campaign n, created (a draft): what an interaction naming it reads. */
export const campaignCreated = (n: number): CampaignEvent[] =>
  accepted(given(campaignDecider).when(command.createCampaign({ campaignId: campaignId(n), name: `Campaign ${n}` }))) as CampaignEvent[];

/** Customer 1's own stream: registered, then one interaction per touch, each decided on the registry and its campaign. */
export const customerWith = (touches: readonly TouchSpec[] = [], registry: readonly AgentEvent[] = registryOf(3)): CustomerEvent[] =>
  touches.reduce<CustomerEvent[]>(
    (own, t, i) => {
      const campaign = t.campaign === undefined || t.campaign === null ? [] : campaignCreated(t.campaign);
      const interaction = command.recordInteraction({
        interactionId: interactionId(i + 1),
        agentId: t.agent === null ? null : agentId(t.agent),
        campaignId: campaign.length === 0 ? null : campaignId(t.campaign as number),
        occurredAt: daysAgo(t.daysAgo),
      });
      return [...own, ...(accepted(given(customerDecider, [...registry, ...campaign, ...own]).when(interaction)) as CustomerEvent[])];
    },
    accepted(given(customerDecider, registry).when(command.registerCustomer())) as CustomerEvent[],
  );

/** The configuration stream after setting each key to its value. */
export const configuredWith = (settings: Readonly<Record<string, unknown>>): ConfigurationEvent[] =>
  history(
    configurationDecider,
    Object.entries(settings).map(([key, value]) => command.setConfiguration({ key, value })),
  ) as ConfigurationEvent[];

/** What PlaceOrder reads: agents 1–3, the configuration, customer 1 with `touches`, product 1. */
export const orderReads = (touches: readonly TouchSpec[] = [], settings: Readonly<Record<string, unknown>> = {}): OrderStreamEvent[] => {
  const registry = registryOf(3);
  return [...registry, ...configuredWith(settings), ...customerWith(touches, registry), ...productWith()];
};

/**
 * The reads, then PlaceOrder (2 × variant 1: 20.00 EUR) and what takes the order to `status`
 * (partially_refunded: 5.00 back; `fulfilled-then-refunded`: shipped, then 20.00 back).
 */
export const orderIn = (status: OrderStatus | 'fulfilled-then-refunded', reads: readonly OrderStreamEvent[] = orderReads()): OrderStreamEvent[] => {
  const path: Record<typeof status, OrderCommand[]> = {
    pending: [],
    paid: [command.payOrder()],
    fulfilled: [command.payOrder(), command.fulfilOrder()],
    partially_refunded: [command.payOrder(), command.refundOrder()],
    refunded: [command.payOrder(), command.refundOrder({ amount: '20.00' })],
    cancelled: [command.cancelOrder()],
    'fulfilled-then-refunded': [command.payOrder(), command.fulfilOrder(), command.refundOrder({ amount: '20.00' })],
  };
  return decided(orderDecider, reads, command.placeOrder(), ...path[status]);
};
