import { booleans, instant, ints, jsonField, nullableStrings, record, strings } from '../avro-fields';
import { jsonValue } from '../avro';
import { marketingEventSchemas } from './marketing';
import { commerceWorkEventSchemas } from './work.events';
import { NS } from './namespace';

/**
 * Avro schemas of the commerce events' data, one per type and version. Field names and
 * nullability are the domain's (libs/domain/src/commerce/*.ts); instants are timestamp-millis,
 * money DECIMAL(15,2) as decimal strings with a currency, dates YYYY-MM-DD strings, JSON values
 * (`settings`, `attributes`, a configuration's value, an update's `changes` — only the fields that
 * changed) `json` strings. Statuses and types travel as strings: the deciders check them.
 * Personal fields (customers' names, email, phone) are sealed (personal-data.ts).
 */
const EVENTS = `${NS}.events`;
const event = (name: string, fields: readonly object[]) => record(name, EVENTS, fields);
const array = (name: string, fields: readonly object[]) => ({ type: 'array', items: { type: 'record', name, namespace: NS, fields } }) as const;

const agentRef = strings('orgId', 'agentId');
const collaboration = strings('orgId', 'requestingAgentId', 'respondingAgentId', 'collaborationType');

const agentEvents = {
  AgentRegistered: event('AgentRegistered', [
    ...agentRef,
    ...strings('name'),
    ...nullableStrings('description'),
    jsonField('settings'),
    ...strings('type'),
    ...nullableStrings('parentId'),
    ...strings('status'),
    instant('registeredAt'),
  ]),
  AgentUpdated: event('AgentUpdated', [...agentRef, jsonField('changes'), instant('updatedAt')]),
  AgentMoved: event('AgentMoved', [...agentRef, ...nullableStrings('fromParentId', 'parentId'), instant('movedAt')]),
  AgentStatusChanged: event('AgentStatusChanged', [...agentRef, ...strings('from', 'to'), instant('changedAt')]),
  AgentCapabilityGranted: event('AgentCapabilityGranted', [...agentRef, ...strings('capability'), ...ints('score'), instant('grantedAt')]),
  AgentCapabilityRevoked: event('AgentCapabilityRevoked', [...agentRef, ...strings('capability'), instant('revokedAt')]),
  AgentCollaborationAllowed: event('AgentCollaborationAllowed', [...collaboration, instant('allowedAt')]),
  AgentCollaborationRevoked: event('AgentCollaborationRevoked', [...collaboration, instant('revokedAt')]),
};

const goalRef = strings('orgId', 'goalId');

const goalEvents = {
  GoalCreated: event('GoalCreated', [
    ...goalRef,
    ...strings('title'),
    ...nullableStrings('description', 'ownerAgentId', 'targetValue', 'unit', 'dueDate', 'parentGoalId'),
    ...strings('status'),
    instant('createdAt'),
  ]),
  GoalUpdated: event('GoalUpdated', [...goalRef, jsonField('changes'), instant('updatedAt')]),
  GoalMoved: event('GoalMoved', [...goalRef, ...nullableStrings('fromParentGoalId', 'parentGoalId'), instant('movedAt')]),
  GoalStatusChanged: event('GoalStatusChanged', [...goalRef, ...strings('from', 'to'), instant('changedAt')]),
  GoalProgressRecorded: event('GoalProgressRecorded', [...goalRef, ...strings('currentValue'), instant('recordedAt')]),
};

const variantFields = strings('variantId', 'sku', 'title', 'price', 'currency');
const productRef = strings('orgId', 'productId');

const catalogEvents = {
  ProductCreated: event('ProductCreated', [
    ...productRef,
    ...strings('name'),
    ...nullableStrings('description', 'collection'),
    ...strings('status'),
    { name: 'variants', type: array('Variant', variantFields) },
    instant('createdAt'),
  ]),
  ProductUpdated: event('ProductUpdated', [...productRef, jsonField('changes'), instant('updatedAt')]),
  ProductStatusChanged: event('ProductStatusChanged', [...productRef, ...strings('from', 'to'), instant('changedAt')]),
  ProductVariantAdded: event('ProductVariantAdded', [...productRef, ...variantFields, instant('addedAt')]),
  ProductVariantRepriced: event('ProductVariantRepriced', [...productRef, ...strings('variantId', 'price'), instant('repricedAt')]),
  ProductVariantRemoved: event('ProductVariantRemoved', [...productRef, ...strings('variantId', 'sku'), instant('removedAt')]),
  ProductDeleted: event('ProductDeleted', [...productRef, { name: 'skus', type: { type: 'array', items: 'string' } }, instant('deletedAt')]),
  StockReceived: event('StockReceived', [...productRef, ...strings('variantId', 'location'), ...ints('quantity'), instant('receivedAt')]),
  StockAdjusted: event('StockAdjusted', [...productRef, ...strings('variantId', 'location'), ...ints('delta'), ...strings('reason'), instant('adjustedAt')]),
};

