/**
 * Test builders for the outreach deciders (seed 004): ids, metadata, the events `decide`
 * records for the default commands, and histories that bring a campaign or a contact to a
 * given state. Production code never imports this file.
 */
import type { Command, CommandMetadata } from '../shared/decider';
import type { CampaignCreated, CampaignSettings, CampaignStatusChanged, ContactsAdded, OutreachCampaignEvent } from './campaign';
import type { CampaignCommand, ContactCommand, DirectoryCommand, LeadCommand } from './commands';
import type { ContactAdded, ContactDispatchFailed, ContactDispatchRequested, ContactEvent, EmailBounced, MessageSent } from './contact';
import type { DirectoryEvent, LeadCreated, MessageTemplateCreated, UserProfileRegistered } from './directory';
import type { LinkedInMessageKind, OutreachCampaignStatus, TemplateChannel, UserRole } from './values';

export const NOW = '2026-04-01T09:00:00.000Z';
export const TODAY = '2026-04-01';
export const ORG_ID = '123e4567-e89b-42d3-a456-426614174000';
export const ADMIN_ID = 'a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d';
export const RECRUITER_ID = 'b2c3d4e5-f6a7-4b6c-9d0e-1f2a3b4c5d6e';
export const CAMPAIGN_ID = '123e4567-e89b-42d3-a456-426614174001';
export const LEAD_ID = 'c3d4e5f6-a7b8-4c7d-8e1f-2a3b4c5d6e7f';
export const DISPATCH_ID = 'd4e5f6a7-b8c9-4d8e-9f2a-3b4c5d6e7f80';
export const TEMPLATE = {
  emailA: 'e0000000-0000-4000-8000-00000000000a',
  emailB: 'e0000000-0000-4000-8000-00000000000b',
  connection: 'e0000000-0000-4000-8000-00000000000c',
  inmail: 'e0000000-0000-4000-8000-00000000000d',
} as const;

