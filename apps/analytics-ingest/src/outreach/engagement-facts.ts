import { type Fact, type FactSubject, type Hit, hitDedupe, providerEventDedupe, unsubscribeDedupe } from './facts';
import type { BounceWebhook, LinkedInWebhook, ReplyWebhook } from './webhook.requests';

// Outside facts turned into outreach contact commands, one builder per kind. Pure: the
// controllers verify the token and parse the request, the service deduplicates and sends.

/** How long facts are remembered for de-duplication (from the configuration). */
export interface DedupeWindows {
  readonly eventTtlSeconds: number;
  readonly hitWindowSeconds: number;
}

const address = (subject: FactSubject) => ({ campaignId: subject.campaignId, contactId: subject.contactId });

export const openFact = (subject: FactSubject, hit: Hit, windows: DedupeWindows, nowMs: number): Fact => {
  const dedupe = hitDedupe('open', subject, hit, windows.hitWindowSeconds, nowMs);
  return {
    kind: 'open',
    subject,
    dedupe,
    correlationId: null,
    counters: ['opens'],
    command: {
      type: 'RecordEmailOpened',
      data: { ...address(subject), trackingId: dedupe.commandId, userAgent: hit.userAgent, ipAddress: hit.ipAddress, location: null },
    },
  };
};

export const clickFact = (
  subject: FactSubject,
  hit: Hit & { readonly url: string; readonly linkText: string | null },
  windows: DedupeWindows,
  nowMs: number,
): Fact => {
  const dedupe = hitDedupe('click', subject, hit, windows.hitWindowSeconds, nowMs);
  return {
    kind: 'click',
    subject,
    dedupe,
    correlationId: null,
    counters: ['clicks'],
    command: {
      type: 'RecordLinkClicked',
      data: { ...address(subject), url: hit.url, linkText: hit.linkText, trackingId: dedupe.commandId, userAgent: hit.userAgent, ipAddress: hit.ipAddress },
    },
  };
};

export const unsubscribeFact = (subject: FactSubject, reason: string, windows: DedupeWindows): Fact => ({
  kind: 'unsubscribe',
  subject,
  dedupe: unsubscribeDedupe(subject, windows.eventTtlSeconds),
  correlationId: null,
  counters: ['unsubscribes'],
  command: { type: 'UnsubscribeContact', data: { ...address(subject), reason } },
});

export const bounceFact = (subject: FactSubject, body: BounceWebhook, windows: DedupeWindows): Fact => ({
  kind: 'bounce',
  subject,
  dedupe: providerEventDedupe('bounce', body.providerEventId, windows.eventTtlSeconds),
  correlationId: body.providerEventId,
  counters: ['bounces'],
  command: { type: 'RecordBounce', data: { ...address(subject), bounceType: body.bounceType, bounceReason: body.reason ?? null } },
});

export const replyFact = (subject: FactSubject, body: ReplyWebhook, windows: DedupeWindows): Fact => ({
  kind: 'reply',
  subject,
  dedupe: providerEventDedupe('reply', body.providerEventId, windows.eventTtlSeconds),
  correlationId: body.providerEventId,
  counters: ['replies'],
  command: { type: 'RecordResponse', data: { ...address(subject), channel: body.channel ?? 'email', responseText: body.text ?? null } },
});

/** A profile view is LinkedIn activity only; a LinkedIn reply is also a response (seed 004: Response Triggers). */
export const linkedInFact = (subject: FactSubject, body: LinkedInWebhook, windows: DedupeWindows): Fact => {
  const common = {
    kind: 'linkedin',
    subject,
    dedupe: providerEventDedupe('linkedin', body.providerEventId, windows.eventTtlSeconds),
    correlationId: body.providerEventId,
  } as const;
  return body.activity === 'profile_viewed'
    ? { ...common, counters: ['linkedin'], command: { type: 'RecordLinkedInProfileViewed', data: address(subject) } }
    : {
        ...common,
        counters: ['linkedin', 'replies'],
        command: { type: 'RecordResponse', data: { ...address(subject), channel: 'linkedin', responseText: body.text ?? null } },
      };
};
