import { outreach } from '@campaign/domain';
import { optional, timestamp } from '../avro';
import { recordCodec } from '../record-codec';
import { THIRTY_DAYS_RETENTION_MS, type TopicSpec } from '../context-contract';
import { messageKind, templateChannel } from './enums';

/** The sender adapters' topic (seed 004 dispatch). */
export const dispatchRequestsTopic = (prefix = ''): string => `${prefix}outreach.dispatch-requests`;
export const DISPATCH_REQUEST_PARTITIONS = 6;

export const dispatchRequestsTopicSpec = (prefix = ''): TopicSpec => ({
  topic: dispatchRequestsTopic(prefix),
  numPartitions: DISPATCH_REQUEST_PARTITIONS,
  configEntries: [{ name: 'retention.ms', value: String(THIRTY_DAYS_RETENTION_MS) }],
});

/**
 * What a sender adapter (an email or LinkedIn gateway outside the platform) consumes from
 * `<prefix>outreach.dispatch-requests`: one message to send now, with everything the adapter
 * needs and nothing it must look up. Keyed by the contact's stream partition key
 * `outreach-<orgId>`, so one org's requests arrive in the order they were decided. The adapter
 * reports back with the RecordMessageSent command (`outreach.commands`, or HTTP on
 * campaign-command) naming the same dispatchId; a resend of the same request is a duplicate
 * (same dispatchId) and must not be sent twice.
 */
export interface DispatchRecipient {
  readonly email: string | null;
  readonly linkedinUrl: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly companyName: string | null;
  readonly title: string | null;
}

export interface DispatchTracking {
  /** The signed tracking token (outreachTracking.signTrackingToken). */
  readonly token: string;
  /** Null for LinkedIn: it has no open tracking. */
  readonly openPixelUrl: string | null;
  /**
   * Null when links are not tracked; else contains `{url}`, to be replaced by the encoded
   * target, and `{sig}`, by `outreachTracking.signClickUrlWithKey(clickLinkKey, target)`: the
   * click door redirects only to URLs signed for this message.
   */
  readonly clickUrlTemplate: string | null;
  readonly unsubscribeUrl: string;
  /** Signs this message's click links (and no other message's); null when links are not tracked. */
  readonly clickLinkKey: string | null;
}

export interface DispatchRequest {
  readonly dispatchId: string;
  readonly orgId: string;
  readonly campaignId: string;
  readonly contactId: string;
  readonly channel: outreach.TemplateChannel;
  readonly messageKind: outreach.MessageKind;
  readonly templateId: string | null;
  readonly senderId: string;
  readonly attempt: number;
  readonly recipient: DispatchRecipient;
  readonly tracking: DispatchTracking;
  readonly requestedAt: string;
  /** Not to be sent before this instant (the sender's pacing). */
  readonly notBefore: string;
}

const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));

export const dispatchRequestSchema = {
  type: 'record',
  name: 'DispatchRequest',
  namespace: 'campaign.outreach.dispatch',
  fields: [
    { name: 'dispatchId', type: 'string' },
    { name: 'orgId', type: 'string' },
    { name: 'campaignId', type: 'string' },
    { name: 'contactId', type: 'string' },
    { name: 'channel', type: templateChannel },
    { name: 'messageKind', type: messageKind },
    { name: 'templateId', ...optional('string') },
    { name: 'senderId', type: 'string' },
    { name: 'attempt', type: 'int' },
    {
      name: 'recipient',
      type: {
        type: 'record',
        name: 'DispatchRecipient',
        fields: nullableStrings('email', 'linkedinUrl', 'firstName', 'lastName', 'companyName', 'title'),
      },
    },
    {
      name: 'tracking',
      type: {
        type: 'record',
        name: 'DispatchTracking',
        fields: [
          { name: 'token', type: 'string' },
          ...nullableStrings('openPixelUrl', 'clickUrlTemplate'),
          { name: 'unsubscribeUrl', type: 'string' },
          // Added after v1 with a default: old readers skip it, new readers of old data see null.
          { name: 'clickLinkKey', ...optional('string') },
        ],
      },
    },
    { name: 'requestedAt', type: timestamp },
    { name: 'notBefore', type: timestamp },
  ],
} as const;

const dispatchRequestCodec = recordCodec<DispatchRequest>('DispatchRequest', dispatchRequestSchema);

/** The Kafka key of a dispatch request: the partition key of the contact's stream. */
export const dispatchRequestKey = (orgId: string): string => outreach.organizationStreamId(orgId);

/** One marker byte (FORMAT_V1), then the Avro record; refuses a misfit naming the fields. */
export const encodeDispatchRequest = dispatchRequestCodec.encode;

export const decodeDispatchRequest = dispatchRequestCodec.decode;
