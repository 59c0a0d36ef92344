/**
 * A customer of the shop (seed 001 "Customers and Segmentation"): one stream per customer. The
 * email is unique in the shop (idx_customers_email): a claim across streams, taken on
 * registration, moved on a change of email, let go when the customer is deleted — then another
 * customer may register with it. Interactions handled by agents are the customer's history and
 * the touches revenue is attributed to (order.attribution.ts).
 */
import type { Event, Guard } from '../shared/decider';

export const customerStreamId = (orgId: string, customerId: string): string => `commerce-customer-${orgId}-${customerId}`;

/** How to reach the person: personal data, sealed in every event that carries it. */
export interface CustomerContact {
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly phone: string | null;
}

/** What the shop knows of the customer besides the contact: what segment rules read. */
export interface CustomerProfile {
  readonly acceptsMarketing: boolean;
  /** Country, tags … */
  readonly attributes: Readonly<Record<string, unknown>>;
}

export type CustomerFields = CustomerContact & CustomerProfile;

type CustomerRef = { readonly orgId: string; readonly customerId: string };

export type CustomerRegistered = Event<'CustomerRegistered', CustomerRef & CustomerFields & { readonly email: string; readonly registeredAt: string }>;
/** The profile fields that changed. Contact changes are CustomerContactChanged: sealing works on whole text fields. */
export type CustomerUpdated = Event<'CustomerUpdated', CustomerRef & { readonly changes: Partial<CustomerProfile>; readonly updatedAt: string }>;
/** The whole contact after a change of any part of it. */
export type CustomerContactChanged = Event<'CustomerContactChanged', CustomerRef & CustomerContact & { readonly changedAt: string }>;
export type CustomerEmailChanged = Event<
  'CustomerEmailChanged',
  CustomerRef & { readonly fromEmail: string; readonly email: string; readonly changedAt: string }
>;
export type CustomerDeleted = Event<'CustomerDeleted', CustomerRef & { readonly email: string; readonly deletedAt: string }>;
export type CustomerInteractionRecorded = Event<
  'CustomerInteractionRecorded',
  CustomerRef & {
    readonly interactionId: string;
    readonly agentId: string | null;
    readonly campaignId: string | null;
    readonly channel: string;
    readonly summary: string | null;
    readonly occurredAt: string;
    readonly recordedAt: string;
  }
>;

export type CustomerEvent =
  | CustomerRegistered
  | CustomerUpdated
  | CustomerContactChanged
  | CustomerEmailChanged
  | CustomerDeleted
  | CustomerInteractionRecorded;

export const CUSTOMER_EVENT_TYPES: readonly CustomerEvent['type'][] = [
  'CustomerRegistered',
  'CustomerUpdated',
  'CustomerContactChanged',
  'CustomerEmailChanged',
  'CustomerDeleted',
  'CustomerInteractionRecorded',
];

/** A touch revenue may be attributed to: an interaction, its agent and campaign. */
export interface Touch {
  readonly interactionId: string;
  readonly agentId: string | null;
  readonly campaignId: string | null;
  readonly occurredAt: string;
}

export type CustomerState =
  | { readonly status: 'none' | 'deleted' }
  | (CustomerFields & { readonly status: 'live'; readonly customerId: string; readonly email: string; readonly touches: readonly Touch[] });

export type LiveCustomer = Extract<CustomerState, { status: 'live' }>;

export const initialCustomerState = (): CustomerState => ({ status: 'none' });

export const evolveCustomer = (state: CustomerState, event: CustomerEvent): CustomerState => {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, email, firstName, lastName, phone, acceptsMarketing, attributes } = event.data;
      return { status: 'live', customerId, email, firstName, lastName, phone, acceptsMarketing, attributes, touches: [] };
    }
    case 'CustomerUpdated':
      return state.status === 'live' ? { ...state, ...event.data.changes } : state;
    case 'CustomerContactChanged': {
      const { firstName, lastName, phone } = event.data;
      return state.status === 'live' ? { ...state, firstName, lastName, phone } : state;
    }
    case 'CustomerEmailChanged':
      return state.status === 'live' ? { ...state, email: event.data.email } : state;
    case 'CustomerDeleted':
      return { status: 'deleted' };
    case 'CustomerInteractionRecorded': {
      if (state.status !== 'live') return state;
      const { interactionId, agentId, campaignId, occurredAt } = event.data;
      return { ...state, touches: [...state.touches, { interactionId, agentId, campaignId, occurredAt }] };
    }
  }
};

/** Emails compare without case: `Ada@Example.com` and `ada@example.com` are one address. */
export const emailKey = (email: string): string => `email:${email.trim().toLowerCase()}`;

const emailClaim = (email: string): Guard => ({
  kind: 'claim',
  key: emailKey(email),
  code: 'CUSTOMER_EMAIL_TAKEN',
  message: 'Another customer is registered with this email',
});

// seed 001 idx_customers_email: claimed by the customer holding it, let go when it changes or the customer goes.
export const customerGuards = (event: CustomerEvent): readonly Guard[] => {
  switch (event.type) {
    case 'CustomerRegistered':
      return [emailClaim(event.data.email)];
    case 'CustomerEmailChanged':
      // A change of case only keeps the claim it has.
      return emailKey(event.data.fromEmail) === emailKey(event.data.email)
        ? []
        : [{ kind: 'release', key: emailKey(event.data.fromEmail) }, emailClaim(event.data.email)];
    case 'CustomerDeleted':
      return [{ kind: 'release', key: emailKey(event.data.email) }];
    default:
      return [];
  }
};
