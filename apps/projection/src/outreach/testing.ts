import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@campaign/contracts';
import { outreach } from '@campaign/domain';
import { outreachTesting } from '@campaign/domain/testing';
import { useSchemasOf } from '../shared/testing';
import { OutreachProjection } from './outreach.projection';

/** A test pool and outreach projections in fresh schemas, dropped after the enclosing describe. */
export const useOutreachSchemas = () => useSchemasOf((schema) => new OutreachProjection(schema));

type Settings = outreach.CampaignSettings;

export const campaignSettings = (ownerId: string, overrides: Partial<Settings> = {}): Settings => ({
  ...outreachTesting.SETTINGS,
  name: 'Q1 2024 Senior Java Developer Sourcing - NYC',
  description: 'Sourcing senior Java developers for Fortune 500 financial clients in NYC.',
  targetAudience: 'Senior Java developers with 5-10 years experience in financial services',
  targetLocations: ['New York, NY', 'Jersey City, NJ', 'Remote - US'],
  targetSkills: ['Java', 'Spring Boot', 'Microservices', 'AWS', 'Kubernetes'],
  targetContactsCount: 500,
  targetResponseRate: 15,
  ownerId,
  ...overrides,
});

export interface ContactSpec {
  readonly email?: string | null;
  readonly linkedinUrl?: string | null;
  readonly abVariant?: outreach.AbVariant | null;
  readonly leadId?: string | null;
  readonly contactType?: outreach.ContactType;
}

/**
 * Builds one organization's outreach events as the command side records them — streams,
 * versions, tenant, event shapes of libs/domain/src/outreach — so projection tests, e2e tests
 * and benchmarks can feed envelopes without going through Kafka. Times advance one second per
 * event from `start` (override per call with `at`).
 */
export class OutreachHistory {
  readonly envelopes: EventEnvelope[] = [];
  private readonly versions = new Map<string, number>();
  private readonly campaignOf = new Map<string, string>();
  private readonly statusOf = new Map<string, outreach.OutreachCampaignStatus>();
  private clock: number;

  constructor(
    readonly orgId: string = randomUUID(),
    start = Date.parse('2026-03-02T09:00:00.000Z'),
  ) {
    this.clock = start;
  }

  /** The time of the next event. */
  get now(): string {
    return new Date(this.clock + 1000).toISOString();
  }

  organization(name = 'Acme Talent'): this {
    this.emit(outreach.organizationStreamId(this.orgId), 'OrganizationRegistered', { orgId: this.orgId, name, registeredAt: this.now });
    return this;
  }

  user(role: outreach.UserRole = 'recruiter', userId: string = randomUUID()): string {
    const data = { orgId: this.orgId, userId, email: `${userId.slice(0, 8)}@acme.test`, fullName: `User ${userId.slice(0, 4)}`, role, registeredAt: this.now };
    this.emit(outreach.organizationStreamId(this.orgId), 'UserProfileRegistered', data);
    return userId;
  }

  template(channel: outreach.TemplateChannel = 'email', templateId: string = randomUUID()): string {
    const data = {
      orgId: this.orgId,
      templateId,
      name: `Template ${templateId.slice(0, 4)}`,
      channel,
      linkedinMessageKind: channel === 'linkedin' ? 'inmail' : null,
      subject: channel === 'email' ? 'Hello {{first_name}}' : null,
      body: 'Hi {{first_name}}, we have a role for you.',
      createdAt: this.now,
    };
    this.emit(outreach.organizationStreamId(this.orgId), 'MessageTemplateCreated', data);
    return templateId;
  }

  lead(leadId: string = randomUUID()): string {
    const data = {
      orgId: this.orgId,
      leadId,
      firstName: 'Lea',
      lastName: 'Lead',
      email: `lead-${leadId.slice(0, 8)}@corp.test`,
      linkedinUrl: null,
      companyName: 'Corp',
      title: 'CTO',
      createdAt: this.now,
    };
    this.emit(outreach.leadStreamId(this.orgId, leadId), 'LeadCreated', data);
    return leadId;
  }

  createCampaign(ownerId: string, overrides: Partial<Settings> = {}, campaignId: string = randomUUID()): string {
    const data = { orgId: this.orgId, campaignId, settings: campaignSettings(ownerId, overrides), createdBy: ownerId, createdAt: this.now };
    this.emit(outreach.campaignStreamId(this.orgId, campaignId), 'CampaignCreated', data);
    this.statusOf.set(campaignId, 'draft');
    return campaignId;
  }

