/**
 * One contact's outreach (seed 004 campaign_contacts and engagement_tracking): dispatching a
 * message while the campaign is active, then the facts adapters report — sent, opened,
 * clicked, bounced, replied, converted, unsubscribed, profile viewed. Reads the campaign's
 * stream first for its status, channel, owner and type.
 */
import { assertNever, type Decider, type Decision, DomainError } from '../shared/decider';
import { isUuid, toIso } from '../shared/validation';
import { campaignStreamId, type OutreachCampaignEvent } from './campaign';
import type { ContactCommand, DispatchContact, RecordBounce, RecordConversion, RecordDispatchFailed, RecordLinkClicked, SendLimitHit } from './commands';
import { type ContactEvent, contactStreamId } from './contact';
import { type ContactCampaignView, type ContactState, type ContactView, evolveContact, initialContactState } from './contact.state';
import { channelFor, messageKindOf } from './dispatch';
import { OutreachErrorCode as Code } from './errors';
import { forbidden, isHttpUrl, isOptionalText, nowOf, reject, tenantOf } from './rules';
import {
  BD_CONVERSION_TYPES,
  BOUNCE_TYPES,
  type CampaignType,
  CONVERSION_TYPES,
  type ConversionType,
  RESPONSE_CHANNELS,
  SOFT_BOUNCE_RETRY_HOURS,
  TALENT_CONVERSION_TYPES,
} from './values';

type ContactDeciderEvent = OutreachCampaignEvent | ContactEvent;
interface Found {
  readonly campaign: ContactCampaignView;
  readonly contact: ContactView;
}

const HOUR_MS = 3_600_000;
const RESPONSE_TEXT_MAX = 100_000;
const FAILURE_REASON_MAX = 500;

const found = (command: ContactCommand, state: ContactState): Found | DomainError => {
  const denied = forbidden(command);
  if (denied) return denied;
  const { campaign, contact } = state;
  const { campaignId, contactId } = command.data;
  // A contact removed from its campaign is no longer in it.
  if (campaign === null || contact === null || contact.campaignId !== campaignId || campaign.removed.has(contactId)) {
    return reject(Code.CONTACT_NOT_FOUND, `Contact ${contactId} is not in campaign ${campaignId}`, { campaignId, contactId });
  }
  return { campaign, contact };
};

const ref = (command: ContactCommand) => ({ orgId: tenantOf(command), campaignId: command.data.campaignId, contactId: command.data.contactId });
const at = (command: ContactCommand) => toIso(nowOf(command));
const invalidStatus = (contact: ContactView, message: string) => reject(Code.CONTACT_INVALID_STATUS, message, { status: contact.status });
const stopped = (campaign: ContactCampaignView) =>
  reject(Code.CAMPAIGN_NOT_ACTIVE, `Campaign is ${campaign.status}; its outreach stopped at completion`, { status: campaign.status });

/**
 * seed 004: Sending Rate Limits per sender. A full window is not a refusal of the contact: it
 * waits, and the fact says which window holds it (and its campaign) back and until when
 * (CAMPAIGN_SEND_LIMIT_EXCEEDED, shown by the query API; see sendLimitMessage).
 */
const held = (command: DispatchContact, campaign: ContactCampaignView, { limit, max, retryAfterMs }: SendLimitHit): Decision<ContactDeciderEvent> => {
  if (typeof limit !== 'string' || limit.length === 0 || !Number.isInteger(max) || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) {
    return reject(Code.CONTACT_INVALID, 'sendLimit must name a window, its max and a wait of 0 ms or more', { field: 'sendLimit' });
  }
  const now = nowOf(command);
  return [
    {
      type: 'ContactDispatchHeld',
      data: { ...ref(command), senderId: campaign.ownerId, limit, max, heldUntil: toIso(now + retryAfterMs), heldAt: toIso(now) },
    },
  ];
};

