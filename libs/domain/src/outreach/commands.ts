/**
 * Every command of the outreach context. The organization is the command's tenant
 * (`metadata.tenant`, from the verified JWT or the sending service's envelope): stream ids are
 * built from it, so a command for another org's campaign finds nothing (CAMPAIGN_NOT_FOUND).
 * Ids of new things (campaign, contacts, dispatches) are chosen by the adapter and arrive here.
 */
import type { Command } from '../shared/decider';
import type { CompletionReport } from './campaign';
import type { ErasePersonalData } from './erasure';
import type {
  BounceType,
  CampaignType,
  Channel,
  ChannelPreference,
  ContactType,
  ConversionType,
  LinkedInMessageKind,
  MessageKind,
  ResponseChannel,
  StatusChangeReason,
  TemplateChannel,
  UserRole,
} from './values';

// Directory — organization stream
export type RegisterOrganization = Command<'RegisterOrganization', { readonly orgId: string; readonly name: string }>;
export type RegisterUserProfile = Command<
  'RegisterUserProfile',
  { readonly userId: string; readonly email: string; readonly fullName: string; readonly role: UserRole }
>;
export type CreateMessageTemplate = Command<
  'CreateMessageTemplate',
  {
    readonly templateId: string;
    readonly name: string;
    readonly channel: TemplateChannel;
    readonly linkedinMessageKind?: LinkedInMessageKind | null;
    readonly subject?: string | null;
    readonly body: string;
  }
>;
export type DirectoryCommand = RegisterOrganization | RegisterUserProfile | CreateMessageTemplate;

/** Who a person is, as far as outreach needs: a lead's fields, and a contact's when given inline. */
export interface PersonFields {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly email?: string | null;
  readonly linkedinUrl?: string | null;
  readonly companyName?: string | null;
  readonly title?: string | null;
}

// Leads — one stream per lead
export type CreateLead = Command<'CreateLead', PersonFields & { readonly leadId: string }>;
export type LeadCommand = CreateLead;

/** The fields a campaign's create or update may carry (seed 004 columns, camelCased). */
export interface CampaignFields {
  readonly name?: string | null;
  readonly description?: string | null;
  readonly campaignType?: CampaignType;
  readonly channel?: Channel;
  readonly channelPreference?: ChannelPreference | string | null;
  readonly targetAudience?: string | null;
  readonly targetLocations?: readonly string[] | null;
  readonly targetSkills?: readonly string[] | null;
  readonly targetCompanySizes?: readonly string[] | null;
  readonly isAbTest?: boolean;
  readonly variantATemplateId?: string | null;
  readonly variantBTemplateId?: string | null;
  readonly abSplitPercentage?: number | null;
  readonly targetContactsCount?: number | null;
  readonly targetResponseRate?: number | null;
  readonly targetConversionCount?: number | null;
  readonly startDate?: string | null;
  readonly endDate?: string | null;
  readonly ownerId?: string;
}

// Campaign stream
export type CreateCampaign = Command<
  'CreateCampaign',
  CampaignFields & {
    readonly campaignId: string;
    /** seed 004: owner_id defaults to the current user; the adapter fills it from the JWT's sub. */
    readonly ownerId: string;
    readonly createdBy: string | null;
  }
>;
export type UpdateCampaign = Command<'UpdateCampaign', { readonly campaignId: string; readonly changes: CampaignFields }>;
export type ActivateCampaign = Command<'ActivateCampaign', { readonly campaignId: string }>;
export type PauseCampaign = Command<'PauseCampaign', { readonly campaignId: string }>;
export type CompleteCampaign = Command<
  'CompleteCampaign',
  {
    readonly campaignId: string;
    readonly reason: StatusChangeReason;
    /** The counters at completion, read by the adapter from the campaign's read model. */
    readonly report: CompletionReport;
  }
>;
export type ArchiveCampaign = Command<'ArchiveCampaign', { readonly campaignId: string; readonly reason: StatusChangeReason }>;

