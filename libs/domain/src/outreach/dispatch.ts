/**
 * Seed 004's channel rules as data: which sending windows a message counts against. The
 * windows are kept per sender (the campaign owner) by the dispatcher; `decide` only sees
 * whether one was full.
 */
import type { Channel, LinkedInMessageKind, MessageKind, TemplateChannel } from './values';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SendWindow {
  /** Stable name, reported as the limit hit. */
  readonly name: string;
  readonly max: number;
  readonly periodMs: number;
}

export interface SendRule {
  /** Sends that share a pacing interval (all LinkedIn messages pace together). */
  readonly pacingGroup: 'email' | 'linkedin';
  readonly minIntervalMs: number;
  readonly windows: readonly SendWindow[];
}

export const SEND_RULES: Readonly<Record<MessageKind, SendRule>> = {
  // seed 004: Email — 200 per hour and 1000 per day per sender, 30 seconds between sends.
  email: {
    pacingGroup: 'email',
    minIntervalMs: 30_000,
    windows: [
      { name: 'email_per_hour', max: 200, periodMs: HOUR },
      { name: 'email_per_day', max: 1000, periodMs: DAY },
    ],
  },
  // seed 004: LinkedIn — 100 connection requests per week, 15 minutes between messages.
  connection_request: {
    pacingGroup: 'linkedin',
    minIntervalMs: 15 * MINUTE,
    windows: [{ name: 'linkedin_connection_requests_per_week', max: 100, periodMs: 7 * DAY }],
  },
  // seed 004: LinkedIn — 50 InMails per month (no premium), 15 minutes between messages.
  inmail: {
    pacingGroup: 'linkedin',
    minIntervalMs: 15 * MINUTE,
    windows: [{ name: 'linkedin_inmails_per_month', max: 50, periodMs: 30 * DAY }],
  },
};

/**
 * The channel a contact is written on: the campaign's, or for `combined` email when there is an
 * address and LinkedIn otherwise (seed 004: "preference order configurable" — email first here).
 * Null when the contact has nothing the channel needs.
 */
export const channelFor = (
  campaignChannel: Channel,
  contact: { readonly email: string | null; readonly linkedinUrl: string | null },
): TemplateChannel | null => {
  if (campaignChannel === 'email') return contact.email ? 'email' : null;
  if (campaignChannel === 'linkedin') return contact.linkedinUrl ? 'linkedin' : null;
  if (contact.email) return 'email';
  return contact.linkedinUrl ? 'linkedin' : null;
};

/** A LinkedIn message without a template of known kind is sent as a connection request. */
export const messageKindOf = (channel: TemplateChannel, linkedinMessageKind: LinkedInMessageKind | null): MessageKind =>
  channel === 'email' ? 'email' : (linkedinMessageKind ?? 'connection_request');
