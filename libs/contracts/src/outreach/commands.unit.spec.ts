import type { outreach } from '@campaign/domain';
import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, decodeCommand, encodeCommand } from '../envelope';
import { ContractError } from '../errors';
import { CONTRACT_VERSIONS } from '../registry';
import { OUTREACH_INTERNAL_COMMANDS, outreachCommandSchemas } from './commands';

/** What may arrive on the wire: every command but DispatchContact; CompleteCampaign without its report. */
type WireCommand = Exclude<outreach.OutreachCommand, outreach.DispatchContact | outreach.CompleteCampaign | outreach.ErasePersonalData>;
type Wire = { readonly [K in WireCommand['type']]: Extract<WireCommand, { type: K }>['data'] } & {
  readonly CompleteCampaign: Omit<outreach.CompleteCampaign['data'], 'report'>;
  // The command side finds the subjects itself.
  readonly ErasePersonalData: Omit<outreach.ErasePersonalData['data'], 'subjects'>;
};
type Samples = { readonly [K in keyof Wire]: readonly Wire[K][] };

const orgId = '6f1c2a9e-3b7d-4e0a-9c5f-1a2b3c4d5e6f';
const campaignId = '0b0f7a2e-5f61-4f7e-9d7c-1d2f3a4b5c6d';
const address = { campaignId, contactId: 'c3d4e5f6-0718-4293-a4b5-c6d7e8f90a1b' };

const allFields = {
  name: 'Enterprise Buyers (DACH)',
  description: 'Outbound to heads of talent',
  campaignType: 'business_development',
  channel: 'linkedin',
  channelPreference: 'linkedin_first',
  targetAudience: 'Heads of Talent',
  targetLocations: ['Munich', 'Vienna'],
  targetSkills: ['Recruiting'],
  targetCompanySizes: ['1001-5000'],
  isAbTest: true,
  variantATemplateId: 'tpl-a',
  variantBTemplateId: 'tpl-b',
  abSplitPercentage: 30,
  targetContactsCount: 1000,
  targetResponseRate: 7.25,
  targetConversionCount: 25,
  startDate: '2026-05-04',
  endDate: '2026-07-31',
} as const;
const noFields = Object.fromEntries(Object.keys(allFields).map((key) => [key, null])) as Record<keyof typeof allFields, null>;
const person = {
  firstName: 'Alan',
  lastName: 'Turing',
  email: 'alan@example.com',
  linkedinUrl: 'https://linkedin.com/in/alan-turing',
  companyName: 'Bletchley',
  title: 'Lead',
};
const nobody = { firstName: null, lastName: null, email: null, linkedinUrl: null, companyName: null, title: null };
const hit = { trackingId: 'trk-9', userAgent: 'Outlook', ipAddress: '198.51.100.7' };
const noHit = { trackingId: null, userAgent: null, ipAddress: null };

const SAMPLES: Samples = {
  ErasePersonalData: [
    {
      erasureId: 'e7a5e000-0000-4000-8000-000000000001',
      basis: 'request',
      email: 'alan@example.com',
      linkedinUrl: null,
      campaignId: null,
      reason: 'data subject request',
    },
    { erasureId: 'e7a5e000-0000-4000-8000-000000000002', basis: 'retention', email: null, linkedinUrl: null, campaignId, reason: 'retention' },
  ],
  RegisterOrganization: [{ orgId, name: 'Acme Talent' }],
  RegisterUserProfile: [{ userId: 'user-7', email: 'owner@acme.test', fullName: 'Grace Hopper', role: 'recruiter' }],
  CreateMessageTemplate: [
    { templateId: 'tpl-a', name: 'Intro', channel: 'email', linkedinMessageKind: null, subject: 'Hi {{firstName}}', body: 'Hello' },
    { templateId: 'tpl-b', name: 'InMail', channel: 'linkedin', linkedinMessageKind: 'inmail', subject: null, body: 'Hello' },
  ],
  CreateLead: [
    { leadId: 'lead-1', ...person },
    { leadId: 'lead-2', ...nobody },
  ],
  CreateCampaign: [
    { campaignId, ...allFields, ownerId: 'user-7', createdBy: 'user-7' },
    { campaignId, ...noFields, campaignType: null as never, channel: null as never, isAbTest: null as never, ownerId: 'user-7', createdBy: null },
  ],
  UpdateCampaign: [
    { campaignId, changes: { ...allFields, ownerId: 'user-8' } },
    { campaignId, changes: { ...noFields, campaignType: null as never, channel: null as never, isAbTest: null as never, ownerId: null as never } },
  ],
  ActivateCampaign: [{ campaignId }],
  PauseCampaign: [{ campaignId }],
  CompleteCampaign: [
    { campaignId, reason: 'manual' },
    { campaignId, reason: 'all_contacts_processed' },
  ],
  ArchiveCampaign: [{ campaignId, reason: 'archive_after_90_days' }],
  AddContacts: [
    {
      campaignId,
      contacts: [
        { contactId: 'k-1', contactType: 'candidate', userId: null, leadId: 'lead-1', ...person },
        { contactId: 'k-2', contactType: null as never, userId: 'user-9', leadId: null, ...nobody },
      ],
    },
    { campaignId, contacts: [] },
  ],
  RecordMessageSent: [
    { ...address, dispatchId: 'd-1', provider: 'ses', messageId: '<m-1@acme.test>' },
    { ...address, dispatchId: 'd-2', provider: null, messageId: null },
  ],
  RecordDispatchFailed: [
    { ...address, dispatchId: 'd-1', reason: 'SMTP 421 service not available', retryable: true, recipientRejected: false },
    { ...address, dispatchId: 'd-2', reason: 'recipient rejected before sending', retryable: false, recipientRejected: true },
  ],
  RecordEmailOpened: [
    { ...address, ...hit, location: 'Hamburg, DE' },
    { ...address, ...noHit, location: null },
  ],
  RecordLinkClicked: [
    { ...address, url: 'https://acme.test/jobs/1', linkText: 'apply', ...hit },
    { ...address, url: 'https://acme.test', linkText: null, ...noHit },
  ],
  RecordBounce: [
    { ...address, bounceType: 'soft', bounceReason: '452 mailbox full', addressRejected: true },
    { ...address, bounceType: 'hard', bounceReason: 'dispatch failed: template rejected', addressRejected: false },
  ],
  RequeueContact: [{ ...address }],
  RecordResponse: [
    { ...address, channel: 'linkedin', responseText: 'Sounds good' },
    { ...address, channel: 'phone', responseText: null },
  ],
  RecordConversion: [
    { ...address, conversionType: 'interview', conversionEntityId: 'ats-9' },
    { ...address, conversionType: 'meeting', conversionEntityId: null },
  ],
  UnsubscribeContact: [
    { ...address, reason: 'stop' },
    { ...address, reason: null },
  ],
  RecordLinkedInProfileViewed: [{ ...address }],
  RemoveContact: [{ ...address }],
};

