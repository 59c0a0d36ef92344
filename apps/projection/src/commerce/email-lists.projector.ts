/**
 * seed 001 `email_lists` and `email_subscribers` (PRIMARY KEY (email, list_id)). Deleting a list
 * deletes its subscribers (ON DELETE CASCADE) and tombstones the list: a subscriber's stream is
 * its own, so a subscription arriving after the deletion writes nothing. The writer reads a list's
 * subscribers together (grouped by list_id) and finds a row by its subscriber_id (the stream),
 * which an unsubscription names. The email arrives opened, or null once the person was erased —
 * the row then keeps a placeholder naming no one (email is NOT NULL and part of the seed's key).
 */
import type { commerce } from '@campaign/domain';
import { projector } from '../shared/projector';
import type { Row } from './commerce.events';
import type { MoreEnvelopeOf } from './commerce-more.tables';

export interface EmailListRow {
  readonly id: string;
  readonly org_id: string;
  readonly name: string;
  readonly description: string | null;
  readonly created_at: string;
}

const projectList = (row: EmailListRow | null, event: MoreEnvelopeOf<commerce.EmailListCreated | commerce.EmailListDeleted>): EmailListRow | null => {
  if (event.type === 'EmailListDeleted') return null;
  const d = event.data;
  return row ?? { id: d.listId, org_id: d.orgId, name: d.name, description: d.description, created_at: d.createdAt };
};

export const emailListsProjector = projector({
  table: 'email_lists',
  eventTypes: ['EmailListCreated', 'EmailListDeleted'],
  project: projectList,
});

export interface SubscriberRow {
  readonly email: string;
  readonly subscriber_id: string;
  readonly list_id: string;
  readonly org_id: string;
  readonly customer_id: string | null;
  readonly status: 'subscribed' | 'unsubscribed' | 'bounced';
  readonly subscribed_at: string | null;
  readonly unsubscribed_at: string | null;
}

/** The `.invalid` top-level domain is reserved (RFC 2606): it can never be someone's address. */
export const erasedSubscriberEmail = (subscriberId: string): string => `${subscriberId}@erased.invalid`;

type SubscriberEnvelope = MoreEnvelopeOf<commerce.EmailSubscribed | commerce.EmailResubscribed | commerce.EmailUnsubscribed>;

const withStatus = (rows: readonly SubscriberRow[], subscriberId: string, change: Partial<SubscriberRow>): readonly SubscriberRow[] =>
  rows.map((row) => (row.subscriber_id === subscriberId ? { ...row, ...change } : row));

/** A list's subscriber rows after the event. */
const projectSubscribers = (rows: readonly SubscriberRow[], event: SubscriberEnvelope): readonly SubscriberRow[] => {
  const d = event.data;
  switch (event.type) {
    case 'EmailSubscribed': {
      if (rows.some((row) => row.subscriber_id === d.subscriberId)) return rows;
      const email = (event.data.email as string | null) ?? erasedSubscriberEmail(d.subscriberId);
      const { listId, orgId, customerId, subscribedAt } = event.data;
      const row: SubscriberRow = {
        email,
        subscriber_id: d.subscriberId,
        list_id: listId,
        org_id: orgId,
        customer_id: customerId,
        status: 'subscribed',
        subscribed_at: subscribedAt,
        unsubscribed_at: null,
      };
      return [...rows, row];
    }
    case 'EmailResubscribed':
      return withStatus(rows, d.subscriberId, { status: 'subscribed', subscribed_at: event.data.subscribedAt, unsubscribed_at: null });
    case 'EmailUnsubscribed':
      return withStatus(rows, d.subscriberId, { status: 'unsubscribed', unsubscribed_at: event.data.unsubscribedAt });
  }
};

export const emailSubscribersProjector = projector({
  table: 'email_subscribers',
  eventTypes: ['EmailSubscribed', 'EmailResubscribed', 'EmailUnsubscribed'],
  project: (rows: readonly Row[], event: SubscriberEnvelope): readonly Row[] =>
    projectSubscribers(rows as unknown as readonly SubscriberRow[], event) as unknown as readonly Row[],
});