  updateCampaign(campaignId: string, settings: Settings): this {
    this.emit(outreach.campaignStreamId(this.orgId, campaignId), 'CampaignUpdated', { orgId: this.orgId, campaignId, settings, updatedAt: this.now });
    return this;
  }

  changeStatus(campaignId: string, to: outreach.OutreachCampaignStatus, dates: { startDate?: string; endDate?: string } = {}): this {
    const from = this.statusOf.get(campaignId) ?? 'draft';
    const data = {
      orgId: this.orgId,
      campaignId,
      from,
      to,
      reason: 'manual',
      startDate: dates.startDate ?? null,
      endDate: dates.endDate ?? null,
      changedAt: this.now,
    };
    this.emit(outreach.campaignStreamId(this.orgId, campaignId), 'CampaignStatusChanged', data);
    this.statusOf.set(campaignId, to);
    return this;
  }

  /**
   * seed 004 On Completion: the campaign completed (end_date set when given) and its report, as
   * campaign.status.ts records them; the report's counters are whatever the test says they were.
   */
  completed(
    campaignId: string,
    report: outreach.CompletionReport,
    completion: { reason?: outreach.StatusChangeReason; startDate: string | null; endDate: string; goals?: outreach.CompletionGoals | null },
  ): this {
    const settingsEvent = [...this.envelopes]
      .reverse()
      .find((e) => e.type === 'CampaignCreated' && (e.data as { campaignId: string }).campaignId === campaignId);
    const settings = (settingsEvent?.data as { settings: Settings }).settings;
    this.changeStatus(campaignId, 'completed', { endDate: completion.endDate });
    this.emit(outreach.campaignStreamId(this.orgId, campaignId), 'CampaignCompletionReported', {
      orgId: this.orgId,
      campaignId,
      ownerId: settings.ownerId,
      name: settings.name,
      reason: completion.reason ?? 'manual',
      startDate: completion.startDate,
      endDate: completion.endDate,
      report,
      goals: completion.goals ?? null,
      reportedAt: this.now,
    });
    return this;
  }

  /** ContactsAdded on the campaign, then each contact's ContactAdded in its own stream. */
  addContacts(campaignId: string, specs: readonly ContactSpec[]): string[] {
    const ids = specs.map(() => randomUUID());
    const variants = specs.map((s) => s.abVariant ?? null);
    const count = (v: string) => variants.filter((x) => x === v).length;
    const total = [...this.campaignOf.values()].filter((c) => c === campaignId).length + specs.length;
    const summary = {
      orgId: this.orgId,
      campaignId,
      count: specs.length,
      variantACount: count('A'),
      variantBCount: count('B'),
      totalContacts: total,
      addedAt: this.now,
    };
    this.emit(outreach.campaignStreamId(this.orgId, campaignId), 'ContactsAdded', summary);
    specs.forEach((spec, i) => {
      this.campaignOf.set(ids[i], campaignId);
      this.contactEvent(ids[i], 'ContactAdded', {
        contactType: spec.contactType ?? 'candidate',
        userId: null,
        leadId: spec.leadId ?? null,
        firstName: 'John',
        lastName: `Doe ${i}`,
        email: spec.email === undefined ? `john.doe.${ids[i].slice(0, 8)}@example.com` : spec.email,
        linkedinUrl: spec.linkedinUrl ?? null,
        companyName: 'TechCorp Inc',
        title: 'Senior Software Engineer',
        abVariant: spec.abVariant ?? null,
        templateUsedId: null,
        linkedinMessageKind: null,
        addedAt: this.now,
      });
    });
    return ids;
  }

  sent(contactId: string, channel: outreach.TemplateChannel = 'email'): this {
    const data = { dispatchId: randomUUID(), channel, provider: channel === 'email' ? 'smtp' : 'linkedin', messageId: randomUUID(), sentAt: this.now };
    return this.contactEvent(contactId, 'MessageSent', data);
  }

  opened(contactId: string): this {
    return this.contactEvent(contactId, 'EmailOpened', {
      trackingId: 't-1',
      userAgent: 'Mozilla/5.0',
      ipAddress: '192.168.1.1',
      location: 'NYC',
      openedAt: this.now,
    });
  }

