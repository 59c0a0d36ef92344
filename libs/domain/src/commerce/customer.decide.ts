/**
 * Customer commands (seed 001 "Customers and Segmentation"). An email is unique in the shop
 * (idx_customers_email, a claim: CUSTOMER_EMAIL_TAKEN) and kept lower-case, so the read model's
 * unique index agrees with the claim. Interactions name the agent that handled them (an agent of
 * the registry; seed 001: customer_interactions.agent_id) and, where one led to it, a campaign
 * that exists.
 */
import { assertNever, type Command, type Decider, type Decision, type DomainError } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { type AgentEvent, agentsStreamId, evolveAgents, initialAgentsState, isAgentEvent, type WithAgents } from './agents';
import {
  CAMPAIGN_EVENT_TYPES,
  type CampaignEvent,
  type CampaignState,
  campaignStreamId,
  evolveCampaign,
  initialCampaignState,
  isLiveCampaign,
} from './campaign';
import {
  type CustomerEvent,
  type CustomerFields,
  type CustomerState,
  customerGuards,
  customerStreamId,
  evolveCustomer,
  initialCustomerState,
} from './customer';
import { CommerceErrorCode as Code, reject } from './errors';
import {
  changedFields,
  emailAddress,
  COMMERCE_LIMITS as LIMITS,
  jsonObject,
  optionalInstant,
  optionalText,
  optionalUuid,
  requiredText,
  uuidField,
} from './values';

type Fields = { readonly [K in keyof CustomerFields]?: CustomerFields[K] | null };
export type RegisterCustomer = Command<'RegisterCustomer', Fields & { readonly customerId: string; readonly email: string }>;
export type UpdateCustomer = Command<'UpdateCustomer', Fields & { readonly customerId: string }>;
export type ChangeCustomerEmail = Command<'ChangeCustomerEmail', { readonly customerId: string; readonly email: string }>;
export type DeleteCustomer = Command<'DeleteCustomer', { readonly customerId: string }>;
export type RecordCustomerInteraction = Command<
  'RecordCustomerInteraction',
  {
    readonly customerId: string;
    readonly interactionId: string;
    readonly agentId?: string | null;
    readonly campaignId?: string | null;
    readonly channel: string;
    readonly summary?: string | null;
    readonly occurredAt?: string | null;
  }
>;

export type CustomerCommand = RegisterCustomer | UpdateCustomer | ChangeCustomerEmail | DeleteCustomer | RecordCustomerInteraction;

export const CUSTOMER_COMMAND_TYPES: readonly CustomerCommand['type'][] = [
  'RegisterCustomer',
  'UpdateCustomer',
  'ChangeCustomerEmail',
  'DeleteCustomer',
  'RecordCustomerInteraction',
];

/** The customer, and for an interaction the agent registry and the campaign it names. */
type State = WithAgents<CustomerState> & { readonly campaign: CampaignState };

const CAMPAIGN = new Set<string>(CAMPAIGN_EVENT_TYPES);

const evolveState = (state: State, event: CustomerEvent | AgentEvent | CampaignEvent): State => {
  if (isAgentEvent(event)) return { ...state, agents: evolveAgents(state.agents, event) };
  if (CAMPAIGN.has(event.type)) return { ...state, campaign: evolveCampaign(state.campaign, event as CampaignEvent) };
  return { ...state, own: evolveCustomer(state.own, event as CustomerEvent) };
};

const invalid = (field: string, message: string) => reject(Code.CUSTOMER_INVALID, message, { field });
const notFound = (customerId: string) => reject(Code.CUSTOMER_NOT_FOUND, `Customer ${customerId} does not exist`, { customerId });

const emailOf = (value: unknown): string | DomainError => emailAddress(invalid, 'email', value);

const fieldsError = (fields: CustomerFields): DomainError | null =>
  optionalText(invalid, 'firstName', fields.firstName, LIMITS.name) ??
  optionalText(invalid, 'lastName', fields.lastName, LIMITS.name) ??
  optionalText(invalid, 'phone', fields.phone, LIMITS.phone) ??
  (typeof fields.acceptsMarketing === 'boolean' ? null : invalid('acceptsMarketing', 'acceptsMarketing is true or false')) ??
  jsonObject(invalid, 'attributes', fields.attributes);

const register = (command: RegisterCustomer, state: State): Decision<CustomerEvent> => {
  const { customerId, firstName = null, lastName = null, phone = null, acceptsMarketing = null, attributes = null } = command.data;
  const email = emailOf(command.data.email);
  if (typeof email !== 'string') return email;
  const fields: CustomerFields = { firstName, lastName, phone, acceptsMarketing: acceptsMarketing ?? false, attributes: attributes ?? {} };
  const wrong = uuidField(invalid, 'customerId', customerId) ?? fieldsError(fields);
  if (wrong) return wrong;
  if (state.own.status !== 'none') return reject(Code.CUSTOMER_ALREADY_EXISTS, `Customer ${customerId} exists`, { customerId });
  return [{ type: 'CustomerRegistered', data: { orgId: tenantOf(command), customerId, email, ...fields, registeredAt: nowIsoOf(command) } }];
};

