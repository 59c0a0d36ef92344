/**
 * The data of each event of the benchmark's history, typed by the outreach vocabulary
 * (libs/domain/src/outreach), so a change to an event's shape breaks this build rather than the
 * rebuild. Times are fixed offsets from one instant: the same seed gives the same events.
 */
import { outreach } from '@campaign/domain';
import { type PlannedCampaign, type PlannedContact, type PlannedOrg, STEP } from './history-plan';

type ContactEvent = outreach.ContactEvent;
export type TypedEvent = { readonly type: string; readonly data: unknown };

const HOUR = 3_600_000;
export const HISTORY_START = Date.UTC(2026, 0, 5, 9, 0, 0);
export const at = (ms: number): string => new Date(HISTORY_START + ms).toISOString();

const FIRST = ['Ada', 'Grace', 'Linus', 'Barbara', 'Ken', 'Margaret', 'Dennis', 'Frances'];
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Liskov', 'Thompson', 'Hamilton', 'Ritchie', 'Allen'];
const SKILLS = ['Java', 'Spring Boot', 'Microservices', 'AWS', 'Kubernetes'];

/** Who owns (and sends for) every campaign of an org in the history: its third user. */
export const ownerOf = (org: PlannedOrg): string => org.userIds[2];

export const orgEvents = (org: PlannedOrg, index: number): TypedEvent[] => {
  const orgId = org.id;
  const registeredAt = at(0);
  const roles = ['admin', 'ta_manager', 'recruiter'] as const;
  const users = org.userIds.map((userId, i) => ({
    type: 'UserProfileRegistered',
    data: {
      orgId,
      userId,
      email: `${roles[i]}@org${index}.example.com`,
      fullName: `${FIRST[i]} ${LAST[i]}`,
      role: roles[i],
      registeredAt,
    } satisfies outreach.UserProfileRegistered['data'],
  }));
  const template = (templateId: string, name: string, channel: outreach.TemplateChannel, kind: outreach.LinkedInMessageKind | null) => ({
    type: 'MessageTemplateCreated',
    data: {
      orgId,
      templateId,
      name,
      channel,
      linkedinMessageKind: kind,
      subject: channel === 'email' ? `${name} — an opening for you` : null,
      body: 'Hi {{first_name}}, we are hiring senior engineers and thought of you.',
      createdAt: registeredAt,
    } satisfies outreach.MessageTemplateCreated['data'],
  });
  return [
    { type: 'OrganizationRegistered', data: { orgId, name: `Bench Org ${index}`, registeredAt } satisfies outreach.OrganizationRegistered['data'] },
    ...users,
    template(org.emailTemplateIds[0], 'Email A', 'email', null),
    template(org.emailTemplateIds[1], 'Email B', 'email', null),
    template(org.linkedinTemplateIds[0], 'Connection request', 'linkedin', 'connection_request'),
    template(org.linkedinTemplateIds[1], 'InMail', 'linkedin', 'inmail'),
  ];
};

const person = (n: number) => ({
  firstName: FIRST[n % FIRST.length],
  lastName: LAST[(n >> 3) % LAST.length],
  email: `contact${n}@example.com`,
  linkedinUrl: `https://linkedin.com/in/contact${n}`,
  companyName: `Company ${n % 997}`,
  title: 'Senior Software Engineer',
});

export const leadCreated = (orgId: string, leadId: string, contact: PlannedContact): TypedEvent => ({
  type: 'LeadCreated',
  data: { orgId, leadId, ...person(contact.n), createdAt: at(HOUR / 2) } satisfies outreach.LeadCreated['data'],
});

export const campaignCreated = (campaign: PlannedCampaign): TypedEvent => {
  const { org } = campaign;
  const settings: outreach.CampaignSettings = {
    name: `Q1 2026 Senior Java Developer Sourcing ${campaign.index}`,
    description: 'Benchmark campaign',
    campaignType: 'talent_sourcing',
    channel: campaign.channel,
    targetAudience: 'Senior Java developers',
    targetLocations: ['New York, NY', 'Remote - US'],
    targetSkills: SKILLS,
    targetCompanySizes: ['51-200', '201-500'],
    isAbTest: campaign.isAbTest,
    variantATemplateId: campaign.isAbTest ? org.emailTemplateIds[0] : null,
    variantBTemplateId: campaign.isAbTest ? org.emailTemplateIds[1] : null,
    abSplitPercentage: campaign.isAbTest ? 70 : 50,
    targetContactsCount: 100_000,
    targetResponseRate: 15,
    targetConversionCount: 500,
    startDate: null,
    endDate: null,
    ownerId: ownerOf(org),
  };
  const data = { orgId: org.id, campaignId: campaign.id, settings, createdBy: ownerOf(org), createdAt: at(HOUR + campaign.index * 60_000) };
  return { type: 'CampaignCreated', data: data satisfies outreach.CampaignCreated['data'] };
};

export const contactsAdded = (campaign: PlannedCampaign, bulk: readonly PlannedContact[], totalContacts: number): TypedEvent => {
  const variantACount = bulk.filter((c) => c.variant === 'A').length;
  const variantBCount = bulk.filter((c) => c.variant === 'B').length;
  const data = { orgId: campaign.org.id, campaignId: campaign.id, count: bulk.length, variantACount, variantBCount, totalContacts, addedAt: at(2 * HOUR) };
  return { type: 'ContactsAdded', data: data satisfies outreach.ContactsAdded['data'] };
};

