/**
 * How each outreach event changes the dispatcher's rows: pure, so the status rules can be
 * tested without a database. Events the dispatcher does not need leave the rows as they are.
 */
import { outreach } from '@campaign/domain';
import { type CampaignRow, type ContactRow, DEFAULT_RETRY_BACKOFF, normalizeEmail, type RetryBackoff, retryDelayMs, type Suppression } from './dispatch-state';

type Data<E> = E extends { readonly data: infer D } ? D : never;

export interface OutreachFact {
  readonly type: string;
  readonly data: unknown;
}

const settingsOf = (row: CampaignRow, s: outreach.CampaignSettings): CampaignRow => ({
  ...row,
  name: s.name,
  channel: s.channel,
  channel_preference: s.channelPreference ?? 'email_first',
  owner_id: s.ownerId,
  start_date: s.startDate,
  end_date: s.endDate,
  target_contacts_count: s.targetContactsCount,
  target_response_rate: s.targetResponseRate,
});

const createdCampaign = (d: Data<outreach.CampaignCreated>): CampaignRow =>
  settingsOf(
    {
      campaign_id: d.campaignId,
      org_id: d.orgId,
      name: '',
      status: 'draft',
      channel: 'email',
      channel_preference: 'email_first',
      owner_id: '',
      start_date: null,
      end_date: null,
      target_contacts_count: null,
      target_response_rate: null,
      activations: 0,
      total: 0,
      pending: 0,
      reached: 0,
      emails_sent: 0,
      linkedin_sent: 0,
      responded: 0,
      converted: 0,
      a_total: 0,
      a_responded: 0,
      a_converted: 0,
      b_total: 0,
      b_responded: 0,
      b_converted: 0,
    },
    d.settings,
  );

const statusChanged = (row: CampaignRow, d: Data<outreach.CampaignStatusChanged>): CampaignRow => ({
  ...row,
  status: d.to,
  start_date: d.startDate ?? row.start_date,
  end_date: d.endDate ?? row.end_date,
  activations: row.activations + (d.to === 'active' && d.from !== 'active' ? 1 : 0),
});

/** The campaign's row after `fact`; counters are the contacts' business (see applyContact). */
export const evolveCampaign = (row: CampaignRow | null, fact: OutreachFact): CampaignRow | null => {
  switch (fact.type) {
    case 'CampaignCreated':
      return row ?? createdCampaign(fact.data as Data<outreach.CampaignCreated>);
    case 'CampaignUpdated':
      return row && settingsOf(row, (fact.data as Data<outreach.CampaignUpdated>).settings);
    case 'CampaignStatusChanged':
      return row && statusChanged(row, fact.data as Data<outreach.CampaignStatusChanged>);
    default:
      return row;
  }
};

const addedContact = (d: Data<outreach.ContactAdded>): ContactRow => ({
  contact_id: d.contactId,
  org_id: d.orgId,
  campaign_id: d.campaignId,
  status: 'pending',
  email: d.email,
  linkedin_url: d.linkedinUrl,
  linkedin_kind: d.linkedinMessageKind,
  template_id: d.templateUsedId,
  ab_variant: d.abVariant,
  first_name: d.firstName,
  last_name: d.lastName,
  company_name: d.companyName,
  title: d.title,
  outstanding_dispatch_id: null,
  last_dispatch_id: null,
  sends: 0,
  next_attempt_not_before: null,
  failed_dispatches: 0,
  undeliverable_reason: null,
  undeliverable_rejects_address: false,
  queued_at: d.addedAt,
  email_sent: false,
  sent_at: null,
  channel: null,
  responded_at: null,
  converted_at: null,
});

const dispatchRequested = (row: ContactRow, d: Data<outreach.ContactDispatchRequested>): ContactRow =>
  // The dispatcher claims its own dispatch as soon as it is accepted; the event then confirms it.
  row.last_dispatch_id === d.dispatchId
    ? { ...row, sends: Math.max(row.sends, d.attempt) }
    : { ...row, outstanding_dispatch_id: d.dispatchId, last_dispatch_id: d.dispatchId, sends: Math.max(row.sends, d.attempt) };

// sent_at and channel are the first send's (linkedin_messages_sent counts them, as the projection does).
const messageSent = (row: ContactRow, fact: OutreachFact, d: Data<outreach.MessageSent>): ContactRow => ({
  ...row,
  status: outreach.contactStatusAfter(row.status, fact),
  sent_at: row.sent_at ?? d.sentAt,
  channel: row.channel ?? d.channel,
  email_sent: row.email_sent || d.channel === 'email',
  outstanding_dispatch_id: row.outstanding_dispatch_id === d.dispatchId ? null : row.outstanding_dispatch_id,
  failed_dispatches: 0,
});

