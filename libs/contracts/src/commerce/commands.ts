import { jsonValue, optional } from '../avro';
import { ints, nullableBooleans, nullableJson, nullableStrings, record, strings } from '../avro-fields';
import { marketingCommandSchemas } from './marketing';
import { commerceWorkCommandSchemas } from './work.commands';
import { NS } from './namespace';

/**
 * Avro schemas of the commerce commands' data (libs/domain/src/commerce/*.decide.ts). Optional
 * fields are nullable with default null, so the decider's defaults apply when a sender leaves
 * them out; in an update, null keeps the field's value. Money travels as decimal strings; the
 * deciders check every value and answer with their codes.
 */
const COMMANDS = `${NS}.commands`;
const command = (name: string, fields: readonly object[]) => record(name, COMMANDS, fields);
const array = (name: string, fields: readonly object[]) => ({ type: 'array', items: { type: 'record', name, namespace: COMMANDS, fields } }) as const;
const nullableInt = (name: string) => ({ name, ...optional('int') });
const collaboration = strings('requestingAgentId', 'respondingAgentId', 'collaborationType');
const variantFields = strings('variantId', 'sku', 'title', 'price', 'currency');
const customerFields = [...nullableStrings('firstName', 'lastName', 'phone'), ...nullableBooleans('acceptsMarketing'), nullableJson('attributes')];
const goalFields = nullableStrings('description', 'ownerAgentId', 'targetValue', 'unit', 'dueDate');
const stockAt = strings('productId', 'variantId', 'location');

const agentCommands = {
  RegisterAgent: command('RegisterAgent', [...strings('agentId', 'name', 'type'), ...nullableStrings('parentId', 'description'), nullableJson('settings')]),
  UpdateAgent: command('UpdateAgent', [...strings('agentId'), ...nullableStrings('name', 'description'), nullableJson('settings')]),
  MoveAgent: command('MoveAgent', [...strings('agentId'), ...nullableStrings('parentId')]),
  ChangeAgentStatus: command('ChangeAgentStatus', strings('agentId', 'status')),
  GrantAgentCapability: command('GrantAgentCapability', [...strings('agentId', 'capability'), nullableInt('score')]),
  RevokeAgentCapability: command('RevokeAgentCapability', strings('agentId', 'capability')),
  AllowAgentCollaboration: command('AllowAgentCollaboration', collaboration),
  RevokeAgentCollaboration: command('RevokeAgentCollaboration', collaboration),
};

const goalCommands = {
  CreateGoal: command('CreateGoal', [...strings('goalId', 'title'), ...goalFields, ...nullableStrings('parentGoalId')]),
  UpdateGoal: command('UpdateGoal', [...strings('goalId'), ...nullableStrings('title'), ...goalFields]),
  MoveGoal: command('MoveGoal', [...strings('goalId'), ...nullableStrings('parentGoalId')]),
  ChangeGoalStatus: command('ChangeGoalStatus', strings('goalId', 'status')),
  RecordGoalProgress: command('RecordGoalProgress', strings('goalId', 'currentValue')),
};

const catalogCommands = {
  CreateProduct: command('CreateProduct', [
    ...strings('productId', 'name'),
    ...nullableStrings('description', 'collection', 'status'),
    { name: 'variants', ...optional(array('NewVariant', variantFields)) },
  ]),
  UpdateProduct: command('UpdateProduct', [...strings('productId'), ...nullableStrings('name', 'description', 'collection')]),
  ChangeProductStatus: command('ChangeProductStatus', strings('productId', 'status')),
  AddProductVariant: command('AddProductVariant', [...strings('productId'), ...variantFields]),
  RepriceProductVariant: command('RepriceProductVariant', strings('productId', 'variantId', 'price')),
  RemoveProductVariant: command('RemoveProductVariant', strings('productId', 'variantId')),
  DeleteProduct: command('DeleteProduct', strings('productId')),
  ReceiveStock: command('ReceiveStock', [...stockAt, ...ints('quantity')]),
  AdjustStock: command('AdjustStock', [...stockAt, ...ints('delta'), ...strings('reason')]),
};

const customerCommands = {
  RegisterCustomer: command('RegisterCustomer', [...strings('customerId', 'email'), ...customerFields]),
  UpdateCustomer: command('UpdateCustomer', [...strings('customerId'), ...customerFields]),
  ChangeCustomerEmail: command('ChangeCustomerEmail', strings('customerId', 'email')),
  DeleteCustomer: command('DeleteCustomer', strings('customerId')),
  RecordCustomerInteraction: command('RecordCustomerInteraction', [
    ...strings('customerId', 'interactionId'),
    ...nullableStrings('agentId', 'campaignId'),
    ...strings('channel'),
    ...nullableStrings('summary', 'occurredAt'),
  ]),
};

const orderCommands = {
  PlaceOrder: command('PlaceOrder', [
    ...strings('orderId', 'customerId', 'agentId'),
    { name: 'items', type: array('OrderItem', [...strings('productId', 'variantId'), ...ints('quantity'), ...nullableStrings('location')]) },
  ]),
  PayOrder: command('PayOrder', strings('orderId', 'transactionId', 'amount')),
  RefundOrder: command('RefundOrder', [...strings('orderId', 'transactionId', 'amount'), ...nullableStrings('reason')]),
  FulfilOrder: command('FulfilOrder', strings('orderId')),
  CancelOrder: command('CancelOrder', strings('orderId')),
};

const moneyCommands = {
  SetBudget: command('SetBudget', [
    ...strings('budgetId', 'category'),
    ...ints('fiscalYear', 'fiscalMonth'),
    ...strings('amount', 'currency'),
    ...nullableStrings('ownerAgentId'),
  ]),
  ReviseBudget: command('ReviseBudget', strings('budgetId', 'amount')),
  DeleteBudget: command('DeleteBudget', strings('budgetId')),
  RecordExpense: command('RecordExpense', [
    ...strings('transactionId', 'category', 'amount', 'currency'),
    ...nullableStrings('agentId', 'description', 'transactionDate'),
  ]),
  SetConfiguration: command('SetConfiguration', [...strings('key'), { name: 'value', type: jsonValue }, ...nullableStrings('updatedByAgentId')]),
};

export const commerceCommandSchemas = {
  ...agentCommands,
  ...goalCommands,
  ...catalogCommands,
  ...customerCommands,
  ...orderCommands,
  ...moneyCommands,
  ...marketingCommandSchemas,
  ...commerceWorkCommandSchemas,
} as const;