const dispatch = (command: DispatchContact, { campaign, contact }: Found): Decision<ContactDeciderEvent> => {
  const { dispatchId, checks } = command.data;
  // seed 004: only an active campaign "Allows Outreach".
  if (campaign.status !== 'active')
    return reject(Code.CAMPAIGN_NOT_ACTIVE, `Campaign is ${campaign.status}; outreach happens only while active`, { status: campaign.status });
  // seed 004: "Suppression list checked before every send" — CONTACT_UNSUBSCRIBED "Contact has unsubscribed"
  if (contact.unsubscribed || checks.suppressed) return reject(Code.CONTACT_UNSUBSCRIBED, 'Contact has unsubscribed');
  // seed 004: CONTACT_BOUNCED — "Email previously bounced"
  if (contact.bounced || checks.previouslyBounced) return reject(Code.CONTACT_BOUNCED, 'Email previously bounced');
  if (contact.status !== 'pending' || contact.outstanding !== null)
    return invalidStatus(contact, 'Only a pending contact with no send under way is dispatched');
  // seed 004: Sending Rate Limits per sender
  if (checks.sendLimit !== null) return held(command, campaign, checks.sendLimit);
  if (typeof dispatchId !== 'string' || dispatchId.length === 0) return reject(Code.CONTACT_INVALID, 'dispatchId is required', { field: 'dispatch_id' });
  const channel = channelFor(campaign.channel, contact, campaign.channelPreference);
  if (channel === null) return reject(Code.CONTACT_INVALID, `The contact has no address for a ${campaign.channel} campaign`, { field: 'channel' });
  return [
    {
      type: 'ContactDispatchRequested',
      data: {
        ...ref(command),
        dispatchId,
        channel,
        messageKind: messageKindOf(channel, contact.linkedinMessageKind),
        templateId: contact.templateUsedId,
        senderId: campaign.ownerId,
        attempt: contact.sends + 1,
        requestedAt: at(command),
      },
    },
  ];
};

/** seed 004: Bounce Handling — hard: bounced, no retry; soft: retried up to 3 times over 48 hours, then bounced. */
const bounce = (command: RecordBounce, { campaign, contact }: Found): Decision<ContactDeciderEvent> => {
  const { bounceType, bounceReason = null, addressRejected = true } = command.data;
  if (!BOUNCE_TYPES.includes(bounceType)) return reject(Code.CONTACT_INVALID, `bounceType must be one of ${BOUNCE_TYPES.join(', ')}`, { field: 'bounce_type' });
  if (typeof addressRejected !== 'boolean') return reject(Code.CONTACT_INVALID, 'addressRejected must be true or false', { field: 'addressRejected' });
  if (contact.bounced) return [];
  const base = { ...ref(command), bounceType, bounceReason, email: contact.email, bouncedAt: at(command), addressRejected };
  // A hard bounce may come before any send: the address is known bad.
  if (bounceType === 'hard') return [{ type: 'EmailBounced', data: { ...base, softBounceCount: 0, retryAt: null, final: true } }];
  if (contact.softBouncedSinceSend) return [];
  if (!contact.emailSent) return invalidStatus(contact, 'A soft bounce needs an email sent first');
  const retriesUsed = contact.softBounceCount;
  const final = retriesUsed >= SOFT_BOUNCE_RETRY_HOURS.length;
  const firstAt = contact.firstSoftBounceAt === null ? nowOf(command) : Date.parse(contact.firstSoftBounceAt);
  // seed 004: On Completion — "Stop all scheduled outreach": a soft bounce after completion is recorded, never retried.
  const retryAt = final || campaign.status === 'completed' ? null : toIso(firstAt + SOFT_BOUNCE_RETRY_HOURS[retriesUsed] * HOUR_MS);
  return [{ type: 'EmailBounced', data: { ...base, softBounceCount: retriesUsed + 1, retryAt, final } }];
};

