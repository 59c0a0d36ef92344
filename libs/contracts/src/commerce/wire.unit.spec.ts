import type { commerce } from '@campaign/domain';
import { decodeData, encodeData } from '../registry';
import { commerceCommandSchemas } from './commands';

/** Samples typed by the domain's data, so a field the domain lacks (or the schema misses) does not compile. */
type Samples<M extends { type: string; data: unknown }> = { readonly [K in M['type']]: Extract<M, { type: K }>['data'] };
type Event =
  | commerce.AgentEvent
  | commerce.GoalEvent
  | commerce.ProductEvent
  | commerce.InventoryEvent
  | commerce.CustomerEvent
  | commerce.OrderEvent
  | commerce.BudgetEvent
  | commerce.ExpenseEvent
  | commerce.ConfigurationEvent
  | commerce.SegmentEvent
  | commerce.CampaignEvent
  | commerce.ContentEvent
  | commerce.EmailListEvent;
type Command =
  | commerce.AgentCommand
  | commerce.GoalCommand
  | commerce.ProductCommand
  | commerce.InventoryCommand
  | commerce.CustomerCommand
  | commerce.OrderCommand
  | commerce.BudgetCommand
  | commerce.ExpenseCommand
  | commerce.ConfigurationCommand
  | commerce.SegmentCommand
  | commerce.CampaignCommand
  | commerce.ContentCommand
  | commerce.EmailListCommand;

const orgId = '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';
const [agentId, parentId, goalId, productId, variantId, customerId, orderId, transactionId, budgetId, campaignId] = [
  '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e',
  '6b1d8f3c-9e20-4c4b-8f7d-3a5e7c9b1d2f',
  '7c2e9a4d-af31-4d5c-9a8e-4b6f8dac2e3a',
  '8d3fab5e-b042-4e6d-8b9f-5c7a9ebd3f4b',
  '9e4abc6f-c153-4f7e-9cae-6d8bafce4a5c',
  'af5bcd7a-d264-4a8f-8dbf-7e9cb0df5b6d',
  'b06cde8b-e375-4b9a-9ec0-8fadc1e06c7e',
  'c17def9c-f486-4cab-8fd1-9abed2f17d8f',
  'd28ef0ad-0597-4dbc-9ae2-abcfe3028e9a',
  'e39f01be-16a8-4ecd-8bf3-bcd0f4139fab',
];
const at = '2026-04-01T09:00:00.000Z';
const line = { line: 1, productId, variantId, sku: 'PRINT-A3', location: 'main', quantity: 2, unitPrice: '24.50', lineTotal: '49.00' };
const touch = { interactionId: transactionId, agentId, campaignId, occurredAt: at };
const order = { orgId, orderId, customerId, agentId };
const movement = [{ variantId, location: 'main', quantity: 2 }];

