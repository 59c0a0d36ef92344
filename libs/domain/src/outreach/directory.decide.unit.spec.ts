import { accepted, given, unchecked } from '../testing';
import { directoryDecider } from './directory.decide';
import { leadDecider } from './lead.decide';
import { ADMIN_ID, directory, LEAD_ID, NOW, ORG_ID, outreachCommand as command, outreachEvent as event, TEMPLATE } from './testing';

const OTHER_ORG = '223e4567-e89b-42d3-a456-426614174000';

describe('when the organization is not registered', () => {
  const when = given(directoryDecider).when;

  it('RegisterOrganization records OrganizationRegistered', () => {
    when(command.registerOrganization()).then([{ type: 'OrganizationRegistered', data: { orgId: ORG_ID, name: 'Acme Talent', registeredAt: NOW } }]);
  });

  it('an internal service (no verified role) may register the organization', () => {
    expect(accepted(when(command.registerOrganization({}, { role: undefined })))).toHaveLength(1);
  });

  it('only an admin registers an organization', () => {
    when(command.registerOrganization({}, { role: 'recruiter' })).thenRejects('FORBIDDEN');
  });

  // seed 004: campaigns.org_id — "auto-set from session": an actor registers only its own org.
  it('the organization registered is the acting organization', () => {
    const decision = when(command.registerOrganization({ orgId: OTHER_ORG }));
    decision.thenRejects('ORGANIZATION_INVALID', { details: { field: 'id' } });
  });

  it.each(['', '   ', 'x'.repeat(201)])('the organization name is 1 to 200 characters, not blank (%p)', (name) => {
    when(command.registerOrganization({ name })).thenRejects('ORGANIZATION_INVALID', { details: { field: 'name' } });
  });

  it('users and templates need the organization', () => {
    when(command.registerUser()).thenRejects('ORGANIZATION_NOT_FOUND');
    when(command.createTemplate()).thenRejects('ORGANIZATION_NOT_FOUND');
  });
});