/** A sender adapter could not send the outstanding dispatch: it is settled, the contact stays pending. */
const dispatchFailed = (command: RecordDispatchFailed, { contact }: Found): Decision<ContactDeciderEvent> => {
  const { dispatchId, reason, retryable, recipientRejected = false } = command.data;
  if (typeof reason !== 'string' || reason.length === 0 || reason.length > FAILURE_REASON_MAX) {
    return reject(Code.CONTACT_INVALID, `reason must be text of 1 to ${FAILURE_REASON_MAX} characters`, { field: 'reason' });
  }
  if (typeof retryable !== 'boolean') return reject(Code.CONTACT_INVALID, 'retryable must be true or false', { field: 'retryable' });
  if (typeof recipientRejected !== 'boolean') return reject(Code.CONTACT_INVALID, 'recipientRejected must be true or false', { field: 'recipientRejected' });
  // A refused recipient will be refused again: reporting it retryable contradicts itself.
  if (recipientRejected && retryable) return reject(Code.CONTACT_INVALID, 'a rejected recipient is not retryable', { field: 'retryable' });
  // Delivery to the adapter is at-least-once: a report about a settled dispatch is a repeat.
  if (contact.sentDispatchIds.includes(dispatchId) || contact.failedDispatchIds.includes(dispatchId)) return [];
  if (contact.outstanding?.dispatchId !== dispatchId) return invalidStatus(contact, `No dispatch ${dispatchId} is under way`);
  return [{ type: 'ContactDispatchFailed', data: { ...ref(command), dispatchId, reason, retryable, failedAt: at(command), recipientRejected } }];
};

// seed 004: Conversion Types — talent sourcing, business development; mixed takes any.
const CONVERSIONS_OF: Readonly<Record<CampaignType, readonly string[]>> = {
  talent_sourcing: TALENT_CONVERSION_TYPES,
  business_development: BD_CONVERSION_TYPES,
  mixed: CONVERSION_TYPES,
};

const convert = (command: RecordConversion, { campaign, contact }: Found): Decision<ContactDeciderEvent> => {
  const { conversionType, conversionEntityId = null } = command.data;
  const allowed = CONVERSIONS_OF[campaign.campaignType];
  if (!allowed.includes(conversionType)) {
    return reject(Code.CONTACT_INVALID, `A ${campaign.campaignType} campaign converts by ${allowed.join(', ')}`, {
      field: 'conversion_type',
      conversionType: String(conversionType),
    });
  }
  // seed 004: conversion_entity_id UUID
  if (conversionEntityId !== null && !isUuid(conversionEntityId))
    return reject(Code.CONTACT_INVALID, 'conversionEntityId must be a UUID', { field: 'conversion_entity_id' });
  if (contact.sends === 0) return invalidStatus(contact, 'A contact converts only after a message was sent');
  if (contact.converted) return invalidStatus(contact, 'The contact has already converted');
  return [
    { type: 'ContactConverted', data: { ...ref(command), conversionType: conversionType as ConversionType, conversionEntityId, convertedAt: at(command) } },
  ];
};

const click = (command: RecordLinkClicked, { contact }: Found): Decision<ContactDeciderEvent> => {
  const { url, linkText = null, trackingId = null, userAgent = null, ipAddress = null } = command.data;
  if (!isHttpUrl(url)) return reject(Code.CONTACT_INVALID, 'url must be an http(s) URL', { field: 'url' });
  if (contact.sends === 0) return invalidStatus(contact, 'A link is clicked only after a message was sent');
  return [{ type: 'LinkClicked', data: { ...ref(command), trackingId, userAgent, ipAddress, url, linkText, clickedAt: at(command) } }];
};

