/**
 * Email lists and their subscribers (seed 001 email_lists, email_subscribers PRIMARY KEY (email,
 * list_id)). A list is a stream; each subscriber is a stream of its own (the email is personal
 * data, sealed under that subscriber's key) that claims (list, email), so one email subscribes to
 * a list once. A subscriber may name the customer it is; deleting that customer keeps the
 * subscription with no customer (customer_id ON DELETE SET NULL), deleting the list deletes its
 * subscribers (list_id ON DELETE CASCADE) — both applied by the read model.
 */
import { assertNever, type Command, type Decider, type Decision, type Event, type Guard } from '../shared/decider';
import { nowIsoOf, tenantOf, writerRequired } from './access';
import { CUSTOMER_EVENT_TYPES, type CustomerEvent, type CustomerState, customerStreamId, evolveCustomer, initialCustomerState } from './customer';
import { CommerceErrorCode as Code, reject } from './errors';
import { COMMERCE_LIMITS as LIMITS, emailAddress, optionalText, optionalUuid, requiredText, uuidField } from './values';

export const emailListStreamId = (orgId: string, listId: string): string => `commerce-email-list-${orgId}-${listId}`;
export const subscriberStreamId = (orgId: string, subscriberId: string): string => `commerce-subscriber-${orgId}-${subscriberId}`;

export type EmailListCreated = Event<
  'EmailListCreated',
  { readonly orgId: string; readonly listId: string; readonly name: string; readonly description: string | null; readonly createdAt: string }
>;
export type EmailListDeleted = Event<'EmailListDeleted', { readonly orgId: string; readonly listId: string; readonly deletedAt: string }>;
type SubscriberRef = { readonly orgId: string; readonly subscriberId: string; readonly listId: string };
export type EmailSubscribed = Event<
  'EmailSubscribed',
  SubscriberRef & { readonly email: string; readonly customerId: string | null; readonly subscribedAt: string }
>;
export type EmailResubscribed = Event<'EmailResubscribed', SubscriberRef & { readonly subscribedAt: string }>;
export type EmailUnsubscribed = Event<'EmailUnsubscribed', SubscriberRef & { readonly unsubscribedAt: string }>;
export type EmailListEvent = EmailListCreated | EmailListDeleted | EmailSubscribed | EmailResubscribed | EmailUnsubscribed;
export const EMAIL_LIST_EVENT_TYPES: readonly EmailListEvent['type'][] = [
  'EmailListCreated',
  'EmailListDeleted',
  'EmailSubscribed',
  'EmailResubscribed',
  'EmailUnsubscribed',
];

export type CreateEmailList = Command<'CreateEmailList', { readonly listId: string; readonly name: string; readonly description?: string | null }>;
export type DeleteEmailList = Command<'DeleteEmailList', { readonly listId: string }>;
export type SubscribeEmail = Command<
  'SubscribeEmail',
  { readonly subscriberId: string; readonly listId: string; readonly email: string; readonly customerId?: string | null }
>;
export type UnsubscribeEmail = Command<'UnsubscribeEmail', { readonly subscriberId: string; readonly listId: string }>;
export type EmailListCommand = CreateEmailList | DeleteEmailList | SubscribeEmail | UnsubscribeEmail;
export const EMAIL_LIST_COMMAND_TYPES: readonly EmailListCommand['type'][] = ['CreateEmailList', 'DeleteEmailList', 'SubscribeEmail', 'UnsubscribeEmail'];

interface EmailListReads {
  readonly list: 'none' | 'live' | 'deleted';
  readonly customer: CustomerState;
  readonly subscriber: { readonly status: 'none' } | { readonly status: 'subscribed' | 'unsubscribed'; readonly email: string };
}

const CUSTOMER = new Set<string>(CUSTOMER_EVENT_TYPES);

const evolveReads = (state: EmailListReads, event: EmailListEvent | CustomerEvent): EmailListReads => {
  if (CUSTOMER.has(event.type)) return { ...state, customer: evolveCustomer(state.customer, event as CustomerEvent) };
  const e = event as EmailListEvent;
  switch (e.type) {
    case 'EmailListCreated':
      return { ...state, list: 'live' };
    case 'EmailListDeleted':
      return { ...state, list: 'deleted' };
    case 'EmailSubscribed':
      return { ...state, subscriber: { status: 'subscribed', email: e.data.email } };
    case 'EmailResubscribed':
    case 'EmailUnsubscribed':
      return state.subscriber.status === 'none'
        ? state
        : { ...state, subscriber: { ...state.subscriber, status: e.type === 'EmailResubscribed' ? 'subscribed' : 'unsubscribed' } };
  }
};

const invalid = (field: string, message: string) => reject(Code.EMAIL_LIST_INVALID, message, { field });

