import { given, rejected, unchecked } from '../testing';
import { directoryDecider } from './directory.decide';
import { leadDecider } from './lead.decide';
import { ADMIN_ID, directory, LEAD_ID, NOW, ORG_ID, outreachCommand as command, outreachEvent as event, TEMPLATE } from './testing';

const codeOf = (decision: ReturnType<ReturnType<typeof given>['when']>) => rejected(decision).code;
const OTHER_ORG = '223e4567-e89b-42d3-a456-426614174000';

describe('when the organization is not registered', () => {
  const when = given(directoryDecider).when;

  it('RegisterOrganization records OrganizationRegistered', () => {
    expect(when(command.registerOrganization())).toEqual([{ type: 'OrganizationRegistered', data: { orgId: ORG_ID, name: 'Acme Talent', registeredAt: NOW } }]);
  });

  it('an internal service (no verified role) may register the organization', () => {
    expect(when(command.registerOrganization({}, { role: undefined }))).toHaveLength(1);
  });

  it('only an admin registers an organization', () => {
    expect(codeOf(when(command.registerOrganization({}, { role: 'recruiter' })))).toBe('FORBIDDEN');
  });

  // seed 004: campaigns.org_id — "auto-set from session": an actor registers only its own org.
  it('the organization registered is the acting organization', () => {
    const decision = when(command.registerOrganization({ orgId: OTHER_ORG }));
    expect(rejected(decision)).toMatchObject({ code: 'ORGANIZATION_INVALID', details: { field: 'id' } });
  });

  it.each(['', '   ', 'x'.repeat(201)])('the organization name is 1 to 200 characters, not blank (%p)', (name) => {
    expect(rejected(when(command.registerOrganization({ name })))).toMatchObject({ code: 'ORGANIZATION_INVALID', details: { field: 'name' } });
  });

  it('users and templates need the organization', () => {
    expect(codeOf(when(command.registerUser()))).toBe('ORGANIZATION_NOT_FOUND');
    expect(codeOf(when(command.createTemplate()))).toBe('ORGANIZATION_NOT_FOUND');
  });
});

