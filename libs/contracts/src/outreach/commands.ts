import { optional } from '../avro';
import {
  bounceType,
  campaignType,
  channel,
  linkedinMessageKind,
  responseChannel,
  statusChangeReason,
  stringList,
  templateChannel,
  userRole,
  versioned,
} from './enums';
import { erasureCommandSchemas } from './erasure';

/**
 * Avro schemas of the outreach commands accepted on `outreach.commands` (and by HTTP, which
 * builds the same data). Optional fields are nullable with default null; the deciders treat
 * null as "not given". The org is the envelope's `tenant`, never a data field (except
 * RegisterOrganization, which names the org it creates).
 *
 * Not here, on purpose:
 * - DispatchContact: its `checks` (suppression list, earlier bounces, the sender's windows) are
 *   facts only the command side may look up, so it is never accepted from the wire.
 * - CompleteCampaign's `report`: the command side reads the counters itself; the wire says
 *   only which campaign and why.
 * conversionType and contactType are plain strings: the decider validates them and rejects
 * with its own error code rather than a schema mismatch.
 */
const NS = 'campaign.outreach.commands';
const cmd = (name: string, fields: readonly object[]) => versioned(name, NS, fields);

const nullableStrings = (...names: string[]) => names.map((name) => ({ name, ...optional('string') }));
const campaignId = { name: 'campaignId', type: 'string' } as const;
const contactAddress = [campaignId, { name: 'contactId', type: 'string' }] as const;

/** The CampaignFields of a create or an update, every one optional. */
const campaignFields = [
  { name: 'name', ...optional('string') },
  { name: 'description', ...optional('string') },
  { name: 'campaignType', ...optional(campaignType) },
  { name: 'channel', ...optional(channel) },
  // email_first or linkedin_first, a plain string: the decider validates it (CAMPAIGN_INVALID).
  ...nullableStrings('channelPreference'),
  { name: 'targetAudience', ...optional('string') },
  { name: 'targetLocations', ...optional(stringList) },
  { name: 'targetSkills', ...optional(stringList) },
  { name: 'targetCompanySizes', ...optional(stringList) },
  { name: 'isAbTest', ...optional('boolean') },
  ...nullableStrings('variantATemplateId', 'variantBTemplateId'),
  { name: 'abSplitPercentage', ...optional('int') },
  { name: 'targetContactsCount', ...optional('int') },
  { name: 'targetResponseRate', ...optional('double') },
  { name: 'targetConversionCount', ...optional('int') },
  ...nullableStrings('startDate', 'endDate'),
] as const;

const contactInput = {
  type: 'record',
  name: 'ContactInput',
  namespace: 'campaign.outreach',
  fields: [
    { name: 'contactId', type: 'string' },
    ...nullableStrings('contactType', 'userId', 'leadId', 'firstName', 'lastName', 'email', 'linkedinUrl', 'companyName', 'title'),
  ],
} as const;

const directoryCommandSchemas = {
  RegisterOrganization: cmd('RegisterOrganization', [
    { name: 'orgId', type: 'string' },
    { name: 'name', type: 'string' },
  ]),
  RegisterUserProfile: cmd('RegisterUserProfile', [
    { name: 'userId', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'fullName', type: 'string' },
    { name: 'role', type: userRole },
  ]),
  CreateMessageTemplate: cmd('CreateMessageTemplate', [
    { name: 'templateId', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'channel', type: templateChannel },
    { name: 'linkedinMessageKind', ...optional(linkedinMessageKind) },
    { name: 'subject', ...optional('string') },
    { name: 'body', type: 'string' },
  ]),
  CreateLead: cmd('CreateLead', [
    { name: 'leadId', type: 'string' },
    ...nullableStrings('firstName', 'lastName', 'email', 'linkedinUrl', 'companyName', 'title'),
  ]),
};