export const contactAdded = (campaign: PlannedCampaign, contact: PlannedContact): TypedEvent => {
  const data = {
    orgId: campaign.org.id,
    campaignId: campaign.id,
    contactId: contact.id,
    contactType: 'candidate',
    userId: null,
    leadId: contact.leadId,
    ...person(contact.n),
    abVariant: contact.variant,
    templateUsedId: contact.templateId,
    linkedinMessageKind: contact.linkedinMessageKind,
    addedAt: at(2 * HOUR),
  } satisfies outreach.ContactAdded['data'];
  return { type: 'ContactAdded', data };
};

export const statusChanged = (
  campaign: PlannedCampaign,
  from: outreach.OutreachCampaignStatus,
  to: outreach.OutreachCampaignStatus,
  ms: number,
): TypedEvent => {
  const day = at(ms).slice(0, 10);
  const data = {
    orgId: campaign.org.id,
    campaignId: campaign.id,
    from,
    to,
    reason: 'manual',
    // seed 004: activation sets start_date (if not set); completion sets end_date to today.
    startDate: from === 'draft' && to === 'active' ? day : null,
    endDate: to === 'completed' ? day : null,
    changedAt: at(ms),
  } satisfies outreach.CampaignStatusChanged['data'];
  return { type: 'CampaignStatusChanged', data };
};

/** What a contact's story has reached so far: its attempt and the dispatch a send answers. */
export interface ContactProgress {
  attempt: number;
  softBounces: number;
  dispatchId: string;
  firstBounceMs: number;
}

type Ref = { readonly orgId: string; readonly campaignId: string; readonly contactId: string };
type DataOf<T extends ContactEvent['type']> = Omit<Extract<ContactEvent, { type: T }>['data'], keyof Ref>;
type Make = <T extends ContactEvent['type']>(type: T, data: DataOf<T>) => TypedEvent;
const tracking = (n: number) => ({ trackingId: `trk-${n}`, userAgent: 'Mozilla/5.0 (bench)', ipAddress: `10.0.${(n >> 8) & 255}.${n & 255}` });

/** The event of one step of a contact's story, at `ms` after the history's start. */
export const contactStep = (
  step: number,
  ref: Ref,
  contact: PlannedContact,
  progress: ContactProgress,
  ms: number,
  id: string,
  senderId: string,
): TypedEvent => {
  const when = at(ms);
  const channel = contact.channel;
  const make: Make = (type, data) => ({ type, data: { ...ref, ...data } });
  switch (step) {
    case STEP.dispatch:
      progress.dispatchId = id;
      return make('ContactDispatchRequested', {
        dispatchId: id,
        channel,
        messageKind: contact.linkedinMessageKind ?? 'email',
        templateId: contact.templateId,
        // The campaign's owner sends (seed 004: limits per sender); a user id, as the dispatcher writes it.
        senderId,
        attempt: progress.attempt,
        requestedAt: when,
      });
    case STEP.sent:
      return make('MessageSent', {
        dispatchId: progress.dispatchId,
        channel,
        provider: channel === 'email' ? 'smtp' : 'linkedin',
        messageId: `msg-${id}`,
        sentAt: when,
      });
    case STEP.opened:
      return make('EmailOpened', { ...tracking(contact.n), location: 'New York, US', openedAt: when });
    case STEP.clicked:
      return make('LinkClicked', {
        ...tracking(contact.n),
        url: 'https://example.com/jobs/senior-java-developer',
        linkText: 'View Job Details',
        clickedAt: when,
      });
    case STEP.softBounce:
    case STEP.finalSoftBounce:
    case STEP.hardBounce:
      return bounce(step, make, contact, progress, ms);
    case STEP.requeued:
      progress.attempt += 1;
      return make('ContactRequeued', { attempt: progress.attempt, requeuedAt: when });
    case STEP.responded:
      return make('ContactResponded', { channel, responseText: `Thanks, contact ${contact.n} is interested.`, respondedAt: when });
    case STEP.converted:
      return make('ContactConverted', { conversionType: 'phone_screen', conversionEntityId: id, convertedAt: when });
    case STEP.unsubscribed:
      return make('ContactUnsubscribed', { email: `contact${contact.n}@example.com`, reason: 'not interested', unsubscribedAt: when });
    default:
      return make('LinkedInProfileViewed', { viewedAt: when });
  }
};

const bounce = (step: number, make: Make, contact: PlannedContact, progress: ContactProgress, ms: number): TypedEvent => {
  const email = `contact${contact.n}@example.com`;
  if (step === STEP.hardBounce) {
    return make('EmailBounced', {
      bounceType: 'hard',
      bounceReason: 'mailbox does not exist',
      softBounceCount: 0,
      retryAt: null,
      final: true,
      email,
      bouncedAt: at(ms),
      addressRejected: true,
    });
  }
  progress.softBounces += 1;
  if (progress.softBounces === 1) progress.firstBounceMs = ms;
  const final = step === STEP.finalSoftBounce;
  // seed 004: soft bounce — retry up to 3 times over 48 hours (retry i at SOFT_BOUNCE_RETRY_HOURS[i-1] after the first).
  const retryAt = final ? null : at(progress.firstBounceMs + outreach.SOFT_BOUNCE_RETRY_HOURS[progress.softBounces - 1] * HOUR);
  return make('EmailBounced', {
    bounceType: 'soft',
    bounceReason: 'mailbox full',
    softBounceCount: progress.softBounces,
    retryAt,
    final,
    email,
    bouncedAt: at(ms),
    addressRejected: true,
  });
};
