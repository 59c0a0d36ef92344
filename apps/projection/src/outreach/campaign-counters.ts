/**
 * The campaign counters, moved by the difference each contact change makes instead of recounted
 * (seed 004's update_campaign_metrics recounts every contact of the campaign on every change;
 * at 100,000 contacts that is quadratic). Each counter stays equal to the seed's own COUNT:
 * - contacts_reached: status IN ('sent', 'opened', 'responded', 'converted')
 * - emails_sent: the contact has an engagement_tracking row of type 'email_sent'
 * - linkedin_messages_sent: sent_at IS NOT NULL AND channel = 'linkedin'
 * - responses_received: responded_at IS NOT NULL; conversions: converted_at IS NOT NULL
 * response_rate follows from them in the seed's own trigger (update_campaign_response_rate).
 */
import { outreach } from '@campaign/domain';
import type { ContactRow } from './outreach.events';

export interface ContactState {
  readonly row: ContactRow;
  /** Whether an 'email_sent' engagement row exists for the contact. */
  readonly hasEmailSent: boolean;
}

export interface CounterDelta {
  contacts_reached: number;
  emails_sent: number;
  linkedin_messages_sent: number;
  responses_received: number;
  conversions: number;
}

export const COUNTERS = ['contacts_reached', 'emails_sent', 'linkedin_messages_sent', 'responses_received', 'conversions'] as const;

export const zeroDelta = (): CounterDelta => ({ contacts_reached: 0, emails_sent: 0, linkedin_messages_sent: 0, responses_received: 0, conversions: 0 });

const counted = (state: ContactState | null): CounterDelta => {
  const row = state?.row;
  const one = (yes: boolean | undefined) => (yes ? 1 : 0);
  return {
    contacts_reached: one(row && outreach.REACHED_STATUSES.includes(row.status as outreach.ContactStatus)),
    emails_sent: one(state?.hasEmailSent),
    linkedin_messages_sent: one(row && row.sent_at !== null && row.channel === 'linkedin'),
    responses_received: one(row && row.responded_at !== null),
    conversions: one(row && row.converted_at !== null),
  };
};

/** Adds to `total` what one contact's change from `before` to `after` does to each counter. */
export const addDelta = (total: CounterDelta, before: ContactState | null, after: ContactState | null): boolean => {
  const was = counted(before);
  const is = counted(after);
  let moved = false;
  for (const counter of COUNTERS) {
    const delta = is[counter] - was[counter];
    total[counter] += delta;
    moved ||= delta !== 0;
  }
  return moved;
};
