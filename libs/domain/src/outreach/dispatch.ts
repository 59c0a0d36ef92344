/**
 * Seed 004's channel rules as data: which sending windows a message counts against. The
 * windows are kept per sender (the campaign owner) by the dispatcher; `decide` only sees
 * whether one was full.
 */
import type { Channel, ChannelPreference, LinkedInMessageKind, MessageKind, TemplateChannel } from './values';

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
 * The channel a contact is written on: the campaign's, or for `combined` the preferred channel
 * when the contact has what it needs, else the other (seed 004: "preference order
 * configurable"; email first unless the campaign's channel_preference says linkedin_first).
 * Null when the contact has nothing the channel needs.
 */
export const channelFor = (
  campaignChannel: Channel,
  contact: { readonly email: string | null; readonly linkedinUrl: string | null },
  preference: ChannelPreference | null | undefined = 'email_first',
): TemplateChannel | null => {
  if (campaignChannel === 'email') return contact.email ? 'email' : null;
  if (campaignChannel === 'linkedin') return contact.linkedinUrl ? 'linkedin' : null;
  const order: readonly TemplateChannel[] = preference === 'linkedin_first' ? ['linkedin', 'email'] : ['email', 'linkedin'];
  return order.find((channel) => (channel === 'email' ? contact.email : contact.linkedinUrl)) ?? null;
};

/** A LinkedIn message without a template of known kind is sent as a connection request. */
export const messageKindOf = (channel: TemplateChannel, linkedinMessageKind: LinkedInMessageKind | null): MessageKind =>
  channel === 'email' ? 'email' : (linkedinMessageKind ?? 'connection_request');

const LIMIT_MESSAGES: Readonly<Record<string, (max: number) => string>> = {
  // seed 004: CAMPAIGN_SEND_LIMIT_EXCEEDED — "Daily send limit exceeded (1000)"
  email_per_day: (max) => `Daily send limit exceeded (${max})`,
  email_per_hour: (max) => `Hourly send limit exceeded (${max})`,
  linkedin_connection_requests_per_week: (max) => `Weekly LinkedIn connection request limit exceeded (${max})`,
  linkedin_inmails_per_month: (max) => `Monthly LinkedIn InMail limit exceeded (${max})`,
};

/** What a full window says, in the words of seed 004's CAMPAIGN_SEND_LIMIT_EXCEEDED. */
export const sendLimitMessage = (limit: string, max: number): string => (LIMIT_MESSAGES[limit] ?? ((n: number) => `Send limit ${limit} exceeded (${n})`))(max);