describe('when the organization is registered', () => {
  const when = given(directoryDecider, directory()).when;

  it('RegisterOrganization again is ORGANIZATION_ALREADY_EXISTS', () => {
    expect(codeOf(when(command.registerOrganization()))).toBe('ORGANIZATION_ALREADY_EXISTS');
  });

  it('RegisterUserProfile records the user with its role', () => {
    const userId = 'f0000000-0000-4000-8000-000000000001';
    expect(when(command.registerUser({ userId, role: 'ta_manager' }))).toEqual([
      { type: 'UserProfileRegistered', data: { orgId: ORG_ID, userId, email: 'rita@acme.test', fullName: 'Rita Recruiter', role: 'ta_manager', registeredAt: NOW } },
    ]);
  });

  it('only an admin registers users', () => {
    expect(codeOf(when(command.registerUser({ userId: 'f0000000-0000-4000-8000-000000000001' }, { role: 'ta_manager' })))).toBe('FORBIDDEN');
  });

  it.each([
    ['id', { userId: 'not-a-uuid' }],
    ['email', { email: 'not an email' }],
    ['full_name', { fullName: ' ' }],
    ['role', { role: unchecked<'admin'>('owner') }],
  ])('RegisterUserProfile checks the %s', (field, data) => {
    const decision = when(command.registerUser({ userId: 'f0000000-0000-4000-8000-000000000001', ...data }));
    expect(rejected(decision)).toMatchObject({ code: 'USER_INVALID', details: { field } });
  });

  it('a user is registered once', () => {
    expect(codeOf(when(command.registerUser({ userId: ADMIN_ID })))).toBe('USER_ALREADY_EXISTS');
  });

  const fresh = 'f0000000-0000-4000-8000-0000000000ff';

  it('CreateMessageTemplate records an email template with its subject', () => {
    expect(when(command.createTemplate({ templateId: fresh }))).toEqual([
      {
        type: 'MessageTemplateCreated',
        data: { orgId: ORG_ID, templateId: fresh, name: 'Intro', channel: 'email', linkedinMessageKind: null, subject: 'Hello {{first_name}}', body: 'Hi {{first_name}}, a role for you.', createdAt: NOW },
      },
    ]);
  });

  it('admins and TA managers create templates; recruiters do not', () => {
    expect(when(command.createTemplate({ templateId: fresh }, { role: 'ta_manager' }))).toHaveLength(1);
    expect(codeOf(when(command.createTemplate({ templateId: fresh }, { role: 'recruiter' })))).toBe('FORBIDDEN');
  });

  it('an email template needs a subject', () => {
    expect(rejected(when(command.createTemplate({ templateId: fresh, subject: null })))).toMatchObject({ code: 'TEMPLATE_INVALID', details: { field: 'subject' } });
  });

  it('a LinkedIn template names its kind: connection request or InMail', () => {
    const decision = when(command.createTemplate({ templateId: fresh, channel: 'linkedin', linkedinMessageKind: null }));
    expect(rejected(decision)).toMatchObject({ code: 'TEMPLATE_INVALID', details: { field: 'linkedin_message_kind' } });
  });

  const linkedin = (linkedinMessageKind: 'connection_request' | 'inmail', body: string) =>
    when(command.createTemplate({ templateId: fresh, channel: 'linkedin', linkedinMessageKind, subject: null, body }));
  const ofLength = (length: number) => `Hi {{first_name}} ${'x'.repeat(length - 'Hi {{first_name}} '.length)}`;

  // seed 004: LinkedIn Message Templates — maximum 300 characters for connection requests
  it('maximum 300 characters for connection requests', () => {
    expect(linkedin('connection_request', ofLength(300))).toHaveLength(1);
    expect(rejected(linkedin('connection_request', ofLength(301)))).toMatchObject({ code: 'TEMPLATE_INVALID', details: { field: 'body', max: 300, length: 301 } });
  });

  // seed 004: LinkedIn Message Templates — maximum 1900 characters for InMails
  it('maximum 1900 characters for InMails', () => {
    expect(linkedin('inmail', ofLength(1900))).toHaveLength(1);
    expect(rejected(linkedin('inmail', ofLength(1901)))).toMatchObject({ code: 'TEMPLATE_INVALID', details: { field: 'body', max: 1900 } });
  });

  // seed 004: LinkedIn Message Templates — "Personalization tokens required"
  it('personalization tokens required', () => {
    expect(rejected(linkedin('inmail', 'Hello there, a role for you.'))).toMatchObject({ code: 'TEMPLATE_INVALID', message: expect.stringContaining('Personalization tokens required') });
    expect(linkedin('inmail', 'Hello {{ first_name }}, a role for you.')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ channel: 'linkedin', linkedinMessageKind: 'inmail', subject: null }) }),
    ]);
  });

  it('a template is created once', () => {
    expect(codeOf(when(command.createTemplate({ templateId: TEMPLATE.emailA })))).toBe('TEMPLATE_ALREADY_EXISTS');
  });
});

describe('leads', () => {
  it('CreateLead records LeadCreated in a registered organization', () => {
    expect(given(leadDecider, directory()).when(command.createLead({}, { role: 'recruiter' }))).toEqual([event.leadCreated({ linkedinUrl: 'https://linkedin.com/in/lea' })]);
  });

  it('a lead needs a registered organization', () => {
    expect(codeOf(given(leadDecider).when(command.createLead()))).toBe('ORGANIZATION_NOT_FOUND');
  });

  it.each([
    ['email', { email: 'lea@' }],
    // seed 004: linkedin_url pattern /^https?:\/\/(www\.)?linkedin\.com\/in\/[a-zA-Z0-9\-]+\/?$/
    ['linkedin_url', { linkedinUrl: 'https://example.com/in/lea' }],
    ['id', { leadId: 'lead-1' }],
  ])('CreateLead checks the %s', (field, data) => {
    expect(rejected(given(leadDecider, directory()).when(command.createLead(data)))).toMatchObject({ code: 'LEAD_INVALID', details: { field } });
  });

  it('a lead is created once', () => {
    expect(codeOf(given(leadDecider, [...directory(), event.leadCreated()]).when(command.createLead()))).toBe('LEAD_ALREADY_EXISTS');
  });

  it('roles outside the seed\'s TA roles may not create leads', () => {
    expect(codeOf(given(leadDecider, directory()).when(command.createLead({}, { role: 'viewer' })))).toBe('FORBIDDEN');
  });

  it('reads the organization stream and writes the lead\'s own', () => {
    expect(leadDecider.streamIdOf(command.createLead())).toBe(`outreach-${ORG_ID}/lead/${LEAD_ID}`);
    expect(leadDecider.alsoReads?.(command.createLead())).toEqual([`outreach-${ORG_ID}`]);
  });
});
