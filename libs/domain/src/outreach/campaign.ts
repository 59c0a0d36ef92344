/**
 * The outreach campaign (seed 004): its settings, its status workflow
 * draft → active ⇄ paused → completed → archived, and the summary of the contacts added to it.
 * The contacts themselves live in their own streams (contact.ts), so a campaign of 100,000
 * contacts stays a short stream.
 */
import type { Event } from '../shared/decider';
import type { VariantCounts } from './ab-test';
import type { NamedContact } from './campaign.removal';
import type { ContactEvent } from './contact';
import { type DirectoryEvent, type DirectoryState, evolveDirectory, initialDirectoryState, type LeadEvent, type LeadView, leadViewOf } from './directory';
import { Registry } from './registry';
import { namedContactAfter } from './campaign.removal';
import type { CampaignType, Channel, ChannelPreference, CompanySize, OutreachCampaignStatus, StatusChangeReason } from './values';

export const campaignStreamId = (orgId: string, campaignId: string): string => `outreach-${orgId}/campaign/${campaignId}`;

/** Every setting a campaign's owner chooses (seed 004 columns, camelCased). Dates are YYYY-MM-DD. */
export interface CampaignSettings {
  readonly name: string;
  readonly description: string | null;
  readonly campaignType: CampaignType;
  readonly channel: Channel;
  /**
   * Which channel a combined campaign writes on first when a contact has both (seed 004:
   * "preference order configurable"). Absent in settings recorded before it existed: email first.
   */
  readonly channelPreference?: ChannelPreference;
  readonly targetAudience: string | null;
  readonly targetLocations: readonly string[] | null;
  readonly targetSkills: readonly string[] | null;
  readonly targetCompanySizes: readonly CompanySize[] | null;
  readonly isAbTest: boolean;
  readonly variantATemplateId: string | null;
  readonly variantBTemplateId: string | null;
  readonly abSplitPercentage: number;
  readonly targetContactsCount: number | null;
  /** Percent, two decimals (NUMERIC(5,2)). */
  readonly targetResponseRate: number | null;
  readonly targetConversionCount: number | null;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly ownerId: string;
}

export type CampaignCreated = Event<
  'CampaignCreated',
  {
    readonly orgId: string;
    readonly campaignId: string;
    readonly settings: CampaignSettings;
    readonly createdBy: string | null;
    readonly createdAt: string;
  }
>;

/** The whole new settings, not a patch: consumers never need the previous event to read it. */
export type CampaignUpdated = Event<
  'CampaignUpdated',
  { readonly orgId: string; readonly campaignId: string; readonly settings: CampaignSettings; readonly updatedAt: string }
>;

export type CampaignStatusChanged = Event<
  'CampaignStatusChanged',
  {
    readonly orgId: string;
    readonly campaignId: string;
    readonly from: OutreachCampaignStatus;
    readonly to: OutreachCampaignStatus;
    readonly reason: StatusChangeReason;
    /** seed 004: set on the first activation when not set before; null when unchanged. */
    readonly startDate: string | null;
    /** seed 004: set to today on completion when not set before; null when unchanged. */
    readonly endDate: string | null;
    readonly changedAt: string;
  }
>;

/** A bulk of contacts was added; each contact's own ContactAdded opens its stream in the same commit. */
export type ContactsAdded = Event<
  'ContactsAdded',
  {
    readonly orgId: string;
    readonly campaignId: string;
    readonly count: number;
    readonly variantACount: number;
    readonly variantBCount: number;
    readonly totalContacts: number;
    readonly addedAt: string;
  }
>;

/** What the owner is told when a campaign completes (seed 004: On Completion 4–5). */
export interface CompletionReport {
  readonly totalContacts: number;
  readonly contactsReached: number;
  readonly emailsSent: number;
  readonly linkedinMessagesSent: number;
  readonly responsesReceived: number;
  readonly conversions: number;
  readonly responseRate: number;
  /** Each A/B variant's contacts, responses and conversions (the seed's A/B test results); absent or null when none were counted. */
  readonly variants?: { readonly A: VariantCounts; readonly B: VariantCounts } | null;
}