const campaignCommandSchemas = {
  CreateCampaign: cmd('CreateCampaign', [
    campaignId,
    ...campaignFields,
    // seed 004: owner_id defaults to the current user; HTTP fills it from the JWT, Kafka producers name it.
    { name: 'ownerId', type: 'string' },
    { name: 'createdBy', ...optional('string') },
  ]),
  UpdateCampaign: cmd('UpdateCampaign', [
    campaignId,
    {
      name: 'changes',
      type: { type: 'record', name: 'CampaignChanges', namespace: 'campaign.outreach', fields: [...campaignFields, ...nullableStrings('ownerId')] },
    },
  ]),
  ActivateCampaign: cmd('ActivateCampaign', [campaignId]),
  PauseCampaign: cmd('PauseCampaign', [campaignId]),
  CompleteCampaign: cmd('CompleteCampaign', [campaignId, { name: 'reason', type: statusChangeReason }]),
  ArchiveCampaign: cmd('ArchiveCampaign', [campaignId, { name: 'reason', type: statusChangeReason }]),
  // Allowed on Kafka, but bulks over ~2,000 contacts belong on HTTP: a Kafka message is
  // limited (1 MB by default) and one AddContacts is one message.
  AddContacts: cmd('AddContacts', [campaignId, { name: 'contacts', type: { type: 'array', items: contactInput } }]),
  // Decided on the campaign's stream: the campaign's count of contacts moves with it.
  RemoveContact: cmd('RemoveContact', [campaignId, { name: 'contactId', type: 'string' }]),
};

const contactCommandSchemas = {
  RecordMessageSent: cmd('RecordMessageSent', [...contactAddress, { name: 'dispatchId', type: 'string' }, ...nullableStrings('provider', 'messageId')]),
  RecordDispatchFailed: cmd('RecordDispatchFailed', [
    ...contactAddress,
    { name: 'dispatchId', type: 'string' },
    { name: 'reason', type: 'string' },
    { name: 'retryable', type: 'boolean' },
    // The recipient itself was refused (a bad address): suppressed org-wide once bounced. Not
    // for failures of the message (a template the provider refuses): those end this contact only.
    { name: 'recipientRejected', type: 'boolean', default: false },
  ]),
  RecordEmailOpened: cmd('RecordEmailOpened', [...contactAddress, ...nullableStrings('trackingId', 'userAgent', 'ipAddress', 'location')]),
  RecordLinkClicked: cmd('RecordLinkClicked', [
    ...contactAddress,
    { name: 'url', type: 'string' },
    ...nullableStrings('linkText', 'trackingId', 'userAgent', 'ipAddress'),
  ]),
  RecordBounce: cmd('RecordBounce', [
    ...contactAddress,
    { name: 'bounceType', type: bounceType },
    ...nullableStrings('bounceReason'),
    // A provider's bounce is about the address (default); a dispatch that failed for another reason is not.
    { name: 'addressRejected', type: 'boolean', default: true },
  ]),
  RequeueContact: cmd('RequeueContact', [...contactAddress]),
  RecordResponse: cmd('RecordResponse', [...contactAddress, { name: 'channel', type: responseChannel }, ...nullableStrings('responseText')]),
  RecordConversion: cmd('RecordConversion', [...contactAddress, { name: 'conversionType', type: 'string' }, ...nullableStrings('conversionEntityId')]),
  UnsubscribeContact: cmd('UnsubscribeContact', [...contactAddress, ...nullableStrings('reason')]),
  RecordLinkedInProfileViewed: cmd('RecordLinkedInProfileViewed', [...contactAddress]),
};

export const outreachCommandSchemas = {
  ...directoryCommandSchemas,
  ...campaignCommandSchemas,
  ...contactCommandSchemas,
  ...erasureCommandSchemas,
};

/** Command types that exist in the domain but are never accepted from the wire. */
export const OUTREACH_INTERNAL_COMMANDS = ['DispatchContact'] as const;