/** The n-th contact id: a distinct lowercase UUID per n. */
export const contactId = (n: number): string => `c0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const CONTACT_ID = contactId(1);

/** The date `days` after TODAY (before, when negative). */
export const dayOffset = (days: number): string => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const METADATA: CommandMetadata = {
  commandId: '0b9e3c1d-7a2f-4e5b-8c6d-1f2a3b4c5d6e',
  now: NOW,
  actor: `user:${ADMIN_ID}`,
  tenant: ORG_ID,
  role: 'admin',
};

type AnyCommand = DirectoryCommand | LeadCommand | CampaignCommand | ContactCommand;
type Build<C extends Command> = (data?: Partial<C['data']>, metadata?: Partial<CommandMetadata>) => C;
const build =
  <C extends AnyCommand>(type: C['type'], defaults: C['data']): Build<C> =>
  (data = {}, metadata = {}) =>
    ({ type, data: { ...defaults, ...data }, metadata: { ...METADATA, ...metadata } }) as C;
type Of<T extends AnyCommand['type']> = Extract<AnyCommand, { type: T }>;
const on = { campaignId: CAMPAIGN_ID, contactId: CONTACT_ID };
const REPORT = { totalContacts: 1, contactsReached: 1, emailsSent: 1, linkedinMessagesSent: 0, responsesReceived: 0, conversions: 0, responseRate: 0 };

/** Outreach commands in ORG_ID at NOW by the admin; `data` and `metadata` override. */
export const outreachCommand = {
  registerOrganization: build<Of<'RegisterOrganization'>>('RegisterOrganization', { orgId: ORG_ID, name: 'Acme Talent' }),
  registerUser: build<Of<'RegisterUserProfile'>>('RegisterUserProfile', {
    userId: RECRUITER_ID,
    email: 'rita@acme.test',
    fullName: 'Rita Recruiter',
    role: 'recruiter',
  }),
  createTemplate: build<Of<'CreateMessageTemplate'>>('CreateMessageTemplate', {
    templateId: TEMPLATE.emailA,
    name: 'Intro',
    channel: 'email',
    subject: 'Hello {{first_name}}',
    body: 'Hi {{first_name}}, a role for you.',
  }),
  createLead: build<Of<'CreateLead'>>('CreateLead', { leadId: LEAD_ID, firstName: 'Lea', email: 'lea@lead.test', linkedinUrl: 'https://linkedin.com/in/lea' }),
  createCampaign: build<Of<'CreateCampaign'>>('CreateCampaign', {
    campaignId: CAMPAIGN_ID,
    name: 'Q1 2026 Java Sourcing',
    ownerId: ADMIN_ID,
    createdBy: ADMIN_ID,
  }),
  updateCampaign: build<Of<'UpdateCampaign'>>('UpdateCampaign', { campaignId: CAMPAIGN_ID, changes: {} }),
  activate: build<Of<'ActivateCampaign'>>('ActivateCampaign', { campaignId: CAMPAIGN_ID }),
  pause: build<Of<'PauseCampaign'>>('PauseCampaign', { campaignId: CAMPAIGN_ID }),
  complete: build<Of<'CompleteCampaign'>>('CompleteCampaign', { campaignId: CAMPAIGN_ID, reason: 'manual', report: REPORT }),
  archive: build<Of<'ArchiveCampaign'>>('ArchiveCampaign', { campaignId: CAMPAIGN_ID, reason: 'manual' }),
  addContacts: build<Of<'AddContacts'>>('AddContacts', { campaignId: CAMPAIGN_ID, contacts: [{ contactId: CONTACT_ID, email: 'john.doe@example.com' }] }),
  dispatch: build<Of<'DispatchContact'>>('DispatchContact', {
    ...on,
    dispatchId: DISPATCH_ID,
    checks: { suppressed: false, previouslyBounced: false, sendLimit: null },
  }),
  recordSent: build<Of<'RecordMessageSent'>>('RecordMessageSent', { ...on, dispatchId: DISPATCH_ID, provider: 'smtp', messageId: 'm-1' }),
  recordDispatchFailed: build<Of<'RecordDispatchFailed'>>('RecordDispatchFailed', {
    ...on,
    dispatchId: DISPATCH_ID,
    reason: 'provider unavailable',
    retryable: true,
  }),
  recordOpened: build<Of<'RecordEmailOpened'>>('RecordEmailOpened', { ...on }),
  recordClicked: build<Of<'RecordLinkClicked'>>('RecordLinkClicked', { ...on, url: 'https://intime.com/jobs/senior-java-developer' }),
  recordBounce: build<Of<'RecordBounce'>>('RecordBounce', { ...on, bounceType: 'soft' }),
  requeue: build<Of<'RequeueContact'>>('RequeueContact', { ...on }),
  recordResponse: build<Of<'RecordResponse'>>('RecordResponse', { ...on, channel: 'email', responseText: 'Interested' }),
  recordConversion: build<Of<'RecordConversion'>>('RecordConversion', { ...on, conversionType: 'phone_screen' }),
  unsubscribe: build<Of<'UnsubscribeContact'>>('UnsubscribeContact', { ...on }),
  recordProfileViewed: build<Of<'RecordLinkedInProfileViewed'>>('RecordLinkedInProfileViewed', { ...on }),
};

export const SETTINGS: CampaignSettings = {
  name: 'Q1 2026 Java Sourcing',
  description: null,
  campaignType: 'talent_sourcing',
  channel: 'email',
  channelPreference: 'email_first',
  targetAudience: null,
  targetLocations: null,
  targetSkills: null,
  targetCompanySizes: null,
  isAbTest: false,
  variantATemplateId: null,
  variantBTemplateId: null,
  abSplitPercentage: 50,
  targetContactsCount: null,
  targetResponseRate: null,
  targetConversionCount: null,
  startDate: null,
  endDate: null,
  ownerId: ADMIN_ID,
};

/** A/B settings with the two email templates of the directory. */
export const AB_SETTINGS: Partial<CampaignSettings> = { isAbTest: true, variantATemplateId: TEMPLATE.emailA, variantBTemplateId: TEMPLATE.emailB };

const orgRef = { orgId: ORG_ID };
const ref = { ...orgRef, campaignId: CAMPAIGN_ID, contactId: CONTACT_ID };

const template = (templateId: string, channel: TemplateChannel, linkedinMessageKind: LinkedInMessageKind | null): MessageTemplateCreated => ({
  type: 'MessageTemplateCreated',
  data: {
    ...orgRef,
    templateId,
    name: 'Template',
    channel,
    linkedinMessageKind,
    subject: channel === 'email' ? 'Hello' : null,
    body: 'Hi {{first_name}}',
    createdAt: NOW,
  },
});
const user = (userId: string, role: UserRole, email: string): UserProfileRegistered => ({
  type: 'UserProfileRegistered',
  data: { ...orgRef, userId, email, fullName: 'Someone', role, registeredAt: NOW },
});

/** Outreach events of ORG_ID / CAMPAIGN_ID / CONTACT_ID at NOW; `data` overrides. */
export const outreachEvent = {
  orgRegistered: (): DirectoryEvent => ({ type: 'OrganizationRegistered', data: { ...orgRef, name: 'Acme Talent', registeredAt: NOW } }),
  user,
  template,
  leadCreated: (data: Partial<LeadCreated['data']> = {}): LeadCreated => ({
    type: 'LeadCreated',
    data: {
      ...orgRef,
      leadId: LEAD_ID,
      firstName: 'Lea',
      lastName: null,
      email: 'lea@lead.test',
      linkedinUrl: 'https://linkedin.com/in/lea',
      companyName: null,
      title: null,
      createdAt: NOW,
      ...data,
    },
  }),
  campaignCreated: (settings: Partial<CampaignSettings> = {}, data: Partial<CampaignCreated['data']> = {}): CampaignCreated => ({
    type: 'CampaignCreated',
    data: { ...orgRef, campaignId: CAMPAIGN_ID, settings: { ...SETTINGS, ...settings }, createdBy: ADMIN_ID, createdAt: NOW, ...data },
  }),
  statusChanged: (from: OutreachCampaignStatus, to: OutreachCampaignStatus, data: Partial<CampaignStatusChanged['data']> = {}): CampaignStatusChanged => ({
    type: 'CampaignStatusChanged',
    data: { ...orgRef, campaignId: CAMPAIGN_ID, from, to, reason: 'manual', startDate: null, endDate: null, changedAt: NOW, ...data },
  }),
  contactsAdded: (data: Partial<ContactsAdded['data']> = {}): ContactsAdded => ({
    type: 'ContactsAdded',
    data: { ...orgRef, campaignId: CAMPAIGN_ID, count: 1, variantACount: 0, variantBCount: 0, totalContacts: 1, addedAt: NOW, ...data },
  }),
  contactAdded: (data: Partial<ContactAdded['data']> = {}): ContactAdded => ({
    type: 'ContactAdded',
    data: {
      ...ref,
      contactType: 'candidate',
      userId: null,
      leadId: null,
      firstName: null,
      lastName: null,
      email: 'john.doe@example.com',
      linkedinUrl: null,
      companyName: null,
      title: null,
      abVariant: null,
      templateUsedId: null,
      linkedinMessageKind: null,
      addedAt: NOW,
      ...data,
    },
  }),
  dispatchRequested: (data: Partial<ContactDispatchRequested['data']> = {}): ContactDispatchRequested => ({
    type: 'ContactDispatchRequested',
    data: {
      ...ref,
      dispatchId: DISPATCH_ID,
      channel: 'email',
      messageKind: 'email',
      templateId: null,
      senderId: ADMIN_ID,
      attempt: 1,
      requestedAt: NOW,
      ...data,
    },
  }),
  messageSent: (data: Partial<MessageSent['data']> = {}): MessageSent => ({
    type: 'MessageSent',
    data: { ...ref, dispatchId: DISPATCH_ID, channel: 'email', provider: 'smtp', messageId: 'm-1', sentAt: NOW, ...data },
  }),
  dispatchFailed: (data: Partial<ContactDispatchFailed['data']> = {}): ContactDispatchFailed => ({
    type: 'ContactDispatchFailed',
    data: { ...ref, dispatchId: DISPATCH_ID, reason: 'provider unavailable', retryable: true, failedAt: NOW, recipientRejected: false, ...data },
  }),
  bounced: (data: Partial<EmailBounced['data']> = {}): EmailBounced => ({
    type: 'EmailBounced',
    data: {
      ...ref,
      bounceType: 'hard',
      bounceReason: null,
      softBounceCount: 0,
      retryAt: null,
      final: true,
      email: 'john.doe@example.com',
      bouncedAt: NOW,
      addressRejected: true,
      ...data,
    },
  }),
};

/** The org, its admin and a recruiter, two email templates, a connection-request and an InMail template. */
export const directory = (): DirectoryEvent[] => [
  outreachEvent.orgRegistered(),
  user(ADMIN_ID, 'admin', 'ada@acme.test'),
  user(RECRUITER_ID, 'recruiter', 'rita@acme.test'),
  template(TEMPLATE.emailA, 'email', null),
  template(TEMPLATE.emailB, 'email', null),
  template(TEMPLATE.connection, 'linkedin', 'connection_request'),
  template(TEMPLATE.inmail, 'linkedin', 'inmail'),
];

/** The status path from draft, by the shortest allowed route. */
const PATH_TO: Record<OutreachCampaignStatus, readonly OutreachCampaignStatus[]> = {
  draft: ['draft'],
  active: ['draft', 'active'],
  paused: ['draft', 'active', 'paused'],
  completed: ['draft', 'active', 'completed'],
  archived: ['draft', 'active', 'completed', 'archived'],
};

export interface CampaignHistory {
  readonly settings?: Partial<CampaignSettings>;
  /** Contacts added while in draft (default 1; 0 adds none). */
  readonly contacts?: number;
}

/** The campaign stream (without the directory) of CAMPAIGN_ID brought to `status`. */
export const campaignStream = (status: OutreachCampaignStatus, history: CampaignHistory = {}): OutreachCampaignEvent[] => {
  const contacts = history.contacts ?? 1;
  const path = PATH_TO[status];
  return [
    outreachEvent.campaignCreated(history.settings),
    ...(contacts > 0 ? [outreachEvent.contactsAdded({ count: contacts, totalContacts: contacts })] : []),
    ...path.slice(1).map((to, i) =>
      outreachEvent.statusChanged(path[i], to, {
        startDate: to === 'active' && path[i] === 'draft' ? TODAY : null,
        endDate: to === 'completed' ? TODAY : null,
      }),
    ),
  ];
};

/** The directory and the campaign brought to `status`: what the campaign decider folds. */
export const campaignIn = (status: OutreachCampaignStatus, history: CampaignHistory = {}) => [...directory(), ...campaignStream(status, history)];

/** What the contact decider folds: CAMPAIGN_ID brought to `status`, then CONTACT_ID's own events. */
export const contactIn = (
  status: OutreachCampaignStatus,
  contactEvents: readonly ContactEvent[] = [],
  settings: Partial<CampaignSettings> = {},
): (OutreachCampaignEvent | ContactEvent)[] => [...campaignStream(status, { settings }), outreachEvent.contactAdded(), ...contactEvents];

/** A contact sent one email (dispatch, then sent). */
export const sentOnce = (): ContactEvent[] => [outreachEvent.dispatchRequested(), outreachEvent.messageSent()];