const events: Samples<Event> = {
  AgentRegistered: {
    orgId,
    agentId,
    name: 'Curator',
    description: null,
    settings: { tone: 'warm' },
    type: 'director',
    parentId,
    status: 'active',
    registeredAt: at,
  },
  AgentUpdated: { orgId, agentId, changes: { name: 'Head curator' }, updatedAt: at },
  AgentMoved: { orgId, agentId, fromParentId: null, parentId, movedAt: at },
  AgentStatusChanged: { orgId, agentId, from: 'active', to: 'inactive', changedAt: at },
  AgentCapabilityGranted: { orgId, agentId, capability: 'copywriting', score: 80, grantedAt: at },
  AgentCapabilityRevoked: { orgId, agentId, capability: 'copywriting', revokedAt: at },
  AgentCollaborationAllowed: { orgId, requestingAgentId: agentId, respondingAgentId: parentId, collaborationType: 'review', allowedAt: at },
  AgentCollaborationRevoked: { orgId, requestingAgentId: agentId, respondingAgentId: parentId, collaborationType: 'review', revokedAt: at },
  GoalCreated: {
    orgId,
    goalId,
    title: 'Q2 revenue',
    description: null,
    ownerAgentId: agentId,
    targetValue: '10000.00',
    unit: 'EUR',
    dueDate: '2026-06-30',
    parentGoalId: null,
    status: 'active',
    createdAt: at,
  },
  GoalUpdated: { orgId, goalId, changes: { dueDate: '2026-07-31' }, updatedAt: at },
  GoalMoved: { orgId, goalId, fromParentGoalId: null, parentGoalId: goalId, movedAt: at },
  GoalStatusChanged: { orgId, goalId, from: 'active', to: 'achieved', changedAt: at },
  GoalProgressRecorded: { orgId, goalId, currentValue: '2500.00', recordedAt: at },
  ProductCreated: {
    orgId,
    productId,
    name: 'Harbour at dawn',
    description: null,
    collection: 'coast',
    status: 'active',
    variants: [{ variantId, sku: 'PRINT-A3', title: 'A3', price: '24.50', currency: 'EUR' }],
    createdAt: at,
  },
  ProductUpdated: { orgId, productId, changes: { collection: 'sea' }, updatedAt: at },
  ProductStatusChanged: { orgId, productId, from: 'active', to: 'archived', changedAt: at },
  ProductVariantAdded: { orgId, productId, variantId, sku: 'PRINT-A2', title: 'A2', price: '39.00', currency: 'EUR', addedAt: at },
  ProductVariantRepriced: { orgId, productId, variantId, price: '26.00', repricedAt: at },
  ProductVariantRemoved: { orgId, productId, variantId, sku: 'PRINT-A2', removedAt: at },
  ProductDeleted: { orgId, productId, skus: ['PRINT-A3'], deletedAt: at },
  StockReceived: { orgId, productId, variantId, location: 'main', quantity: 10, receivedAt: at },
  StockAdjusted: { orgId, productId, variantId, location: 'main', delta: -2, reason: 'damaged', adjustedAt: at },
  CustomerRegistered: {
    orgId,
    customerId,
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: null,
    phone: null,
    acceptsMarketing: true,
    attributes: { country: 'DE' },
    registeredAt: at,
  },
  CustomerUpdated: { orgId, customerId, changes: { acceptsMarketing: false }, updatedAt: at },
  CustomerContactChanged: { orgId, customerId, firstName: 'Ada', lastName: 'Lovelace', phone: null, changedAt: at },
  CustomerEmailChanged: { orgId, customerId, fromEmail: 'ada@example.com', email: 'ada@example.org', changedAt: at },
  CustomerDeleted: { orgId, customerId, email: 'ada@example.org', deletedAt: at },
  CustomerInteractionRecorded: { orgId, customerId, ...touch, channel: 'email', summary: 'asked about frames', recordedAt: at },
  OrderPlaced: { ...order, currency: 'EUR', lines: [line], subtotal: '49.00', total: '49.00', touches: [touch], placedAt: at },
  OrderPaid: {
    ...order,
    amount: '49.00',
    currency: 'EUR',
    transactionId,
    model: 'linear',
    attributions: [{ agentId, campaignId, share: '1.00000000', amount: '49.00' }],
    paidAt: at,
  },
  OrderRefunded: {
    ...order,
    amount: '9.00',
    currency: 'EUR',
    transactionId,
    refundedAmount: '9.00',
    status: 'partially_refunded',
    reason: null,
    refundedAt: at,
  },
  OrderFulfilled: { ...order, lines: movement, fulfilledAt: at },
  OrderCancelled: { ...order, lines: movement, fromStatus: 'pending', cancelledAt: at },
  BudgetSet: { orgId, budgetId, category: 'ads', fiscalYear: 2026, fiscalMonth: 4, amount: '500.00', currency: 'EUR', ownerAgentId: null, setAt: at },
  BudgetRevised: { orgId, budgetId, category: 'ads', fiscalYear: 2026, fiscalMonth: 4, amount: '600.00', revisedAt: at },
  BudgetDeleted: { orgId, budgetId, category: 'ads', fiscalYear: 2026, fiscalMonth: 4, deletedAt: at },
  ExpenseRecorded: {
    orgId,
    transactionId,
    category: 'ads',
    amount: '120.00',
    currency: 'EUR',
    agentId,
    description: null,
    transactionDate: at,
    recordedAt: at,
  },
  ConfigurationSet: { orgId, key: 'attribution_model', value: 'linear', updatedByAgentId: agentId, setAt: at },
  SegmentCreated: {
    orgId,
    segmentId: budgetId,
    name: 'Collectors',
    description: null,
    kind: 'rule',
    rules: { all: [{ field: 'attributes.country', op: 'eq', value: 'DE' }] },
    createdAt: at,
  },
  SegmentUpdated: { orgId, segmentId: budgetId, name: 'Collectors DE', description: 'x', rules: null, updatedAt: at },
  SegmentMembersAdded: { orgId, segmentId: budgetId, customerIds: [customerId], addedAt: at },
  SegmentMembersRemoved: { orgId, segmentId: budgetId, customerIds: [customerId], removedAt: at },
  SegmentDeleted: { orgId, segmentId: budgetId, deletedAt: at },
  CampaignCreated: {
    orgId,
    campaignId,
    name: 'Spring prints',
    goalId,
    ownerAgentId: agentId,
    targetSegmentId: null,
    channel: 'email',
    budget: '300.00',
    currency: 'EUR',
    startsAt: at,
    endsAt: null,
    status: 'draft',
    createdAt: at,
  },
  CampaignUpdated: { orgId, campaignId, changes: { channel: 'social' }, updatedAt: at },
  CampaignStatusChanged: { orgId, campaignId, from: 'draft', to: 'active', changedAt: at },
  CampaignDeleted: { orgId, campaignId, deletedAt: at },
  ContentCreated: {
    orgId,
    contentId: orderId,
    campaignId,
    createdByAgentId: agentId,
    title: 'Spring newsletter',
    body: null,
    contentType: 'email',
    createdAt: at,
  },
  ContentRevised: { orgId, contentId: orderId, title: 'Spring newsletter 2', body: 'Hello', revisedAt: at },
  ContentStatusChanged: { orgId, contentId: orderId, from: 'draft', to: 'published', changedAt: at },
  EmailListCreated: { orgId, listId: goalId, name: 'Newsletter', description: null, createdAt: at },
  EmailListDeleted: { orgId, listId: goalId, deletedAt: at },
  EmailSubscribed: { orgId, subscriberId: productId, listId: goalId, email: 'ada@example.com', customerId, subscribedAt: at },
  EmailResubscribed: { orgId, subscriberId: productId, listId: goalId, subscribedAt: at },
  EmailUnsubscribed: { orgId, subscriberId: productId, listId: goalId, unsubscribedAt: at },
};