/**
 * A failed dispatch is settled without a send. Retryable: the contact is due again after a
 * back-off. Not retryable: it is due at once, for the loop to record why it will never be sent.
 */
const dispatchFailed = (row: ContactRow, d: Data<outreach.ContactDispatchFailed>, backoff: RetryBackoff): ContactRow => {
  const failed_dispatches = row.failed_dispatches + 1;
  return {
    ...row,
    outstanding_dispatch_id: row.outstanding_dispatch_id === d.dispatchId ? null : row.outstanding_dispatch_id,
    failed_dispatches,
    next_attempt_not_before: d.retryable ? new Date(Date.parse(d.failedAt) + retryDelayMs(failed_dispatches, backoff)).toISOString() : null,
    undeliverable_reason: d.retryable ? row.undeliverable_reason : d.reason,
    // Events recorded before the field existed decode it as false.
    undeliverable_rejects_address: d.retryable ? row.undeliverable_rejects_address : d.recipientRejected === true,
  };
};

const withStatus = (row: ContactRow, fact: OutreachFact): ContactRow => {
  const status = outreach.contactStatusAfter(row.status, fact);
  return status === row.status ? row : { ...row, status };
};

// A final bounce ends any dispatch under way.
const bounced = (row: ContactRow, fact: OutreachFact, d: Data<outreach.EmailBounced>): ContactRow =>
  d.final ? { ...withStatus(row, fact), outstanding_dispatch_id: null } : row;

// A soft-bounced contact due for its retry.
const requeued = (row: ContactRow, fact: OutreachFact, d: Data<outreach.ContactRequeued>): ContactRow => ({
  ...withStatus(row, fact),
  outstanding_dispatch_id: null,
  next_attempt_not_before: null,
  queued_at: d.requeuedAt,
});

const responded = (row: ContactRow, fact: OutreachFact, d: Data<outreach.ContactResponded>): ContactRow => ({
  ...withStatus(row, fact),
  responded_at: row.responded_at ?? d.respondedAt,
});

const converted = (row: ContactRow, fact: OutreachFact, d: Data<outreach.ContactConverted>): ContactRow => ({
  ...withStatus(row, fact),
  converted_at: row.converted_at ?? d.convertedAt,
});

const unsubscribed = (row: ContactRow, fact: OutreachFact): ContactRow => ({ ...withStatus(row, fact), outstanding_dispatch_id: null });

/** The contact's row after `fact`; `backoff` spaces the retries of failed dispatches. */
export const evolveContact = (row: ContactRow | null, fact: OutreachFact, backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF): ContactRow | null => {
  if (fact.type === 'ContactAdded') return row ?? addedContact(fact.data as Data<outreach.ContactAdded>);
  if (!row) return row;
  switch (fact.type) {
    case 'ContactDispatchRequested':
      return dispatchRequested(row, fact.data as Data<outreach.ContactDispatchRequested>);
    case 'MessageSent':
      return messageSent(row, fact, fact.data as Data<outreach.MessageSent>);
    case 'ContactDispatchFailed':
      return dispatchFailed(row, fact.data as Data<outreach.ContactDispatchFailed>, backoff);
    case 'EmailOpened':
    case 'LinkClicked':
      return withStatus(row, fact);
    case 'EmailBounced':
      return bounced(row, fact, fact.data as Data<outreach.EmailBounced>);
    case 'ContactRequeued':
      return requeued(row, fact, fact.data as Data<outreach.ContactRequeued>);
    case 'ContactResponded':
      return responded(row, fact, fact.data as Data<outreach.ContactResponded>);
    case 'ContactConverted':
      return converted(row, fact, fact.data as Data<outreach.ContactConverted>);
    case 'ContactUnsubscribed':
      return unsubscribed(row, fact);
    case 'ContactRemoved':
      // Taken out of its campaign before anything was sent: never due, no longer counted.
      return null;
    default:
      return row;
  }
};

/**
 * The org-wide suppression an event adds, if any. seed 004: "Unsubscribe applies globally (all
 * campaigns)"; a final bounce makes the address one that "previously bounced".
 */
export const suppressionOf = (row: ContactRow | null, fact: OutreachFact): Suppression | null => {
  if (fact.type === 'ContactUnsubscribed') {
    const d = fact.data as Data<outreach.ContactUnsubscribed>;
    const email = d.email ?? row?.email ?? null;
    return email ? { org_id: d.orgId, email: normalizeEmail(email), reason: 'unsubscribed' } : null;
  }
  if (fact.type === 'EmailBounced') {
    const d = fact.data as Data<outreach.EmailBounced>;
    const email = d.email ?? row?.email ?? null;
    // Only a refused address is suppressed; a dispatch that failed over its message ends that contact alone.
    return d.final && d.addressRejected !== false && email ? { org_id: d.orgId, email: normalizeEmail(email), reason: 'bounced' } : null;
  }
  return null;
};