const envelope = (type: string, data: unknown): CommandEnvelope => ({
  commandId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'outreach',
  issuedAt: '2026-05-01T12:00:00.000Z',
  actor: 'service:sender-email',
  correlationId: null,
  causationId: 'evt-1',
  tenant: orgId,
  data,
});

const cases = Object.entries(SAMPLES).flatMap(([type, samples]) => samples.map((data, i) => [type, i, data] as const));

describe('outreach command contracts', () => {
  it('have a schema for every outreach command that may travel on the wire, and no other', () => {
    expect(Object.keys(outreachCommandSchemas).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect(Object.keys(CONTRACT_VERSIONS.outreach.commands).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(cases)('round-trip a %s command (sample %i) through the envelope unchanged', (type, _i, data) => {
    const original = envelope(type, data);
    expect(decodeCommand(encodeCommand(original))).toEqual(original);
  });

  it('refuse a DispatchContact on the wire: its checks are facts only the command side may look up', () => {
    expect(OUTREACH_INTERNAL_COMMANDS).toEqual(['DispatchContact']);
    const dispatch = envelope('DispatchContact', { ...address, dispatchId: 'd-1', checks: { suppressed: false, previouslyBounced: false, sendLimit: null } });
    expect(() => encodeCommand(dispatch)).toThrow(expect.objectContaining({ code: 'UNKNOWN_COMMAND_TYPE' }));
    // A producer that writes its own envelope (bypassing encodeCommand) is refused when read.
    const forged = encodeCommand(envelope('RequeueContact', { ...address }));
    const renamed = Buffer.from(forged.toString('latin1').replace('RequeueContact', 'DispatchContac'), 'latin1');
    expect(() => decodeCommand(renamed)).toThrow(ContractError);
    expect(() => decodeCommand(renamed)).toThrow(expect.objectContaining({ code: 'UNKNOWN_COMMAND_TYPE' }));
  });

  it('read a CompleteCampaign as campaign and reason only: the command side adds the report', () => {
    const withReport = envelope('CompleteCampaign', { campaignId, reason: 'manual', report: { totalContacts: 1 } });
    expect(decodeCommand(encodeCommand(withReport)).data).toEqual({ campaignId, reason: 'manual' });
  });

  it('read omitted optional fields as null', () => {
    const sparse = envelope('CreateCampaign', { campaignId, name: 'Minimal', ownerId: 'user-7' });
    expect(decodeCommand(encodeCommand(sparse)).data).toEqual({
      ...noFields,
      campaignType: null,
      channel: null,
      isAbTest: null,
      campaignId,
      name: 'Minimal',
      ownerId: 'user-7',
      createdBy: null,
    });
  });

  it('carry conversion and contact types as plain strings (the decider validates them)', () => {
    const odd = envelope('RecordConversion', { ...address, conversionType: 'coffee', conversionEntityId: null });
    expect(decodeCommand(encodeCommand(odd)).data).toMatchObject({ conversionType: 'coffee' });
  });
});
