import type { outreach } from '@campaign/domain';
import { outreachTesting } from '@campaign/domain/testing';
import { randomUUID } from 'node:crypto';
import { decodeEvent, encodeEvent, type EventEnvelope } from '../envelope';
import { outreachEventSchemas } from './events';

type OutreachEvent = outreach.DirectoryEvent | outreach.LeadEvent | outreach.OutreachCampaignEvent | outreach.ContactEvent | outreach.PersonalDataErased;
/** Samples typed by the domain's event data, so a field the domain lacks (or misses) does not compile. */
type Samples = { readonly [K in OutreachEvent['type']]: readonly Extract<OutreachEvent, { type: K }>['data'][] };

const orgId = '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f';
const campaignId = '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d';
const contactId = 'c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b';
const at = '2026-05-01T12:00:00.000Z';
const ref = { orgId, campaignId, contactId };

const settings: outreach.CampaignSettings = {
  name: 'Senior Backend Engineers (Berlin)',
  description: 'Q3 sourcing for the platform team',
  campaignType: 'talent_sourcing',
  channel: 'combined',
  channelPreference: 'linkedin_first',
  targetAudience: 'Backend engineers with 5+ years',
  targetLocations: ['Berlin', 'Remote (EU)'],
  targetSkills: ['TypeScript', 'PostgreSQL', 'Kafka'],
  targetCompanySizes: ['51-200', '5001+'],
  isAbTest: true,
  variantATemplateId: 'tpl-a',
  variantBTemplateId: 'tpl-b',
  abSplitPercentage: 60,
  targetContactsCount: 500,
  targetResponseRate: 12.5,
  targetConversionCount: 10,
  startDate: '2026-05-04',
  endDate: '2026-06-30',
  ownerId: 'user-7',
};
/** seed 004's defaults: every optional field empty. */
const bareSettings: outreach.CampaignSettings = {
  ...outreachTesting.SETTINGS,
  name: settings.name,
  campaignType: 'business_development',
  ownerId: settings.ownerId,
};
const report = {
  totalContacts: 500,
  contactsReached: 420,
  emailsSent: 300,
  linkedinMessagesSent: 130,
  responsesReceived: 63,
  conversions: 9,
  responseRate: 15,
};
const person = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
  companyName: 'Analytical Engines',
  title: 'CTO',
};
const nobody = { firstName: null, lastName: null, email: null, linkedinUrl: null, companyName: null, title: null };
const tracking = { trackingId: 'trk-1', userAgent: 'Mozilla/5.0', ipAddress: '203.0.113.9' };
const untracked = { trackingId: null, userAgent: null, ipAddress: null };