describe('when the organization is registered', () => {
  const when = given(directoryDecider, directory()).when;

  it('RegisterOrganization again is ORGANIZATION_ALREADY_EXISTS', () => {
    when(command.registerOrganization()).thenRejects('ORGANIZATION_ALREADY_EXISTS');
  });

  it('RegisterUserProfile records the user with its role', () => {
    const userId = 'f0000000-0000-4000-8000-000000000001';
    when(command.registerUser({ userId, role: 'ta_manager' })).then([
      {
        type: 'UserProfileRegistered',
        data: { orgId: ORG_ID, userId, email: 'rita@acme.test', fullName: 'Rita Recruiter', role: 'ta_manager', registeredAt: NOW },
      },
    ]);
  });

  it('only an admin registers users', () => {
    when(command.registerUser({ userId: 'f0000000-0000-4000-8000-000000000001' }, { role: 'ta_manager' })).thenRejects('FORBIDDEN');
  });

  it.each([
    ['id', { userId: 'not-a-uuid' }],
    ['email', { email: 'not an email' }],
    ['full_name', { fullName: ' ' }],
    ['role', { role: unchecked<'admin'>('owner') }],
  ])('RegisterUserProfile checks the %s', (field, data) => {
    const decision = when(command.registerUser({ userId: 'f0000000-0000-4000-8000-000000000001', ...data }));
    decision.thenRejects('USER_INVALID', { details: { field } });
  });

  it('a user is registered once', () => {
    when(command.registerUser({ userId: ADMIN_ID })).thenRejects('USER_ALREADY_EXISTS');
  });

  const fresh = 'f0000000-0000-4000-8000-0000000000ff';

  it('CreateMessageTemplate records an email template with its subject', () => {
    when(command.createTemplate({ templateId: fresh })).then([
      {
        type: 'MessageTemplateCreated',
        data: {
          orgId: ORG_ID,
          templateId: fresh,
          name: 'Intro',
          channel: 'email',
          linkedinMessageKind: null,
          subject: 'Hello {{first_name}}',
          body: 'Hi {{first_name}}, a role for you.',
          createdAt: NOW,
        },
      },
    ]);
  });

  it('admins and TA managers create templates; recruiters do not', () => {
    expect(accepted(when(command.createTemplate({ templateId: fresh }, { role: 'ta_manager' })))).toHaveLength(1);
    when(command.createTemplate({ templateId: fresh }, { role: 'recruiter' })).thenRejects('FORBIDDEN');
  });

  it('an email template needs a subject', () => {
    when(command.createTemplate({ templateId: fresh, subject: null })).thenRejects('TEMPLATE_INVALID', { details: { field: 'subject' } });
  });

  it('a LinkedIn template names its kind: connection request or InMail', () => {
    const decision = when(command.createTemplate({ templateId: fresh, channel: 'linkedin', linkedinMessageKind: null }));
    decision.thenRejects('TEMPLATE_INVALID', { details: { field: 'linkedin_message_kind' } });
  });

  const linkedin = (linkedinMessageKind: 'connection_request' | 'inmail', body: string) =>
    when(command.createTemplate({ templateId: fresh, channel: 'linkedin', linkedinMessageKind, subject: null, body }));
  const ofLength = (length: number) => `Hi {{first_name}} ${'x'.repeat(length - 'Hi {{first_name}} '.length)}`;

  // seed 004: LinkedIn Message Templates — maximum 300 characters for connection requests
  it('maximum 300 characters for connection requests', () => {
    expect(accepted(linkedin('connection_request', ofLength(300)))).toHaveLength(1);
    linkedin('connection_request', ofLength(301)).thenRejects('TEMPLATE_INVALID', { details: { field: 'body', max: 300, length: 301 } });
  });

  // seed 004: LinkedIn Message Templates — maximum 1900 characters for InMails
  it('maximum 1900 characters for InMails', () => {
    expect(accepted(linkedin('inmail', ofLength(1900)))).toHaveLength(1);
    linkedin('inmail', ofLength(1901)).thenRejects('TEMPLATE_INVALID', { details: { field: 'body', max: 1900 } });
  });

  // seed 004: LinkedIn Message Templates — "Personalization tokens required"
  it('personalization tokens required', () => {
    linkedin('inmail', 'Hello there, a role for you.').thenRejects('TEMPLATE_INVALID', { message: expect.stringContaining('Personalization tokens required') });
    linkedin('inmail', 'Hello {{ first_name }}, a role for you.').then([
      expect.objectContaining({ data: expect.objectContaining({ channel: 'linkedin', linkedinMessageKind: 'inmail', subject: null }) }),
    ]);
  });

  it('a template is created once', () => {
    when(command.createTemplate({ templateId: TEMPLATE.emailA })).thenRejects('TEMPLATE_ALREADY_EXISTS');
  });
});

describe('leads', () => {
  it('CreateLead records LeadCreated in a registered organization', () => {
    given(leadDecider, directory())
      .when(command.createLead({}, { role: 'recruiter' }))
      .then([event.leadCreated({ linkedinUrl: 'https://linkedin.com/in/lea' })]);
  });

  it('a lead needs a registered organization', () => {
    given(leadDecider).when(command.createLead()).thenRejects('ORGANIZATION_NOT_FOUND');
  });

  it.each([
    ['email', { email: 'lea@' }],
    // seed 004: linkedin_url pattern /^https?:\/\/(www\.)?linkedin\.com\/in\/[a-zA-Z0-9\-]+\/?$/
    ['linkedin_url', { linkedinUrl: 'https://example.com/in/lea' }],
    ['id', { leadId: 'lead-1' }],
  ])('CreateLead checks the %s', (field, data) => {
    given(leadDecider, directory()).when(command.createLead(data)).thenRejects('LEAD_INVALID', { details: { field } });
  });

  it('a lead is created once', () => {
    given(leadDecider, [...directory(), event.leadCreated()])
      .when(command.createLead())
      .thenRejects('LEAD_ALREADY_EXISTS');
  });

  it("roles outside the seed's TA roles may not create leads", () => {
    given(leadDecider, directory())
      .when(command.createLead({}, { role: 'viewer' }))
      .thenRejects('FORBIDDEN');
  });

  it("reads the organization stream and writes the lead's own", () => {
    expect(leadDecider.streamIdOf(command.createLead())).toBe(`outreach-${ORG_ID}/lead/${LEAD_ID}`);
    expect(leadDecider.alsoReads?.(command.createLead())).toEqual([`outreach-${ORG_ID}`]);
  });
});
