import { randomUUID } from 'node:crypto';
import { commerce as commerceWire, type CommandEnvelope } from '@campaign/contracts';
import type { Sender } from '../shared/context-commands.consumer';
import { derivedId } from '../shared/derived-id';
import { commerceDataOf, commerceKafkaDoor } from './commerce-kafka-door';
import { NEW_IDS, variantLabel } from './commerce-scopes';

const orgId = randomUUID();
const envelope = (type: string, data: Record<string, unknown>): CommandEnvelope => ({
  commandId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'commerce',
  issuedAt: new Date().toISOString(),
  actor: 'service:forged',
  correlationId: null,
  causationId: null,
  tenant: orgId,
  data,
});
const service: Sender = { actor: 'service:bench', tenant: orgId, role: undefined, service: true, scopes: new Set(['commerce:write']) };
const person: Sender = { actor: 'user:x', tenant: orgId, role: 'editor', service: false, scopes: new Set<string>() };

/** Each command that creates something, the field naming it and the label its derived id is made with. */
const CREATES: readonly [string, string, string][] = [
  ['RegisterAgent', 'agentId', 'agent'],
  ['CreateGoal', 'goalId', 'goal'],
  ['CreateProduct', 'productId', 'product'],
  ['AddProductVariant', 'variantId', 'variant'],
  ['RegisterCustomer', 'customerId', 'customer'],
  ['RecordCustomerInteraction', 'interactionId', 'interaction'],
  ['PlaceOrder', 'orderId', 'order'],
  ['PayOrder', 'transactionId', 'payment'],
  ['RefundOrder', 'transactionId', 'refund'],
  ['RecordExpense', 'transactionId', 'expense'],
  ['SetBudget', 'budgetId', 'budget'],
  ['CreateSegment', 'segmentId', 'segment'],
  ['CreateCampaign', 'campaignId', 'campaign'],
  ['CreateContent', 'contentId', 'content'],
  ['CreateEmailList', 'listId', 'email-list'],
  ['DefineWorkflow', 'workflowId', 'workflow'],
  ['StartWorkflowExecution', 'executionId', 'execution'],
  ['AssignTask', 'taskId', 'task'],
  ['DefineKpi', 'kpiId', 'kpi'],
  ['RecordKpiMeasurement', 'measurementId', 'measurement'],
  ['CreateReport', 'reportId', 'report'],
  ['RecordSystemEvent', 'systemEventId', 'system-event'],
];

describe('the commerce Kafka door: whose ids a command carries', () => {
  it('accepts every command of the contract and needs the envelope’s tenant', () => {
    expect([...commerceKafkaDoor.accepts].sort()).toEqual(Object.keys(commerceWire.commerceCommandSchemas).sort());
    expect(commerceKafkaDoor).toMatchObject({ requiresTenant: true, serviceScope: 'commerce:write' });
  });

  it('a service granted commerce:write names the ids of everything it creates (the benchmark passes its own)', () => {
    for (const [type, field] of CREATES) {
      const id = randomUUID();
      expect(commerceDataOf(envelope(type, { [field]: id, note: null }), service)).toEqual({ [field]: id });
    }
  });

  it('a person names none: each create’s id is derived from the org, the command id and what it creates', () => {
    expect(Object.keys(NEW_IDS).sort()).toEqual([...CREATES.map(([type]) => type), 'SubscribeEmail'].sort());
    for (const [type, field, label] of CREATES) {
      const command = envelope(type, { [field]: randomUUID() });
      expect(commerceDataOf(command, person)).toMatchObject({ [field]: derivedId(orgId, command.commandId, label) });
    }
  });

  it('a person’s subscription is named after its list and email (in any case), so subscribing again reaches the same subscriber', () => {
    const listId = randomUUID();
    const first = commerceDataOf(envelope('SubscribeEmail', { subscriberId: randomUUID(), listId, email: 'Ada@Example.com' }), person);
    const again = commerceDataOf(envelope('SubscribeEmail', { subscriberId: randomUUID(), listId, email: 'ada@example.com ' }), person);
    expect(first['subscriberId']).toBe(derivedId(orgId, `subscriber:${listId}`, 'ada@example.com'));
    expect(again['subscriberId']).toBe(first['subscriberId']);
  });

  it('a person’s CreateProduct gets derived ids for the product and each variant, by its place in the list', () => {
    const command = envelope('CreateProduct', {
      productId: randomUUID(),
      variants: [
        { variantId: randomUUID(), sku: 'a' },
        { variantId: randomUUID(), sku: 'b' },
      ],
    });
    const id = (label: string) => derivedId(orgId, command.commandId, label);
    expect(commerceDataOf(command, person)).toEqual({
      productId: id('product'),
      variants: [
        { variantId: id(variantLabel(0)), sku: 'a' },
        { variantId: id(variantLabel(1)), sku: 'b' },
      ],
    });
  });

  it('a null that is a value survives: MoveAgent and MoveGoal to the top, SetConfiguration to JSON null; other nulls mean “not given”', () => {
    const agentId = randomUUID();
    expect(commerceDataOf(envelope('MoveAgent', { agentId, parentId: null }), service)).toEqual({ agentId, parentId: null });
    expect(commerceDataOf(envelope('MoveGoal', { goalId: agentId, parentGoalId: null }), service)).toEqual({ goalId: agentId, parentGoalId: null });
    expect(commerceDataOf(envelope('SetConfiguration', { key: 'k', value: null, updatedByAgentId: null }), service)).toEqual({ key: 'k', value: null });
    expect(commerceDataOf(envelope('UpdateAgent', { agentId, name: null }), service)).toEqual({ agentId });
  });
});
