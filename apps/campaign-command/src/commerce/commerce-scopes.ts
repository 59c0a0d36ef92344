import { contextScope } from '@campaign/runtime';
import { derivedId } from '../shared/derived-id';

/**
 * The commerce context's scope: `commerce:write`, the platform's services (the timers, the
 * ingest, the benchmark's drivers) sending any commerce command for the envelope's org, with
 * no role and with the ids they name. People act in their own org with their role (editors and
 * admins write, viewers are refused COMMERCE_ROLE_REQUIRED by the deciders).
 */
export const WRITE_SCOPE = contextScope('commerce', 'write');

type Data = Record<string, unknown>;
/** The id a command's new thing gets when its sender may not name it: a function of the org, the command id and a label. */
export interface IdMinter {
  (label: string): string;
  readonly tenant: string;
}

const one =
  (field: string, label: string) =>
  (data: Data, mint: IdMinter): Data => ({ ...data, [field]: mint(label) });

/** CreateProduct names the product and each of its variants; a variant's label is its place in the list. */
const product = (data: Data, mint: IdMinter): Data => {
  const variants = Array.isArray(data['variants']) ? (data['variants'] as unknown[]) : null;
  const named = variants?.map((variant, index) => ({ ...(variant as Data), variantId: mint(variantLabel(index)) }));
  return { ...data, productId: mint('product'), ...(named ? { variants: named } : {}) };
};

export const variantLabel = (index: number): string => `variant:${index}`;

/**
 * A person's subscription is named after its list and email, not its command: subscribing the
 * same address again (after unsubscribing) reaches the same subscriber and resubscribes it.
 */
const subscriber = (data: Data, mint: IdMinter): Data => ({
  ...data,
  subscriberId: derivedId(
    mint.tenant,
    `subscriber:${String(data['listId'])}`,
    String(data['email'] ?? '')
      .trim()
      .toLowerCase(),
  ),
});

/**
 * The commands that create something, and how the door names it (docs: "only a service names
 * the ids of new things"): a person's ids are derived, so a resend names the same thing and no
 * sender can pick an id another org already holds.
 */
export const NEW_IDS: Readonly<Record<string, (data: Data, mint: IdMinter) => Data>> = {
  RegisterAgent: one('agentId', 'agent'),
  CreateGoal: one('goalId', 'goal'),
  CreateProduct: product,
  AddProductVariant: one('variantId', 'variant'),
  RegisterCustomer: one('customerId', 'customer'),
  RecordCustomerInteraction: one('interactionId', 'interaction'),
  PlaceOrder: one('orderId', 'order'),
  PayOrder: one('transactionId', 'payment'),
  RefundOrder: one('transactionId', 'refund'),
  RecordExpense: one('transactionId', 'expense'),
  SetBudget: one('budgetId', 'budget'),
  CreateSegment: one('segmentId', 'segment'),
  CreateCampaign: one('campaignId', 'campaign'),
  CreateContent: one('contentId', 'content'),
  CreateEmailList: one('listId', 'email-list'),
  SubscribeEmail: subscriber,
  DefineWorkflow: one('workflowId', 'workflow'),
  StartWorkflowExecution: one('executionId', 'execution'),
  AssignTask: one('taskId', 'task'),
  DefineKpi: one('kpiId', 'kpi'),
  RecordKpiMeasurement: one('measurementId', 'measurement'),
  CreateReport: one('reportId', 'report'),
  RecordSystemEvent: one('systemEventId', 'system-event'),
};

/** The minter of one command: derivedId over its org and command id. */
export const minterOf = (tenant: string, commandId: string): IdMinter => Object.assign((label: string) => derivedId(tenant, commandId, label), { tenant });