const update = (command: UpdateCustomer, state: State): Decision<CustomerEvent> => {
  const { customerId, ...given } = command.data;
  const customer = state.own;
  if (customer.status !== 'live') return notFound(customerId);
  const { firstName, lastName, phone, acceptsMarketing, attributes } = customer;
  const before: CustomerFields = { firstName, lastName, phone, acceptsMarketing, attributes };
  const after = Object.fromEntries(
    Object.entries(before).map(([key, value]) => [key, given[key as keyof CustomerFields] ?? value]),
  ) as unknown as CustomerFields;
  const wrong = fieldsError(after);
  if (wrong) return wrong;
  const ref = { orgId: tenantOf(command), customerId };
  const contact = { firstName: after.firstName, lastName: after.lastName, phone: after.phone };
  const contactChanged = changedFields({ firstName, lastName, phone }, contact);
  const changes = changedFields({ acceptsMarketing, attributes }, { acceptsMarketing: after.acceptsMarketing, attributes: after.attributes });
  const events: CustomerEvent[] = [];
  if (Object.keys(contactChanged).length > 0) events.push({ type: 'CustomerContactChanged', data: { ...ref, ...contact, changedAt: nowIsoOf(command) } });
  if (Object.keys(changes).length > 0) events.push({ type: 'CustomerUpdated', data: { ...ref, changes, updatedAt: nowIsoOf(command) } });
  return events;
};

const changeEmail = (command: ChangeCustomerEmail, state: State): Decision<CustomerEvent> => {
  const { customerId } = command.data;
  if (state.own.status !== 'live') return notFound(customerId);
  const email = emailOf(command.data.email);
  if (typeof email !== 'string') return email;
  if (email === state.own.email) return [];
  return [{ type: 'CustomerEmailChanged', data: { orgId: tenantOf(command), customerId, fromEmail: state.own.email, email, changedAt: nowIsoOf(command) } }];
};

const remove = (command: DeleteCustomer, state: State): Decision<CustomerEvent> => {
  const { customerId } = command.data;
  if (state.own.status === 'deleted') return [];
  if (state.own.status !== 'live') return notFound(customerId);
  return [{ type: 'CustomerDeleted', data: { orgId: tenantOf(command), customerId, email: state.own.email, deletedAt: nowIsoOf(command) } }];
};

const interaction = (command: RecordCustomerInteraction, state: State): Decision<CustomerEvent> => {
  const { customerId, interactionId, agentId = null, campaignId = null, channel, summary = null } = command.data;
  if (state.own.status !== 'live') return notFound(customerId);
  const occurredAt = optionalInstant(invalid, 'occurredAt', command.data.occurredAt);
  if (typeof occurredAt === 'object' && occurredAt !== null) return occurredAt;
  const wrong =
    uuidField(invalid, 'interactionId', interactionId) ??
    optionalUuid(invalid, 'agentId', agentId) ??
    optionalUuid(invalid, 'campaignId', campaignId) ??
    requiredText(invalid, 'channel', channel, 50) ??
    optionalText(invalid, 'summary', summary, LIMITS.text);
  if (wrong) return wrong;
  if (agentId !== null && !state.agents.agents.has(agentId))
    return reject(Code.AGENT_NOT_FOUND, `Agent ${agentId} does not exist`, { agentId, field: 'agentId' });
  if (campaignId !== null && !isLiveCampaign(state.campaign))
    return reject(Code.CAMPAIGN_NOT_FOUND, `Campaign ${campaignId} does not exist`, { campaignId, field: 'campaignId' });
  if (state.own.touches.some((t) => t.interactionId === interactionId)) return [];
  const now = nowIsoOf(command);
  const data = { orgId: tenantOf(command), customerId, interactionId, agentId, campaignId, channel, summary, occurredAt: occurredAt ?? now, recordedAt: now };
  return [{ type: 'CustomerInteractionRecorded', data }];
};

export const decideCustomer = (command: CustomerCommand, state: State): Decision<CustomerEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  switch (command.type) {
    case 'RegisterCustomer':
      return register(command, state);
    case 'UpdateCustomer':
      return update(command, state);
    case 'ChangeCustomerEmail':
      return changeEmail(command, state);
    case 'DeleteCustomer':
      return remove(command, state);
    case 'RecordCustomerInteraction':
      return interaction(command, state);
    default:
      return assertNever(command);
  }
};

export const customerDecider: Decider<CustomerCommand, CustomerEvent | AgentEvent | CampaignEvent, State> = {
  initialState: () => ({ agents: initialAgentsState(), own: initialCustomerState(), campaign: initialCampaignState() }),
  decide: decideCustomer,
  evolve: evolveState,
  streamIdOf: (command) => customerStreamId(tenantOf(command), command.data.customerId),
  alsoReads: (command) => {
    if (command.type !== 'RecordCustomerInteraction') return [];
    const org = tenantOf(command);
    return [agentsStreamId(org), ...(command.data.campaignId ? [campaignStreamId(org, command.data.campaignId)] : [])];
  },
  // Only the customer's own events are ever decided here.
  guardsOf: (event) => customerGuards(event as CustomerEvent),
};
