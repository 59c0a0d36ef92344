/**
 * seed 001 `customers` and `customer_interactions`. Names, email and phone arrive opened from
 * their sealed form (shared/personal-data.ts), or null once the person was erased: an erased
 * change changes nothing, and an erased email is written as a placeholder that names no one,
 * since customers.email is NOT NULL and the row must stay for the orders that name it.
 * CustomerDeleted removes the row: interactions and segment memberships go by CASCADE, orders
 * and transactions keep theirs with customer_id NULL (SET NULL).
 */
import { projector } from '../shared/projector';
import { columnsOf, type EnvelopeOf, patched } from './commerce.events';

export interface CustomerRow {
  readonly id: string;
  readonly org_id: string;
  readonly email: string;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly phone: string | null;
  readonly status: string;
  readonly accepts_marketing: boolean;
  readonly attributes: object;
  readonly created_at: string;
  readonly updated_at: string;
}

type CustomerEnvelope = EnvelopeOf<'CustomerRegistered' | 'CustomerUpdated' | 'CustomerContactChanged' | 'CustomerEmailChanged' | 'CustomerDeleted'>;

const COLUMNS = { acceptsMarketing: 'accepts_marketing', attributes: 'attributes' };

const registered = (d: EnvelopeOf<'CustomerRegistered'>['data']): CustomerRow => ({
  id: d.customerId,
  org_id: d.orgId,
  // Null when the person was erased before this was read (their key is gone).
  email: d.email ?? null,
  first_name: d.firstName,
  last_name: d.lastName,
  phone: d.phone,
  status: 'active',
  accepts_marketing: d.acceptsMarketing,
  attributes: d.attributes,
  created_at: d.registeredAt,
  updated_at: d.registeredAt,
});

const projectCustomer = (row: CustomerRow | null, event: CustomerEnvelope): CustomerRow | null => {
  switch (event.type) {
    case 'CustomerRegistered':
      return row ?? registered(event.data);
    case 'CustomerUpdated':
      return row && patched(row, columnsOf(event.data.changes, COLUMNS), { updated_at: event.data.updatedAt });
    case 'CustomerContactChanged': {
      const { firstName, lastName, phone, changedAt } = event.data;
      return row && patched(row, { first_name: firstName, last_name: lastName, phone }, { updated_at: changedAt });
    }
    case 'CustomerEmailChanged': {
      return row && patched(row, { email: event.data.email ?? null }, { updated_at: event.data.changedAt });
    }
    case 'CustomerDeleted':
      return null;
  }
};

export const customersProjector = projector({
  table: 'customers',
  eventTypes: ['CustomerRegistered', 'CustomerUpdated', 'CustomerContactChanged', 'CustomerEmailChanged', 'CustomerDeleted'],
  project: projectCustomer,
});

export interface InteractionRow {
  readonly id: string;
  readonly org_id: string;
  readonly customer_id: string;
  readonly agent_id: string | null;
  readonly channel: string;
  readonly summary: string | null;
  readonly occurred_at: string;
  readonly created_at: string;
}

/** An interaction is a fact recorded once; its campaign is what attribution reads (order.attribution.ts), not a column. */
const projectInteraction = (row: InteractionRow | null, event: EnvelopeOf<'CustomerInteractionRecorded'>): InteractionRow => {
  const d = event.data;
  return (
    row ?? {
      id: d.interactionId,
      org_id: d.orgId,
      customer_id: d.customerId,
      agent_id: d.agentId,
      channel: d.channel,
      summary: d.summary,
      occurred_at: d.occurredAt,
      created_at: d.recordedAt,
    }
  );
};

export const customerInteractionsProjector = projector({
  table: 'customer_interactions',
  eventTypes: ['CustomerInteractionRecorded'],
  project: projectInteraction,
});