export interface ContactInput extends PersonFields {
  /** Assigned by the adapter (a fresh UUID per contact). */
  readonly contactId: string;
  readonly contactType?: ContactType | string;
  readonly userId?: string | null;
  readonly leadId?: string | null;
}
export type AddContacts = Command<'AddContacts', { readonly campaignId: string; readonly contacts: readonly ContactInput[] }>;
/** Takes a contact not yet written to out of a draft or paused campaign (decided on the campaign's stream). */
export type RemoveContact = Command<'RemoveContact', { readonly campaignId: string; readonly contactId: string }>;

export type CampaignCommand =
  | CreateCampaign
  | UpdateCampaign
  | ActivateCampaign
  | PauseCampaign
  | CompleteCampaign
  | ArchiveCampaign
  | AddContacts
  | RemoveContact;

// Contact streams — every command names the campaign, whose stream the decider also reads.
interface ContactAddress {
  readonly campaignId: string;
  readonly contactId: string;
}

/** Which sending window is full (seed 004 channel rules), as found in Redis by the adapter. */
export interface SendLimitHit {
  readonly limit: string;
  readonly max: number;
  readonly retryAfterMs: number;
}

export type DispatchContact = Command<
  'DispatchContact',
  ContactAddress & {
    readonly dispatchId: string;
    /** Facts the adapter looked up just before: the org's suppression list, earlier bounces, the sender's windows. */
    readonly checks: {
      readonly suppressed: boolean;
      readonly previouslyBounced: boolean;
      readonly sendLimit: SendLimitHit | null;
    };
  }
>;
export type RecordMessageSent = Command<
  'RecordMessageSent',
  ContactAddress & { readonly dispatchId: string; readonly provider?: string | null; readonly messageId?: string | null }
>;
/**
 * A sender adapter could not send a dispatch; `retryable` says whether trying later may succeed,
 * `recipientRejected` (default false) whether the recipient's address itself was refused.
 */
export type RecordDispatchFailed = Command<
  'RecordDispatchFailed',
  ContactAddress & { readonly dispatchId: string; readonly reason: string; readonly retryable: boolean; readonly recipientRejected?: boolean }
>;
export type RecordEmailOpened = Command<
  'RecordEmailOpened',
  ContactAddress & {
    readonly trackingId?: string | null;
    readonly userAgent?: string | null;
    readonly ipAddress?: string | null;
    readonly location?: string | null;
  }
>;
export type RecordLinkClicked = Command<
  'RecordLinkClicked',
  ContactAddress & {
    readonly url: string;
    readonly linkText?: string | null;
    readonly trackingId?: string | null;
    readonly userAgent?: string | null;
    readonly ipAddress?: string | null;
  }
>;
/** `addressRejected` (default true): the bounce is about the address, not this one message. */
export type RecordBounce = Command<
  'RecordBounce',
  ContactAddress & { readonly bounceType: BounceType; readonly bounceReason?: string | null; readonly addressRejected?: boolean }
>;
export type RequeueContact = Command<'RequeueContact', ContactAddress>;
export type RecordResponse = Command<'RecordResponse', ContactAddress & { readonly channel: ResponseChannel; readonly responseText?: string | null }>;
export type RecordConversion = Command<
  'RecordConversion',
  ContactAddress & { readonly conversionType: ConversionType | string; readonly conversionEntityId?: string | null }
>;
export type UnsubscribeContact = Command<'UnsubscribeContact', ContactAddress & { readonly reason?: string | null }>;
export type RecordLinkedInProfileViewed = Command<'RecordLinkedInProfileViewed', ContactAddress>;

export type ContactCommand =
  | DispatchContact
  | RecordMessageSent
  | RecordDispatchFailed
  | RecordEmailOpened
  | RecordLinkClicked
  | RecordBounce
  | RequeueContact
  | RecordResponse
  | RecordConversion
  | UnsubscribeContact
  | RecordLinkedInProfileViewed;

export type OutreachCommand = DirectoryCommand | LeadCommand | CampaignCommand | ContactCommand | ErasePersonalData;

/** What a dispatch will be, decided from the contact and its campaign (used by adapter and decider alike). */
export interface DispatchPlan {
  readonly channel: TemplateChannel;
  readonly messageKind: MessageKind;
  readonly templateId: string | null;
  readonly senderId: string;
  readonly attempt: number;
}
