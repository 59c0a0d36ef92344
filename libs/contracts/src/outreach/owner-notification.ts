import { outreach } from '@campaign/domain';
import { timestamp } from '../avro';
import { recordCodec } from '../record-codec';
import { THIRTY_DAYS_RETENTION_MS, type TopicSpec } from '../context-contract';

/**
 * The sender adapters' second topic: messages to the platform's own users (not to a campaign's
 * contacts), `<prefix>outreach.owner-notifications`. Apart from the dispatch requests on purpose:
 * an adapter that predates a kind of notification never mistakes one for a contact's send (and
 * reports nothing back for it). Keyed like the dispatch requests, `outreach-<orgId>`.
 */
export const ownerNotificationsTopic = (prefix = ''): string => `${prefix}outreach.owner-notifications`;
export const OWNER_NOTIFICATION_PARTITIONS = 6;

export const ownerNotificationsTopicSpec = (prefix = ''): TopicSpec => ({
  topic: ownerNotificationsTopic(prefix),
  numPartitions: OWNER_NOTIFICATION_PARTITIONS,
  configEntries: [{ name: 'retention.ms', value: String(THIRTY_DAYS_RETENTION_MS) }],
});

/**
 * seed 004 On Completion 5, "Send summary email to owner": the message kind `completion_summary`,
 * an email to the campaign's owner with the completion report as subject and text. A string,
 * not an Avro enum, so adapters built before a new kind can still read it (and skip it).
 */
export const COMPLETION_SUMMARY_KIND = 'completion_summary';

export interface OwnerNotification {
  /** Identifies this email; derived from the completion event, so a resend carries the same id: send each once. */
  readonly notificationId: string;
  /** `completion_summary`; a kind an adapter does not know is not sent. */
  readonly kind: string;
  readonly orgId: string;
  readonly campaignId: string;
  readonly channel: 'email';
  readonly recipient: { readonly userId: string; readonly email: string; readonly fullName: string };
  readonly subject: string;
  /** Plain text. */
  readonly text: string;
  readonly requestedAt: string;
}

export const ownerNotificationSchema = {
  type: 'record',
  name: 'OwnerNotification',
  namespace: 'campaign.outreach.dispatch',
  fields: [
    { name: 'notificationId', type: 'string' },
    { name: 'kind', type: 'string' },
    { name: 'orgId', type: 'string' },
    { name: 'campaignId', type: 'string' },
    { name: 'channel', type: 'string' },
    {
      name: 'recipient',
      type: {
        type: 'record',
        name: 'OwnerRecipient',
        fields: [
          { name: 'userId', type: 'string' },
          { name: 'email', type: 'string' },
          { name: 'fullName', type: 'string' },
        ],
      },
    },
    { name: 'subject', type: 'string' },
    { name: 'text', type: 'string' },
    { name: 'requestedAt', type: timestamp },
  ],
} as const;

const ownerNotificationCodec = recordCodec<OwnerNotification>('OwnerNotification', ownerNotificationSchema);

/** The Kafka key: the org's partition key, as for dispatch requests. */
export const ownerNotificationKey = (orgId: string): string => outreach.organizationStreamId(orgId);

/** One marker byte (FORMAT_V1), then the Avro record; refuses a misfit naming the fields. */
export const encodeOwnerNotification = ownerNotificationCodec.encode;

export const decodeOwnerNotification = ownerNotificationCodec.decode;
