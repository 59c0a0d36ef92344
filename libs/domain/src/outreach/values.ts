/**
 * The enumerations and limits seed 004 prints, in one place: deciders validate with them,
 * contracts and read models are generated from them.
 */

// seed 004: campaign_type Allowed Values
export const CAMPAIGN_TYPES = ['talent_sourcing', 'business_development', 'mixed'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

// seed 004: channel Allowed Values
export const CHANNELS = ['email', 'linkedin', 'combined'] as const;
export type Channel = (typeof CHANNELS)[number];

// seed 004: channel — "combined: Uses both channels, preference order configurable": which channel comes first.
export const CHANNEL_PREFERENCES = ['email_first', 'linkedin_first'] as const;
export type ChannelPreference = (typeof CHANNEL_PREFERENCES)[number];

// seed 004: status Allowed Values
export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed', 'archived'] as const;
export type OutreachCampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

// seed 004: target_company_sizes Allowed Values
export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

// seed 004: campaign_contacts.contact_type Allowed Values
export const CONTACT_TYPES = ['candidate', 'hiring_manager', 'decision_maker', 'referral'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

// seed 004: campaign_contacts.status Allowed Values
export const CONTACT_STATUSES = ['pending', 'sent', 'opened', 'responded', 'converted', 'bounced', 'unsubscribed'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

// seed 004: contacts_reached = COUNT(status IN ('sent', 'opened', 'responded', 'converted'))
export const REACHED_STATUSES: readonly ContactStatus[] = ['sent', 'opened', 'responded', 'converted'];

export const AB_VARIANTS = ['A', 'B'] as const;
export type AbVariant = (typeof AB_VARIANTS)[number];

// seed 004: RLS campaigns_team_view — the roles that may view the org's campaigns.
export const USER_ROLES = ['admin', 'ta_manager', 'recruiter'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A message template is written for one channel; `combined` campaigns may use either. */
export const TEMPLATE_CHANNELS = ['email', 'linkedin'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];

// seed 004: LinkedIn Message Templates — connection requests and InMails have their own limits.
export const LINKEDIN_MESSAGE_KINDS = ['connection_request', 'inmail'] as const;
export type LinkedInMessageKind = (typeof LINKEDIN_MESSAGE_KINDS)[number];
export const LINKEDIN_MAX_CHARS: Readonly<Record<LinkedInMessageKind, number>> = { connection_request: 300, inmail: 1900 };

/** What one send is, for the channel rules' windows. */
export const MESSAGE_KINDS = ['email', 'connection_request', 'inmail'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

// seed 004: Conversion Types (talent sourcing, then business development; mixed takes any).
export const TALENT_CONVERSION_TYPES = ['phone_screen', 'submission', 'interview', 'placement'] as const;
export const BD_CONVERSION_TYPES = ['discovery_call', 'meeting', 'proposal', 'deal'] as const;
export const CONVERSION_TYPES = [...TALENT_CONVERSION_TYPES, ...BD_CONVERSION_TYPES] as const;
export type ConversionType = (typeof CONVERSION_TYPES)[number];

// seed 004: engagement_tracking Event Types
export const ENGAGEMENT_EVENT_TYPES = [
  'email_sent',
  'email_opened',
  'link_clicked',
  'email_bounced',
  'unsubscribed',
  'linkedin_sent',
  'linkedin_viewed',
  'response_received',
] as const;
export type EngagementEventType = (typeof ENGAGEMENT_EVENT_TYPES)[number];

export const BOUNCE_TYPES = ['hard', 'soft'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/** Where a response came from (seed 004: Response Triggers). */
export const RESPONSE_CHANNELS = ['email', 'linkedin', 'phone', 'manual'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** Why a campaign changed status; `manual` unless a rule or a timer did it. */
export const STATUS_CHANGE_REASONS = ['manual', 'end_date_reached', 'targets_reached', 'all_contacts_processed', 'archive_after_90_days'] as const;
export type StatusChangeReason = (typeof STATUS_CHANGE_REASONS)[number];

// seed 004: Validation Rules → CampaignValidation
export const LIMITS = {
  nameMin: 3,
  nameMax: 200,
  descriptionMax: 5000,
  targetAudienceMax: 500,
  targetLocationsMaxItems: 50,
  targetLocationItemMax: 100,
  targetSkillsMaxItems: 30,
  targetSkillItemMax: 50,
  abSplitMin: 10,
  abSplitMax: 90,
  abSplitDefault: 50,
  targetContactsMin: 1,
  targetContactsMax: 100_000,
  targetResponseRateMin: 0,
  targetResponseRateMax: 100,
  targetConversionMin: 1,
  targetConversionMax: 10_000,
} as const;
// seed 004: name pattern /^[a-zA-Z0-9\s\-_()]+$/
export const CAMPAIGN_NAME_PATTERN = /^[a-zA-Z0-9\s\-_()]+$/;
// seed 004: linkedin_url pattern
export const LINKEDIN_URL_PATTERN = /^https?:\/\/(www\.)?linkedin\.com\/in\/[a-zA-Z0-9-]+\/?$/;

/** A campaign holds at most the seed's largest target_contacts_count. */
export const MAX_CONTACTS_PER_CAMPAIGN = LIMITS.targetContactsMax;

// seed 004: Soft bounce — retry up to 3 times over 48 hours, then mark as bounced.
// Hours after the first soft bounce at which retry 1, 2 and 3 are sent.
export const SOFT_BOUNCE_RETRY_HOURS = [4, 16, 48] as const;

// seed 004: Campaign Archival Rules — archive 90 days after completion.
export const ARCHIVE_AFTER_DAYS = 90;

// seed 004: A/B Test Winner Determination — statistical significance required.
export const AB_MIN_CONTACTS_PER_VARIANT = 100;
export const AB_MIN_RESPONSES_TOTAL = 30;
export const AB_SIGNIFICANCE_P = 0.05;