const subscribe = (command: SubscribeEmail, state: EmailListReads): Decision<EmailListEvent> => {
  const { subscriberId, listId, customerId = null } = command.data;
  const email = emailAddress(invalid, 'email', command.data.email);
  if (typeof email !== 'string') return email;
  const wrong = uuidField(invalid, 'subscriberId', subscriberId) ?? optionalUuid(invalid, 'customerId', customerId);
  if (wrong) return wrong;
  if (state.list !== 'live') return reject(Code.EMAIL_LIST_NOT_FOUND, `Email list ${listId} does not exist`, { listId });
  if (customerId !== null && state.customer.status !== 'live') return reject(Code.CUSTOMER_NOT_FOUND, `Customer ${customerId} does not exist`, { customerId });
  const ref = { orgId: tenantOf(command), subscriberId, listId };
  const subscriber = state.subscriber;
  if (subscriber.status === 'none') return [{ type: 'EmailSubscribed', data: { ...ref, email, customerId, subscribedAt: nowIsoOf(command) } }];
  if (subscriber.email !== email) return invalid('subscriberId', `subscriber ${subscriberId} is another email's`);
  return subscriber.status === 'subscribed' ? [] : [{ type: 'EmailResubscribed', data: { ...ref, subscribedAt: nowIsoOf(command) } }];
};

export const decideEmailList = (command: EmailListCommand, state: EmailListReads): Decision<EmailListEvent> => {
  const denied = writerRequired(command);
  if (denied) return denied;
  const org = tenantOf(command);
  switch (command.type) {
    case 'CreateEmailList': {
      const { listId, name, description = null } = command.data;
      const wrong =
        uuidField(invalid, 'listId', listId) ??
        requiredText(invalid, 'name', name, LIMITS.title) ??
        optionalText(invalid, 'description', description, LIMITS.text);
      if (wrong) return wrong;
      if (state.list !== 'none') return reject(Code.EMAIL_LIST_ALREADY_EXISTS, `Email list ${listId} exists`, { listId });
      return [{ type: 'EmailListCreated', data: { orgId: org, listId, name, description, createdAt: nowIsoOf(command) } }];
    }
    case 'DeleteEmailList':
      if (state.list === 'deleted') return [];
      if (state.list === 'none') return reject(Code.EMAIL_LIST_NOT_FOUND, `Email list ${command.data.listId} does not exist`, { listId: command.data.listId });
      return [{ type: 'EmailListDeleted', data: { orgId: org, listId: command.data.listId, deletedAt: nowIsoOf(command) } }];
    case 'SubscribeEmail':
      return subscribe(command, state);
    case 'UnsubscribeEmail': {
      const { subscriberId, listId } = command.data;
      if (state.subscriber.status === 'none') return reject(Code.SUBSCRIBER_NOT_FOUND, `Subscriber ${subscriberId} does not exist`, { subscriberId });
      return state.subscriber.status === 'unsubscribed'
        ? []
        : [{ type: 'EmailUnsubscribed', data: { orgId: org, subscriberId, listId, unsubscribedAt: nowIsoOf(command) } }];
    }
    default:
      return assertNever(command);
  }
};

// seed 001 email_subscribers PRIMARY KEY (email, list_id): the first subscription of an email to a list claims it.
export const emailListGuards = (event: EmailListEvent): readonly Guard[] =>
  event.type === 'EmailSubscribed'
    ? [
        {
          kind: 'claim',
          key: `subscriber:${event.data.listId}:${event.data.email}`,
          code: Code.EMAIL_ALREADY_SUBSCRIBED,
          message: 'This email is subscribed to the list already',
        },
      ]
    : [];

const isSubscriberCommand = (command: EmailListCommand): command is SubscribeEmail | UnsubscribeEmail =>
  command.type === 'SubscribeEmail' || command.type === 'UnsubscribeEmail';

export const emailListDecider: Decider<EmailListCommand, EmailListEvent | CustomerEvent, EmailListReads> = {
  initialState: () => ({ list: 'none', customer: initialCustomerState(), subscriber: { status: 'none' } }),
  decide: decideEmailList,
  evolve: evolveReads,
  streamIdOf: (command) =>
    isSubscriberCommand(command) ? subscriberStreamId(tenantOf(command), command.data.subscriberId) : emailListStreamId(tenantOf(command), command.data.listId),
  alsoReads: (command) => {
    if (command.type !== 'SubscribeEmail') return [];
    const org = tenantOf(command);
    return [emailListStreamId(org, command.data.listId), ...(command.data.customerId ? [customerStreamId(org, command.data.customerId)] : [])];
  },
  // Only this aggregate's own events are ever decided here.
  guardsOf: (event) => emailListGuards(event as EmailListEvent),
};