  clicked(contactId: string, url = 'https://intime.com/jobs/senior-java-developer'): this {
    return this.contactEvent(contactId, 'LinkClicked', {
      trackingId: 't-1',
      userAgent: 'Mozilla/5.0',
      ipAddress: '192.168.1.1',
      url,
      linkText: 'View Job Details',
      clickedAt: this.now,
    });
  }

  bounced(contactId: string, bounce: { final: boolean; bounceType?: outreach.BounceType; softBounceCount?: number }): this {
    const bounceType = bounce.bounceType ?? (bounce.final ? 'hard' : 'soft');
    const data = {
      bounceType,
      bounceReason: 'mailbox unavailable',
      softBounceCount: bounce.softBounceCount ?? (bounceType === 'soft' ? 1 : 0),
      retryAt: bounce.final ? null : this.now,
      final: bounce.final,
      email: null,
      bouncedAt: this.now,
    };
    return this.contactEvent(contactId, 'EmailBounced', data);
  }

  requeued(contactId: string, attempt = 2): this {
    return this.contactEvent(contactId, 'ContactRequeued', { attempt, requeuedAt: this.now });
  }

  responded(contactId: string, text: string | null = 'Interested, let us talk', channel: outreach.ResponseChannel = 'email'): this {
    return this.contactEvent(contactId, 'ContactResponded', { channel, responseText: text, respondedAt: this.now });
  }

  converted(contactId: string, conversionType: outreach.ConversionType = 'submission'): this {
    return this.contactEvent(contactId, 'ContactConverted', { conversionType, conversionEntityId: randomUUID(), convertedAt: this.now });
  }

  unsubscribed(contactId: string): this {
    return this.contactEvent(contactId, 'ContactUnsubscribed', { email: null, reason: 'not interested', unsubscribedAt: this.now });
  }

  viewed(contactId: string): this {
    return this.contactEvent(contactId, 'LinkedInProfileViewed', { viewedAt: this.now });
  }

  dispatchRequested(contactId: string, channel: outreach.TemplateChannel = 'email'): this {
    const data = {
      dispatchId: randomUUID(),
      channel,
      messageKind: channel === 'email' ? 'email' : 'inmail',
      templateId: null,
      senderId: randomUUID(),
      attempt: 1,
      requestedAt: this.now,
    };
    return this.contactEvent(contactId, 'ContactDispatchRequested', data);
  }

  /** A sender adapter could not send (the dispatch id is a fresh one: the read models do not keep it). */
  dispatchFailed(contactId: string, retryable = true, reason = 'SMTP 421 service not available'): this {
    return this.contactEvent(contactId, 'ContactDispatchFailed', { dispatchId: randomUUID(), reason, retryable, failedAt: this.now });
  }

  private contactEvent(contactId: string, type: outreach.ContactEvent['type'], fields: Record<string, unknown>): this {
    const campaignId = this.campaignOf.get(contactId);
    if (!campaignId) throw new Error(`contact ${contactId} was not added by this history`);
    this.emit(outreach.contactStreamId(this.orgId, contactId), type, { orgId: this.orgId, campaignId, contactId, ...fields });
    return this;
  }

  private emit(streamId: string, type: string, data: Record<string, unknown>): EventEnvelope {
    this.clock += 1000;
    const streamVersion = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, streamVersion);
    const correlationId = randomUUID();
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type,
      schemaVersion: 1,
      context: 'outreach',
      streamId,
      streamVersion,
      globalPosition: String(this.envelopes.length + 1),
      occurredAt: new Date(this.clock).toISOString(),
      correlationId,
      causationId: null,
      actor: 'user:test',
      tenant: this.orgId,
      data,
    };
    this.envelopes.push(envelope);
    return envelope;
  }
}

/** Three contacts of one email campaign taken a few steps each (sent, opened, replied, converted, bounced). */
export const threeContactHistory = () => {
  const h = new OutreachHistory().organization();
  const campaignId = h.createCampaign(h.user());
  const contacts = h.addContacts(campaignId, [{}, {}, {}]);
  h.changeStatus(campaignId, 'active', { startDate: '2026-03-02' });
  for (const id of contacts) h.dispatchRequested(id).sent(id);
  h.opened(contacts[0]).responded(contacts[0], 'Yes').converted(contacts[0]);
  h.bounced(contacts[1], { final: true });
  return { h, campaignId, contacts };
};
