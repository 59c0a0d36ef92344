import { createHash } from 'node:crypto';
import type { outreach } from '@campaign/domain';
import type { Dedupe } from '../shared/redis.stores';

/** What kind of outside fact a request carries: the metrics label and the dedupe namespace. */
export const FACT_KINDS = ['open', 'click', 'bounce', 'reply', 'unsubscribe', 'linkedin'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** The real-time per-campaign counters kept in Redis. */
export const COUNTER_NAMES = ['opens', 'clicks', 'bounces', 'replies', 'unsubscribes', 'linkedin'] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/** Who a fact is about: the verified tracking token's org, campaign and contact. */
export interface FactSubject {
  readonly orgId: string;
  readonly campaignId: string;
  readonly contactId: string;
}

type ContactCommand = outreach.ContactCommand;
/** A contact command as it goes on the bus: type and data (the envelope carries the rest). */
export type PlannedCommand = {
  [T in ContactCommand['type']]: { readonly type: T; readonly data: Extract<ContactCommand, { type: T }>['data'] };
}[ContactCommand['type']];

export interface Fact {
  readonly kind: FactKind;
  readonly subject: FactSubject;
  readonly dedupe: Dedupe;
  /** The provider's event id where it gave one: it follows the fact through every service. */
  readonly correlationId: string | null;
  readonly command: PlannedCommand;
  /** The counters an accepted fact adds one to. */
  readonly counters: readonly CounterName[];
}

const digest = (parts: readonly (string | null | undefined)[]): string =>
  createHash('sha256')
    .update(JSON.stringify(parts.map((part) => part ?? null)))
    .digest('base64url');

export const commandIdOf = (key: string): string => `ingest-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

/** Providers redeliver webhooks: their event id, per kind, is seen once within `ttlSeconds`. */
export const providerEventDedupe = (kind: FactKind, providerEventId: string, ttlSeconds: number): Dedupe => {
  const key = `event:${kind}:${digest([providerEventId])}`;
  return { key, ttlSeconds, commandId: commandIdOf(key) };
};

export interface Hit {
  readonly ipAddress: string | null;
  readonly userAgent: string | null;
  readonly url?: string;
}

/**
 * Opens and clicks carry no id, and mail clients prefetch: the same (contact, IP, user agent[,
 * url]) within the window is one hit. The command id adds the window's number, so a genuine
 * open an hour later is a new command while a repeat within the window stays the same one.
 */
export const hitDedupe = (kind: FactKind, subject: FactSubject, hit: Hit, windowSeconds: number, nowMs: number): Dedupe => {
  const key = `hit:${kind}:${digest([subject.orgId, subject.campaignId, subject.contactId, hit.ipAddress, hit.userAgent, hit.url])}`;
  const window = Math.floor(nowMs / (windowSeconds * 1_000));
  return { key, ttlSeconds: windowSeconds, commandId: commandIdOf(`${key}@${window}`) };
};

/** A contact unsubscribes from a campaign once: every later request is the same command. */
export const unsubscribeDedupe = (subject: FactSubject, ttlSeconds: number): Dedupe => {
  const key = `once:unsubscribe:${digest([subject.orgId, subject.campaignId, subject.contactId])}`;
  return { key, ttlSeconds, commandId: commandIdOf(key) };
};
