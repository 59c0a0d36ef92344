import { optional, timestamp } from '../avro';
import { contactEventSchemas } from './contact-events';
import { erasureEventSchemas } from './erasure';
import {
  campaignStatus,
  campaignType,
  channel,
  channelPreference,
  linkedinMessageKind,
  ref,
  statusChangeReason,
  stringList,
  templateChannel,
  userRole,
  versioned,
} from './enums';

/**
 * Avro schemas of the outreach events' data (seed 004), one per type and version. Field names
 * and nullability are the domain's (libs/domain/src/outreach/{directory,campaign,contact}.ts);
 * instants are timestamp-millis, calendar dates (startDate, endDate) YYYY-MM-DD strings.
 */
const NS = 'campaign.outreach.events';

const record = (name: string, fields: readonly object[]) => versioned(name, NS, fields);

/** Every setting of a campaign, whole (CampaignCreated and CampaignUpdated carry it alike). */
const campaignSettings = {
  type: 'record',
  name: 'CampaignSettings',
  namespace: 'campaign.outreach',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'description', ...optional('string') },
    { name: 'campaignType', type: campaignType },
    { name: 'channel', type: channel },
    // seed 004: combined — "preference order configurable". Added after v1: earlier settings read as email first.
    { name: 'channelPreference', type: channelPreference, default: 'email_first' },
    { name: 'targetAudience', ...optional('string') },
    { name: 'targetLocations', ...optional(stringList) },
    { name: 'targetSkills', ...optional(stringList) },
    { name: 'targetCompanySizes', ...optional(stringList) },
    { name: 'isAbTest', type: 'boolean' },
    { name: 'variantATemplateId', ...optional('string') },
    { name: 'variantBTemplateId', ...optional('string') },
    { name: 'abSplitPercentage', type: 'int' },
    { name: 'targetContactsCount', ...optional('int') },
    // seed 004: target_response_rate NUMERIC(5,2), a percent with two decimals.
    { name: 'targetResponseRate', ...optional('double') },
    { name: 'targetConversionCount', ...optional('int') },
    { name: 'startDate', ...optional('string') },
    { name: 'endDate', ...optional('string') },
    { name: 'ownerId', type: 'string' },
  ],
} as const;

const completionReport = {
  type: 'record',
  name: 'CompletionReport',
  namespace: 'campaign.outreach',
  fields: [
    { name: 'totalContacts', type: 'int' },
    { name: 'contactsReached', type: 'int' },
    { name: 'emailsSent', type: 'int' },
    { name: 'linkedinMessagesSent', type: 'int' },
    { name: 'responsesReceived', type: 'int' },
    { name: 'conversions', type: 'int' },
    { name: 'responseRate', type: 'double' },
    // Added after v1 with a default: each A/B variant's contacts, responses and conversions.
    {
      name: 'variants',
      ...optional({
        type: 'record',
        name: 'CompletionVariants',
        fields: [
          {
            name: 'A',
            type: {
              type: 'record',
              name: 'VariantCounts',
              fields: [
                { name: 'contacts', type: 'int' },
                { name: 'responses', type: 'int' },
                { name: 'conversions', type: 'int' },
              ],
            },
          },
          { name: 'B', type: 'campaign.outreach.VariantCounts' },
        ],
      }),
    },
  ],
} as const;

/** The goals a campaign completed with (seed 004 Goals), added after v1 with a default. */
const completionGoals = {
  type: 'record',
  name: 'CompletionGoals',
  namespace: 'campaign.outreach',
  fields: [
    { name: 'targetContactsCount', ...optional('int') },
    { name: 'targetResponseRate', ...optional('double') },
    { name: 'targetConversionCount', ...optional('int') },
    { name: 'isAbTest', type: 'boolean' },
  ],
} as const;

const directoryEventSchemas = {
  OrganizationRegistered: record('OrganizationRegistered', [
    { name: 'orgId', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'registeredAt', type: timestamp },
  ]),
  UserProfileRegistered: record('UserProfileRegistered', [
    { name: 'orgId', type: 'string' },
    { name: 'userId', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'fullName', type: 'string' },
    { name: 'role', type: userRole },
    { name: 'registeredAt', type: timestamp },
  ]),
  MessageTemplateCreated: record('MessageTemplateCreated', [
    { name: 'orgId', type: 'string' },
    { name: 'templateId', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'channel', type: templateChannel },
    { name: 'linkedinMessageKind', ...optional(linkedinMessageKind) },
    { name: 'subject', ...optional('string') },
    { name: 'body', type: 'string' },
    { name: 'createdAt', type: timestamp },
  ]),
  LeadCreated: record('LeadCreated', [
    { name: 'orgId', type: 'string' },
    { name: 'leadId', type: 'string' },
    ...['firstName', 'lastName', 'email', 'linkedinUrl', 'companyName', 'title'].map((name) => ({ name, ...optional('string') })),
    { name: 'createdAt', type: timestamp },
  ]),
};

const campaignRef = [
  { name: 'orgId', type: 'string' },
  { name: 'campaignId', type: 'string' },
] as const;

const campaignEventSchemas = {
  CampaignCreated: record('CampaignCreated', [
    ...campaignRef,
    { name: 'settings', type: campaignSettings },
    { name: 'createdBy', ...optional('string') },
    { name: 'createdAt', type: timestamp },
  ]),
  CampaignUpdated: record('CampaignUpdated', [...campaignRef, { name: 'settings', type: campaignSettings }, { name: 'updatedAt', type: timestamp }]),
  CampaignStatusChanged: record('CampaignStatusChanged', [
    ...campaignRef,
    { name: 'from', type: campaignStatus },
    { name: 'to', type: ref(campaignStatus) },
    { name: 'reason', type: statusChangeReason },
    { name: 'startDate', ...optional('string') },
    { name: 'endDate', ...optional('string') },
    { name: 'changedAt', type: timestamp },
  ]),
  ContactsAdded: record('ContactsAdded', [
    ...campaignRef,
    { name: 'count', type: 'int' },
    { name: 'variantACount', type: 'int' },
    { name: 'variantBCount', type: 'int' },
    { name: 'totalContacts', type: 'int' },
    { name: 'addedAt', type: timestamp },
  ]),
  CampaignCompletionReported: record('CampaignCompletionReported', [
    ...campaignRef,
    { name: 'ownerId', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'reason', type: statusChangeReason },
    { name: 'startDate', ...optional('string') },
    { name: 'endDate', type: 'string' },
    { name: 'report', type: completionReport },
    { name: 'reportedAt', type: timestamp },
    { name: 'goals', ...optional(completionGoals) },
  ]),
};

export const outreachEventSchemas = {
  ...directoryEventSchemas,
  ...campaignEventSchemas,
  ...contactEventSchemas,
  ...erasureEventSchemas,
};

/** The event types of a contact's stream (`outreach-<orgId>/contact/<contactId>`). */
export const OUTREACH_CONTACT_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(contactEventSchemas));