const customerRef = strings('orgId', 'customerId');
const touchFields = [...strings('interactionId'), ...nullableStrings('agentId', 'campaignId'), instant('occurredAt')];

const customerEvents = {
  CustomerRegistered: event('CustomerRegistered', [
    ...customerRef,
    ...strings('email'),
    ...nullableStrings('firstName', 'lastName', 'phone'),
    ...booleans('acceptsMarketing'),
    jsonField('attributes'),
    instant('registeredAt'),
  ]),
  CustomerUpdated: event('CustomerUpdated', [...customerRef, jsonField('changes'), instant('updatedAt')]),
  CustomerContactChanged: event('CustomerContactChanged', [...customerRef, ...nullableStrings('firstName', 'lastName', 'phone'), instant('changedAt')]),
  CustomerEmailChanged: event('CustomerEmailChanged', [...customerRef, ...strings('fromEmail', 'email'), instant('changedAt')]),
  CustomerDeleted: event('CustomerDeleted', [...customerRef, ...strings('email'), instant('deletedAt')]),
  CustomerInteractionRecorded: event('CustomerInteractionRecorded', [
    ...customerRef,
    ...touchFields,
    ...strings('channel'),
    ...nullableStrings('summary'),
    instant('recordedAt'),
  ]),
};

const orderRef = strings('orgId', 'orderId', 'customerId', 'agentId');
const lineFields = [...ints('line'), ...strings('productId', 'variantId', 'sku', 'location'), ...ints('quantity'), ...strings('unitPrice', 'lineTotal')];
const movement = { name: 'lines', type: array('StockMovement', [...strings('variantId', 'location'), ...ints('quantity')]) };

const orderEvents = {
  OrderPlaced: event('OrderPlaced', [
    ...orderRef,
    ...strings('currency'),
    { name: 'lines', type: array('OrderLine', lineFields) },
    ...strings('subtotal', 'total'),
    { name: 'touches', type: array('Touch', touchFields) },
    instant('placedAt'),
  ]),
  OrderPaid: event('OrderPaid', [
    ...orderRef,
    ...strings('amount', 'currency', 'transactionId', 'model'),
    { name: 'attributions', type: array('Attribution', [...strings('agentId'), ...nullableStrings('campaignId'), ...strings('share', 'amount')]) },
    instant('paidAt'),
  ]),
  OrderRefunded: event('OrderRefunded', [
    ...orderRef,
    ...strings('amount', 'currency', 'transactionId', 'refundedAmount', 'status'),
    ...nullableStrings('reason'),
    instant('refundedAt'),
  ]),
  OrderFulfilled: event('OrderFulfilled', [...orderRef, movement, instant('fulfilledAt')]),
  OrderCancelled: event('OrderCancelled', [...orderRef, movement, ...strings('fromStatus'), instant('cancelledAt')]),
};

const budgetRef = [...strings('orgId', 'budgetId', 'category'), ...ints('fiscalYear', 'fiscalMonth')];

const moneyEvents = {
  BudgetSet: event('BudgetSet', [...budgetRef, ...strings('amount', 'currency'), ...nullableStrings('ownerAgentId'), instant('setAt')]),
  BudgetRevised: event('BudgetRevised', [...budgetRef, ...strings('amount'), instant('revisedAt')]),
  BudgetDeleted: event('BudgetDeleted', [...budgetRef, instant('deletedAt')]),
  ExpenseRecorded: event('ExpenseRecorded', [
    ...strings('orgId', 'transactionId', 'category', 'amount', 'currency'),
    ...nullableStrings('agentId', 'description'),
    instant('transactionDate'),
    instant('recordedAt'),
  ]),
  ConfigurationSet: event('ConfigurationSet', [
    ...strings('orgId', 'key'),
    { name: 'value', type: jsonValue },
    ...nullableStrings('updatedByAgentId'),
    instant('setAt'),
  ]),
};

export const commerceEventSchemas = {
  ...agentEvents,
  ...goalEvents,
  ...catalogEvents,
  ...customerEvents,
  ...orderEvents,
  ...moneyEvents,
  ...marketingEventSchemas,
  ...commerceWorkEventSchemas,
} as const;