const decideFound = (command: ContactCommand, found: Found): Decision<ContactDeciderEvent> => {
  const { contact } = found;
  switch (command.type) {
    case 'DispatchContact':
      return dispatch(command, found);
    case 'RecordMessageSent': {
      const { dispatchId, provider = null, messageId = null } = command.data;
      if (contact.sentDispatchIds.includes(dispatchId)) return [];
      if (contact.outstanding?.dispatchId !== dispatchId) return invalidStatus(contact, `No dispatch ${dispatchId} is under way`);
      return [{ type: 'MessageSent', data: { ...ref(command), dispatchId, channel: contact.outstanding.channel, provider, messageId, sentAt: at(command) } }];
    }
    case 'RecordDispatchFailed':
      return dispatchFailed(command, found);
    case 'RecordEmailOpened': {
      const { trackingId = null, userAgent = null, ipAddress = null, location = null } = command.data;
      // seed 004: LinkedIn — "no open tracking"; opens follow an email.
      if (!contact.emailSent) return invalidStatus(contact, 'An email is opened only after an email was sent');
      return [{ type: 'EmailOpened', data: { ...ref(command), trackingId, userAgent, ipAddress, location, openedAt: at(command) } }];
    }
    case 'RecordLinkClicked':
      return click(command, found);
    case 'RecordBounce':
      return bounce(command, found);
    case 'RequeueContact': {
      // seed 004: On Completion — "Stop all scheduled outreach": a retry left over is not run.
      if (found.campaign.status === 'completed') return stopped(found.campaign);
      const closed = contact.bounced || contact.unsubscribed || contact.status === 'responded' || contact.status === 'converted';
      if (!contact.retryPending || closed) return invalidStatus(contact, 'Only a soft-bounced contact with a retry left is requeued');
      return [{ type: 'ContactRequeued', data: { ...ref(command), attempt: contact.sends + 1, requeuedAt: at(command) } }];
    }
    case 'RecordResponse': {
      const { channel, responseText = null } = command.data;
      if (!RESPONSE_CHANNELS.includes(channel))
        return reject(Code.CONTACT_INVALID, `channel must be one of ${RESPONSE_CHANNELS.join(', ')}`, { field: 'channel' });
      if (!isOptionalText(responseText, RESPONSE_TEXT_MAX))
        return reject(Code.CONTACT_INVALID, `responseText must be text of at most ${RESPONSE_TEXT_MAX} characters`, { field: 'response_text' });
      // seed 004: responses_received excludes bounces.
      if (contact.sends === 0 || contact.bounced) return invalidStatus(contact, 'A response follows a message that reached the contact');
      return [{ type: 'ContactResponded', data: { ...ref(command), channel, responseText, respondedAt: at(command) } }];
    }
    case 'RecordConversion':
      return convert(command, found);
    case 'UnsubscribeContact':
      // seed 004: unsubscribe applies globally; the adapter adds the address to the org's suppression list.
      return contact.unsubscribed
        ? []
        : [{ type: 'ContactUnsubscribed', data: { ...ref(command), email: contact.email, reason: command.data.reason ?? null, unsubscribedAt: at(command) } }];
    case 'RecordLinkedInProfileViewed':
      return [{ type: 'LinkedInProfileViewed', data: { ...ref(command), viewedAt: at(command) } }];
    default:
      return assertNever(command);
  }
};

// seed 004: On Archive — "No further edits allowed", "Read-only access": an archived campaign takes no contact facts at all.
const archived = ({ campaign }: Found): DomainError | null =>
  campaign.status === 'archived'
    ? reject(Code.CAMPAIGN_READ_ONLY, `Campaign ${campaign.campaignId} is archived and takes no changes`, { status: campaign.status })
    : null;

export const decideContact = (command: ContactCommand, state: ContactState): Decision<ContactDeciderEvent> => {
  const target = found(command, state);
  if (target instanceof DomainError) return target;
  return archived(target) ?? decideFound(command, target);
};

export const contactDecider: Decider<ContactCommand, ContactDeciderEvent, ContactState> = {
  initialState: initialContactState,
  decide: decideContact,
  evolve: evolveContact,
  streamIdOf: (command) => contactStreamId(tenantOf(command), command.data.contactId),
  alsoReads: (command) => [campaignStreamId(tenantOf(command), command.data.campaignId)],
};