const SAMPLES: Samples = {
  PersonalDataErased: [
    {
      orgId: '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f',
      erasureId: 'e7a5e000-0000-4000-8000-000000000001',
      basis: 'request',
      campaignId: null,
      subjects: ['outreach-6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f/contact/c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b'],
      reason: 'data subject request',
      requestedBy: 'user:a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d',
      erasedAt: '2026-04-01T09:00:00.000Z',
    },
    {
      orgId: '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f',
      erasureId: 'e7a5e000-0000-4000-8000-000000000002',
      basis: 'retention',
      campaignId: '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d',
      subjects: [],
      reason: 'retention: 2 years after the campaign ended',
      requestedBy: 'service:timer-scheduler',
      erasedAt: '2026-04-01T09:00:00.000Z',
    },
  ],
  OrganizationRegistered: [{ orgId, name: 'Acme Talent', registeredAt: at }],
  UserProfileRegistered: [{ orgId, userId: 'user-7', email: 'owner@acme.test', fullName: 'Grace Hopper', role: 'ta_manager', registeredAt: at }],
  MessageTemplateCreated: [
    {
      orgId,
      templateId: 'tpl-a',
      name: 'Intro email',
      channel: 'email',
      linkedinMessageKind: null,
      subject: 'Hello {{firstName}}',
      body: 'Hi {{firstName}}',
      createdAt: at,
    },
    { orgId, templateId: 'tpl-b', name: 'Connect', channel: 'linkedin', linkedinMessageKind: 'connection_request', subject: null, body: 'Hi', createdAt: at },
  ],
  LeadCreated: [
    { orgId, leadId: 'lead-1', ...person, createdAt: at },
    { orgId, leadId: 'lead-2', ...nobody, createdAt: at },
  ],
  CampaignCreated: [
    { orgId, campaignId, settings, createdBy: 'user-7', createdAt: at },
    { orgId, campaignId, settings: bareSettings, createdBy: null, createdAt: at },
  ],
  CampaignUpdated: [
    { orgId, campaignId, settings, updatedAt: at },
    { orgId, campaignId, settings: bareSettings, updatedAt: at },
  ],
  CampaignStatusChanged: [
    { orgId, campaignId, from: 'draft', to: 'active', reason: 'manual', startDate: '2026-05-01', endDate: null, changedAt: at },
    { orgId, campaignId, from: 'active', to: 'completed', reason: 'targets_reached', startDate: null, endDate: '2026-06-01', changedAt: at },
  ],
  ContactsAdded: [{ orgId, campaignId, count: 120, variantACount: 72, variantBCount: 48, totalContacts: 620, addedAt: at }],
  CampaignCompletionReported: [
    {
      orgId,
      campaignId,
      ownerId: 'user-7',
      name: settings.name,
      reason: 'end_date_reached',
      startDate: '2026-05-04',
      endDate: '2026-06-30',
      report: { ...report, variants: { A: { contacts: 260, responses: 40, conversions: 7 }, B: { contacts: 240, responses: 23, conversions: 2 } } },
      reportedAt: at,
      goals: { targetContactsCount: 500, targetResponseRate: 12.5, targetConversionCount: 10, isAbTest: true },
    },
    {
      orgId,
      campaignId,
      ownerId: 'user-7',
      name: settings.name,
      reason: 'manual',
      startDate: null,
      endDate: '2026-06-30',
      report: { ...report, responseRate: 0, variants: null },
      reportedAt: at,
      goals: null,
    },
  ],
  ContactAdded: [
    {
      ...ref,
      contactType: 'candidate',
      userId: null,
      leadId: 'lead-1',
      ...person,
      abVariant: 'B',
      templateUsedId: 'tpl-b',
      linkedinMessageKind: 'inmail',
      addedAt: at,
    },
    {
      ...ref,
      contactType: 'decision_maker',
      userId: 'user-9',
      leadId: null,
      ...nobody,
      abVariant: null,
      templateUsedId: null,
      linkedinMessageKind: null,
      addedAt: at,
    },
  ],
  ContactDispatchRequested: [
    { ...ref, dispatchId: 'd-1', channel: 'email', messageKind: 'email', templateId: 'tpl-a', senderId: 'user-7', attempt: 1, requestedAt: at },
    { ...ref, dispatchId: 'd-2', channel: 'linkedin', messageKind: 'connection_request', templateId: null, senderId: 'user-7', attempt: 2, requestedAt: at },
  ],
  MessageSent: [
    { ...ref, dispatchId: 'd-1', channel: 'email', provider: 'ses', messageId: '<m-1@acme.test>', sentAt: at },
    { ...ref, dispatchId: 'd-2', channel: 'linkedin', provider: null, messageId: null, sentAt: at },
  ],
  ContactDispatchFailed: [
    { ...ref, dispatchId: 'd-1', reason: 'SMTP 421 service not available', retryable: true, failedAt: at, recipientRejected: false },
    { ...ref, dispatchId: 'd-2', reason: 'LinkedIn profile not found', retryable: false, failedAt: at, recipientRejected: true },
  ],
  EmailOpened: [
    { ...ref, ...tracking, location: 'Berlin, DE', openedAt: at },
    { ...ref, ...untracked, location: null, openedAt: at },
  ],
  LinkClicked: [
    { ...ref, ...tracking, url: 'https://acme.test/jobs/42', linkText: 'the role', clickedAt: at },
    { ...ref, ...untracked, url: 'https://acme.test', linkText: null, clickedAt: at },
  ],
  EmailBounced: [
    {
      ...ref,
      bounceType: 'soft',
      bounceReason: 'mailbox full',
      softBounceCount: 1,
      retryAt: '2026-05-01T16:00:00.000Z',
      final: false,
      email: 'ada@example.com',
      bouncedAt: at,
      addressRejected: true,
    },
    { ...ref, bounceType: 'hard', bounceReason: null, softBounceCount: 0, retryAt: null, final: true, email: null, bouncedAt: at, addressRejected: false },
  ],
  ContactRequeued: [{ ...ref, attempt: 2, requeuedAt: at }],
  ContactResponded: [
    { ...ref, channel: 'email', responseText: 'Interested, call me', respondedAt: at },
    { ...ref, channel: 'manual', responseText: null, respondedAt: at },
  ],
  ContactConverted: [
    { ...ref, conversionType: 'phone_screen', conversionEntityId: 'ats-123', convertedAt: at },
    { ...ref, conversionType: 'deal', conversionEntityId: null, convertedAt: at },
  ],
  ContactUnsubscribed: [
    { ...ref, email: 'ada@example.com', reason: 'not looking', unsubscribedAt: at },
    { ...ref, email: null, reason: null, unsubscribedAt: at },
  ],
  LinkedInProfileViewed: [{ ...ref, viewedAt: at }],
  ContactDispatchHeld: [{ ...ref, senderId: orgId, limit: 'email_per_day', max: 1000, heldUntil: at, heldAt: at }],
  ContactRemoved: [
    { ...ref, abVariant: 'A', totalContacts: 4, removedAt: at },
    { ...ref, abVariant: null, totalContacts: 0, removedAt: at },
  ],
};