const commands: Samples<Command> = {
  RegisterAgent: { agentId, name: 'Curator', type: 'director', parentId, description: null, settings: null },
  UpdateAgent: { agentId, name: 'Head curator' },
  MoveAgent: { agentId, parentId: null },
  ChangeAgentStatus: { agentId, status: 'archived' },
  GrantAgentCapability: { agentId, capability: 'copywriting', score: 70 },
  RevokeAgentCapability: { agentId, capability: 'copywriting' },
  AllowAgentCollaboration: { requestingAgentId: agentId, respondingAgentId: parentId, collaborationType: 'review' },
  RevokeAgentCollaboration: { requestingAgentId: agentId, respondingAgentId: parentId, collaborationType: 'review' },
  CreateGoal: { goalId, title: 'Q2 revenue', ownerAgentId: agentId, targetValue: '10000.00', parentGoalId: null },
  UpdateGoal: { goalId, title: 'Q2 revenue (stretch)' },
  MoveGoal: { goalId, parentGoalId: null },
  ChangeGoalStatus: { goalId, status: 'achieved' },
  RecordGoalProgress: { goalId, currentValue: '2500.00' },
  CreateProduct: {
    productId,
    name: 'Harbour at dawn',
    collection: 'coast',
    variants: [{ variantId, sku: 'PRINT-A3', title: 'A3', price: '24.50', currency: 'EUR' }],
  },
  UpdateProduct: { productId, description: 'Giclée print' },
  ChangeProductStatus: { productId, status: 'inactive' },
  AddProductVariant: { productId, variantId, sku: 'PRINT-A2', title: 'A2', price: '39.00', currency: 'EUR' },
  RepriceProductVariant: { productId, variantId, price: '26.00' },
  RemoveProductVariant: { productId, variantId },
  DeleteProduct: { productId },
  ReceiveStock: { productId, variantId, location: 'main', quantity: 10 },
  AdjustStock: { productId, variantId, location: 'main', delta: -1, reason: 'damaged' },
  RegisterCustomer: { customerId, email: 'ada@example.com', firstName: 'Ada', acceptsMarketing: true, attributes: { country: 'DE' } },
  UpdateCustomer: { customerId, phone: '+49 30 1234' },
  ChangeCustomerEmail: { customerId, email: 'ada@example.org' },
  DeleteCustomer: { customerId },
  RecordCustomerInteraction: { customerId, interactionId: transactionId, agentId, campaignId, channel: 'email', summary: null, occurredAt: at },
  PlaceOrder: { orderId, customerId, agentId, items: [{ productId, variantId, quantity: 2, location: 'main' }] },
  PayOrder: { orderId, transactionId, amount: '49.00' },
  RefundOrder: { orderId, transactionId, amount: '9.00', reason: 'late' },
  FulfilOrder: { orderId },
  CancelOrder: { orderId },
  SetBudget: { budgetId, category: 'ads', fiscalYear: 2026, fiscalMonth: 4, amount: '500.00', currency: 'EUR', ownerAgentId: agentId },
  ReviseBudget: { budgetId, amount: '600.00' },
  DeleteBudget: { budgetId },
  RecordExpense: { transactionId, category: 'ads', amount: '120.00', currency: 'EUR', agentId: null, transactionDate: at },
  SetConfiguration: { key: 'attribution_model', value: 'linear', updatedByAgentId: agentId },
  CreateSegment: { segmentId: budgetId, name: 'Collectors', kind: 'static' },
  UpdateSegment: { segmentId: budgetId, rules: { all: [{ field: 'accepts_marketing', op: 'eq', value: true }] } },
  AddSegmentMembers: { segmentId: budgetId, customerIds: [customerId] },
  RemoveSegmentMembers: { segmentId: budgetId, customerIds: [customerId] },
  DeleteSegment: { segmentId: budgetId },
  CreateCampaign: { campaignId, name: 'Spring prints', budget: '300.00', currency: 'EUR' },
  UpdateCampaign: { campaignId, channel: 'social' },
  ChangeCampaignStatus: { campaignId, status: 'active' },
  DeleteCampaign: { campaignId },
  CreateContent: { contentId: orderId, title: 'Spring newsletter', contentType: 'email', campaignId },
  ReviseContent: { contentId: orderId, body: 'Hello' },
  ChangeContentStatus: { contentId: orderId, status: 'published' },
  CreateEmailList: { listId: goalId, name: 'Newsletter' },
  DeleteEmailList: { listId: goalId },
  SubscribeEmail: { subscriberId: productId, listId: goalId, email: 'ada@example.com', customerId },
  UnsubscribeEmail: { subscriberId: productId, listId: goalId },
};

/** What the wire gives back for a command: a field the sender left out arrives as null (the door drops nulls). */
const withNulls = (type: string, data: object) => {
  const fields = commerceCommandSchemas[type as keyof typeof commerceCommandSchemas].schema.fields as readonly { name: string }[];
  return Object.fromEntries(fields.map((f) => [f.name, (data as Record<string, unknown>)[f.name] ?? null]));
};

describe("the commerce contract carries the domain's messages unchanged", () => {
  it.each(Object.entries(events))('event %s', (type, data) => {
    const { version, bytes } = encodeData('commerce', 'events', type, data);
    expect(decodeData('commerce', 'events', type, version, bytes)).toEqual(data);
  });

  it.each(Object.entries(commands))('command %s', (type, data) => {
    const { version, bytes } = encodeData('commerce', 'commands', type, data);
    expect(decodeData('commerce', 'commands', type, version, bytes)).toEqual(withNulls(type, data));
  });
});
