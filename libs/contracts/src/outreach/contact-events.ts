import { optional, timestamp } from '../avro';
import { abVariant, bounceType, contactType, conversionType, linkedinMessageKind, messageKind, responseChannel, templateChannel } from './enums';

/**
 * Avro schemas of the contact events (seed 004 campaign_contacts and engagement_tracking).
 * Every one names its org, campaign and contact first: the contact's stream is
 * `outreach-<orgId>/contact/<contactId>`.
 */
const NS = 'campaign.outreach.events';

const record = (name: string, fields: readonly object[]) => ({
  version: 1,
  schema: {
    type: 'record',
    name,
    namespace: NS,
    fields: [{ name: 'orgId', type: 'string' }, { name: 'campaignId', type: 'string' }, { name: 'contactId', type: 'string' }, ...fields],
  },
});

const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));

export const contactEventSchemas = {
  ContactAdded: record('ContactAdded', [
    { name: 'contactType', type: contactType },
    ...nullableStrings('userId', 'leadId', 'firstName', 'lastName', 'email', 'linkedinUrl', 'companyName', 'title'),
    { name: 'abVariant', ...optional(abVariant) },
    { name: 'templateUsedId', ...optional('string') },
    { name: 'linkedinMessageKind', ...optional(linkedinMessageKind) },
    { name: 'addedAt', type: timestamp },
  ]),
  ContactDispatchRequested: record('ContactDispatchRequested', [
    { name: 'dispatchId', type: 'string' },
    { name: 'channel', type: templateChannel },
    { name: 'messageKind', type: messageKind },
    { name: 'templateId', ...optional('string') },
    { name: 'senderId', type: 'string' },
    { name: 'attempt', type: 'int' },
    { name: 'requestedAt', type: timestamp },
  ]),
  // A sending window of the sender was full: the contact (and the sender's outreach) waits until heldUntil.
  ContactDispatchHeld: record('ContactDispatchHeld', [
    { name: 'senderId', type: 'string' },
    { name: 'limit', type: 'string' },
    { name: 'max', type: 'int' },
    { name: 'heldUntil', type: timestamp },
    { name: 'heldAt', type: timestamp },
  ]),
  MessageSent: record('MessageSent', [
    { name: 'dispatchId', type: 'string' },
    { name: 'channel', type: templateChannel },
    ...nullableStrings('provider', 'messageId'),
    { name: 'sentAt', type: timestamp },
  ]),
  ContactDispatchFailed: record('ContactDispatchFailed', [
    { name: 'dispatchId', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'retryable', type: 'boolean' },
    { name: 'failedAt', type: timestamp },
    { name: 'recipientRejected', type: 'boolean', default: false },
  ]),
  EmailOpened: record('EmailOpened', [...nullableStrings('trackingId', 'userAgent', 'ipAddress', 'location'), { name: 'openedAt', type: timestamp }]),
  LinkClicked: record('LinkClicked', [
    ...nullableStrings('trackingId', 'userAgent', 'ipAddress'),
    { name: 'url', type: 'string' },
    { name: 'linkText', ...optional('string') },
    { name: 'clickedAt', type: timestamp },
  ]),
  EmailBounced: record('EmailBounced', [
    { name: 'bounceType', type: bounceType },
    { name: 'bounceReason', ...optional('string') },
    { name: 'softBounceCount', type: 'int' },
    { name: 'retryAt', ...optional(timestamp) },
    { name: 'final', type: 'boolean' },
    { name: 'email', ...optional('string') },
    { name: 'bouncedAt', type: timestamp },
    // Whether the address itself was refused: a final bounce of such an address is suppressed
    // org-wide (every bounce recorded before this field was).
    { name: 'addressRejected', type: 'boolean', default: true },
  ]),
  ContactRequeued: record('ContactRequeued', [
    { name: 'attempt', type: 'int' },
    { name: 'requeuedAt', type: timestamp },
  ]),
  ContactResponded: record('ContactResponded', [
    { name: 'channel', type: responseChannel },
    { name: 'responseText', ...optional('string') },
    { name: 'respondedAt', type: timestamp },
  ]),
  ContactConverted: record('ContactConverted', [
    { name: 'conversionType', type: conversionType },
    { name: 'conversionEntityId', ...optional('string') },
    { name: 'convertedAt', type: timestamp },
  ]),
  ContactUnsubscribed: record('ContactUnsubscribed', [...nullableStrings('email', 'reason'), { name: 'unsubscribedAt', type: timestamp }]),
  LinkedInProfileViewed: record('LinkedInProfileViewed', [{ name: 'viewedAt', type: timestamp }]),
  // Recorded on the campaign's stream (it moves the campaign's count), routed by its contactId like every contact event.
  ContactRemoved: record('ContactRemoved', [
    { name: 'abVariant', ...optional(abVariant) },
    { name: 'totalContacts', type: 'int' },
    { name: 'removedAt', type: timestamp },
  ]),
};