const envelope = (type: string, data: unknown): EventEnvelope => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'outreach',
  streamId: `outreach-${orgId}/contact/${contactId}`,
  streamVersion: 2,
  globalPosition: '1234',
  occurredAt: at,
  correlationId: 'corr',
  causationId: 'cmd-1',
  actor: 'user:user-7',
  tenant: orgId,
  data,
});

const cases = Object.entries(SAMPLES).flatMap(([type, samples]) => samples.map((data, i) => [type, i, data] as const));
const fieldNames = (type: string): string[] =>
  (outreachEventSchemas[type as keyof typeof outreachEventSchemas].schema.fields as readonly { name: string }[]).map((f) => f.name);

describe('outreach event contracts', () => {
  it('have a schema for every outreach event of the domain, and no other', () => {
    expect(Object.keys(outreachEventSchemas).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(cases)('round-trip a %s event (sample %i) through the envelope unchanged', (type, _i, data) => {
    const original = envelope(type, data);
    expect(decodeEvent(encodeEvent(original))).toEqual(original);
  });

  it.each(Object.keys(SAMPLES))('name exactly the fields of the domain event data of %s', (type) => {
    const sample = SAMPLES[type as keyof Samples][0];
    expect(fieldNames(type).sort()).toEqual(Object.keys(sample).sort());
  });

  it('refuse a status outside the domain list (seed 004: status Allowed Values)', () => {
    const bad = envelope('CampaignStatusChanged', { ...SAMPLES.CampaignStatusChanged[0], to: 'running' });
    expect(() => encodeEvent(bad)).toThrow(expect.objectContaining({ code: 'SCHEMA_MISMATCH', message: expect.stringContaining('to') }));
  });

  it('keep a fractional target response rate (seed 004: NUMERIC(5,2))', () => {
    const data = { ...SAMPLES.CampaignCreated[0], settings: { ...settings, targetResponseRate: 33.33 } };
    const decoded = decodeEvent(encodeEvent(envelope('CampaignCreated', data))).data as { settings: outreach.CampaignSettings };
    expect(decoded.settings.targetResponseRate).toBe(33.33);
  });
});