/** The campaign's goals at completion (seed 004 Goals), so a report judges its success criteria by itself. */
export interface CompletionGoals {
  readonly targetContactsCount: number | null;
  readonly targetResponseRate: number | null;
  readonly targetConversionCount: number | null;
  readonly isAbTest: boolean;
}

export type CampaignCompletionReported = Event<
  'CampaignCompletionReported',
  {
    readonly orgId: string;
    readonly campaignId: string;
    readonly ownerId: string;
    readonly name: string;
    readonly reason: StatusChangeReason;
    readonly startDate: string | null;
    readonly endDate: string;
    readonly report: CompletionReport;
    /** Absent or null in events recorded before the goals were carried. */
    readonly goals?: CompletionGoals | null;
    readonly reportedAt: string;
  }
>;

export type OutreachCampaignEvent = CampaignCreated | CampaignUpdated | CampaignStatusChanged | ContactsAdded | CampaignCompletionReported;

/** The campaign as its decisions see it. */
export interface CampaignView {
  readonly campaignId: string;
  readonly status: OutreachCampaignStatus;
  readonly settings: CampaignSettings;
  /** Contacts added so far (variants are fixed once this is above zero). */
  readonly totalContacts: number;
}

/**
 * What the campaign decider folds: the org's directory and the leads an AddContacts names
 * (both read, never written), then the campaign's own stream.
 */
export interface CampaignState {
  readonly directory: DirectoryState;
  readonly leads: Registry<LeadView>;
  readonly campaign: CampaignView | null;
  /** The contact a RemoveContact names, read from its stream (campaign.removal.ts). */
  readonly named: NamedContact | null;
}

/**
 * Every event the campaign decider folds or records; ContactAdded opens each contact's stream,
 * ContactRemoved is recorded on the campaign's, and a RemoveContact reads its contact's stream.
 */
export type CampaignDeciderEvent = DirectoryEvent | LeadEvent | OutreachCampaignEvent | ContactEvent;

export const initialCampaignState = (): CampaignState => ({ directory: initialDirectoryState(), leads: Registry.empty(), campaign: null, named: null });

const withCampaign = (state: CampaignState, change: (campaign: CampaignView) => CampaignView): CampaignState =>
  state.campaign === null ? state : { ...state, campaign: change(state.campaign) };

export const evolveCampaign = (state: CampaignState, event: CampaignDeciderEvent): CampaignState => {
  switch (event.type) {
    case 'OrganizationRegistered':
    case 'UserProfileRegistered':
    case 'MessageTemplateCreated':
      return { ...state, directory: evolveDirectory(state.directory, event) };
    case 'LeadCreated':
      return { ...state, leads: state.leads.with(event.data.leadId, leadViewOf(event)) };
    case 'CampaignCreated': {
      const { campaignId, settings } = event.data;
      return { ...state, campaign: { campaignId, status: 'draft', settings, totalContacts: 0 } };
    }
    case 'CampaignUpdated':
      return withCampaign(state, (campaign) => ({ ...campaign, settings: event.data.settings }));
    case 'CampaignStatusChanged': {
      const { to, startDate, endDate } = event.data;
      return withCampaign(state, (campaign) => ({
        ...campaign,
        status: to,
        settings: { ...campaign.settings, startDate: startDate ?? campaign.settings.startDate, endDate: endDate ?? campaign.settings.endDate },
      }));
    }
    case 'ContactsAdded':
      return withCampaign(state, (campaign) => ({ ...campaign, totalContacts: event.data.totalContacts }));
    case 'CampaignCompletionReported':
      return state;
    case 'ContactRemoved':
      return {
        ...withCampaign(state, (campaign) => ({ ...campaign, totalContacts: event.data.totalContacts })),
        named: namedContactAfter(state.named, event),
      };
    default:
      return { ...state, named: namedContactAfter(state.named, event) };
  }
};
