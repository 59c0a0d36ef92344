import { accepted, given, unchecked } from '../testing';
import type { CampaignDeciderEvent, ContactsAdded } from './campaign';
import { campaignDecider } from './campaign.decide';
import type { ContactInput } from './commands';
import type { ContactAdded } from './contact';
import type { OutreachCampaignStatus } from './values';
import { assignVariant } from './variant';
import {
  AB_SETTINGS,
  ADMIN_ID,
  CAMPAIGN_ID,
  campaignIn,
  CONTACT_ID,
  contactId,
  LEAD_ID,
  ORG_ID,
  outreachCommand as command,
  outreachEvent as event,
  TEMPLATE,
} from './testing';
import type { CampaignSettings } from './campaign';
import { MAX_CONTACTS_PER_CAMPAIGN } from './values';

interface Setup {
  readonly status?: OutreachCampaignStatus;
  readonly settings?: Partial<CampaignSettings>;
  readonly contacts?: number;
  readonly extra?: readonly CampaignDeciderEvent[];
}
const whenAdding = (contacts: readonly ContactInput[], setup: Setup = {}) =>
  given(campaignDecider, [...campaignIn(setup.status ?? 'draft', { settings: setup.settings, contacts: setup.contacts ?? 0 }), ...(setup.extra ?? [])]).when(
    command.addContacts({ contacts }),
  );
const addedOf = (decision: ReturnType<typeof whenAdding>) => accepted(decision).filter((e): e is ContactAdded => e.type === 'ContactAdded');
const one = (contact: Partial<ContactInput>, setup?: Setup) => whenAdding([{ contactId: CONTACT_ID, ...contact }], setup);

describe('when the campaign is draft', () => {
  // seed 004: campaign.addContacts — contacts with email, names, linkedin_url
  it('AddContacts records ContactsAdded and one ContactAdded per contact, status pending', () => {
    const input = { email: 'john@example.com', firstName: 'John', lastName: 'Doe', linkedinUrl: 'https://linkedin.com/in/johndoe' };
    one(input).then([event.contactsAdded({ count: 1, totalContacts: 1 }), event.contactAdded({ ...input })]);
  });

  it("counts the campaign's total contacts across commands", () => {
    expect(accepted(whenAdding([{ contactId: CONTACT_ID, email: 'a@b.co' }], { contacts: 4 }))[0]).toMatchObject({ data: { count: 1, totalContacts: 5 } });
  });

  it("each ContactAdded opens the contact's own stream", () => {
    const [added] = addedOf(one({ email: 'a@b.co' }));
    expect(campaignDecider.streamOfNew?.(added, command.addContacts())).toBe(`outreach-${ORG_ID}/contact/${CONTACT_ID}`);
  });

  // seed 004: contact_type — enum, default 'candidate'
  it("contact_type defaults to candidate and must be one of the seed's four", () => {
    expect(addedOf(one({ email: 'a@b.co', contactType: 'hiring_manager' }))[0].data.contactType).toBe('hiring_manager');
    one({ email: 'a@b.co', contactType: 'recruiter' }).thenRejects('CONTACT_INVALID', { details: { index: 0, field: 'contact_type' } });
  });

  // seed 004: "Must have EITHER user_id/lead_id OR contact info"
  it('a contact must have a user_id, a lead_id or an email', () => {
    one({ firstName: 'Nobody' }).thenRejects('CONTACT_INVALID', { details: { index: 0, field: 'user_id' } });
  });

  // seed 004: CONTACT_EMAIL_INVALID — "Invalid email address format"
  it.each(['john', 'john@', 'john doe@example.com', '@example.com'])('invalid email address format (%p)', (email) => {
    one({ email }).thenRejects('CONTACT_EMAIL_INVALID', { message: expect.stringContaining('Invalid email address format'), details: { field: 'email' } });
  });

  // seed 004: linkedin_url pattern /^https?:\/\/(www\.)?linkedin\.com\/in\/[a-zA-Z0-9\-]+\/?$/
  it.each(['https://linkedin.com/company/acme', 'linkedin.com/in/john', 'https://www.linkedin.com/in/john_doe'])(
    "linkedin_url must match the seed's pattern (%p)",
    (linkedinUrl) => {
      one({ email: 'a@b.co', linkedinUrl }).thenRejects('CONTACT_INVALID', { details: { field: 'linkedin_url' } });
    },
  );

  // seed 004: user_id REFERENCES user_profiles(id); lead_id REFERENCES leads(id)
  it('user_id must be a user, lead_id a lead of the organization', () => {
    one({ userId: 'f0000000-0000-4000-8000-000000000999' }).thenRejects('CONTACT_INVALID', { details: { field: 'user_id' } });
    one({ leadId: LEAD_ID }).thenRejects('CONTACT_INVALID', { details: { field: 'lead_id' } });
  });

  it('the address is taken from the user or lead named when not given', () => {
    expect(addedOf(one({ userId: ADMIN_ID }))[0].data).toMatchObject({ userId: ADMIN_ID, email: 'ada@acme.test' });
    const fromLead = addedOf(one({ leadId: LEAD_ID }, { extra: [event.leadCreated({ companyName: 'Lead Co' })] }))[0].data;
    expect(fromLead).toMatchObject({
      leadId: LEAD_ID,
      email: 'lea@lead.test',
      linkedinUrl: 'https://linkedin.com/in/lea',
      firstName: 'Lea',
      companyName: 'Lead Co',
    });
  });

  it('reads the lead streams the contacts name', () => {
    const cmd = command.addContacts({
      contacts: [
        { contactId: contactId(1), leadId: LEAD_ID },
        { contactId: contactId(2), leadId: LEAD_ID },
        { contactId: contactId(3), email: 'a@b.co' },
      ],
    });
    expect(campaignDecider.alsoReads?.(cmd)).toEqual([`outreach-${ORG_ID}`, `outreach-${ORG_ID}/lead/${LEAD_ID}`]);
  });

  // seed 004: Channel-Specific Rules — email: requires valid email addresses
  it("an email campaign's contacts need an email address", () => {
    const lead = event.leadCreated({ email: null });
    one({ leadId: LEAD_ID }, { extra: [lead] }).thenRejects('CONTACT_EMAIL_INVALID', { details: { field: 'email' } });
  });

  // seed 004: Channel-Specific Rules — linkedin: requires LinkedIn URLs
  it("a LinkedIn campaign's contacts need a LinkedIn URL", () => {
    one({ email: 'a@b.co' }, { settings: { channel: 'linkedin' } }).thenRejects('CONTACT_INVALID', { details: { field: 'linkedin_url' } });
    expect(
      addedOf(one({ linkedinUrl: 'https://linkedin.com/in/x', leadId: null, email: null, userId: ADMIN_ID }, { settings: { channel: 'linkedin' } })),
    ).toHaveLength(1);
  });

  // seed 004: Channel-Specific Rules — combined: uses both channels
  it("a combined campaign's contacts need an email or a LinkedIn URL", () => {
    const lead = event.leadCreated({ email: null, linkedinUrl: null });
    one({ leadId: LEAD_ID }, { settings: { channel: 'combined' }, extra: [lead] }).thenRejects('CONTACT_INVALID');
    const linkedinOnly = event.leadCreated({ email: null });
    expect(addedOf(one({ leadId: LEAD_ID }, { settings: { channel: 'combined' }, extra: [linkedinOnly] }))).toHaveLength(1);
  });

  it('a contact id appears once in a command', () => {
    const decision = whenAdding([
      { contactId: CONTACT_ID, email: 'a@b.co' },
      { contactId: CONTACT_ID, email: 'c@d.co' },
    ]);
    decision.thenRejects('CONTACT_INVALID', { details: { index: 1, field: 'id' } });
  });

  it('one bad contact rejects the whole command and names it by index', () => {
    const contacts = [
      { contactId: contactId(1), email: 'a@b.co' },
      { contactId: contactId(2), email: 'broken' },
      { contactId: contactId(3), email: 'c@d.co' },
    ];
    whenAdding(contacts).thenRejects('CONTACT_EMAIL_INVALID', { details: { index: 1, field: 'email', contactId: contactId(2) } });
  });

  it('adds 1 to 100,000 contacts per command', () => {
    whenAdding([]).thenRejects('CAMPAIGN_INVALID', { details: { field: 'contacts' } });
    whenAdding(unchecked<ContactInput[]>(null)).thenRejects('CAMPAIGN_INVALID');
  });

  // seed 004: target_contacts_count max 100000 — a campaign holds at most that many contacts.
  it('a campaign holds at most 100,000 contacts', () => {
    one({ email: 'a@b.co' }, { contacts: MAX_CONTACTS_PER_CAMPAIGN }).thenRejects('CAMPAIGN_TOO_MANY_CONTACTS', { details: { max: 100_000 } });
    expect(accepted(one({ email: 'a@b.co' }, { contacts: MAX_CONTACTS_PER_CAMPAIGN - 1 }))[0]).toMatchObject({ data: { totalContacts: 100_000 } });
  });

  it('takes all 100,000 contacts of a full campaign in one command', () => {
    const contacts = Array.from({ length: MAX_CONTACTS_PER_CAMPAIGN }, (_, i) => ({ contactId: contactId(i), email: `c${i}@example.com` }));
    const decision = accepted(whenAdding(contacts, { settings: AB_SETTINGS }));
    expect(decision).toHaveLength(MAX_CONTACTS_PER_CAMPAIGN + 1);
    expect(decision[0]).toMatchObject({ data: { count: 100_000, totalContacts: 100_000 } });
  });

  it('non-A/B campaigns give contacts no variant and no template', () => {
    expect(addedOf(one({ email: 'a@b.co' }))[0].data).toMatchObject({ abVariant: null, templateUsedId: null, linkedinMessageKind: null });
  });
});

describe('when the campaign is an A/B test', () => {
  const contacts = Array.from({ length: 200 }, (_, i) => ({ contactId: contactId(i), email: `c${i}@example.com` }));

  // seed 004: ab_variant requiredIf is_ab_test; template_id = variant A or B template
  it("each contact gets its variant and the variant's template", () => {
    const decision = whenAdding(contacts, { settings: { ...AB_SETTINGS, abSplitPercentage: 70 } });
    for (const { data } of addedOf(decision)) {
      const variant = assignVariant(CAMPAIGN_ID, data.contactId, 70);
      expect(data).toMatchObject({ abVariant: variant, templateUsedId: variant === 'A' ? TEMPLATE.emailA : TEMPLATE.emailB });
    }
  });

  it('ContactsAdded counts the contacts per variant', () => {
    const [summary, ...added] = accepted(whenAdding(contacts, { settings: AB_SETTINGS })) as [ContactsAdded, ...ContactAdded[]];
    const a = added.filter((e) => e.data.abVariant === 'A').length;
    expect(summary.data).toMatchObject({ count: 200, variantACount: a, variantBCount: 200 - a, totalContacts: 200 });
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(200);
  });

  it("LinkedIn contacts carry the kind of their variant's template", () => {
    const settings = { channel: 'linkedin' as const, isAbTest: true, variantATemplateId: TEMPLATE.connection, variantBTemplateId: TEMPLATE.inmail };
    const linked = contacts.map((c, i) => ({ ...c, linkedinUrl: `https://linkedin.com/in/person-${i}` }));
    for (const { data } of addedOf(whenAdding(linked, { settings }))) {
      expect(data.linkedinMessageKind).toBe(data.abVariant === 'A' ? 'connection_request' : 'inmail');
    }
  });
});

describe.each(['active', 'paused'] as const)('when the campaign is %s', (status) => {
  it('contacts may still be added', () => {
    expect(accepted(one({ email: 'a@b.co' }, { status, contacts: 1 }))[0]).toMatchObject({ data: { totalContacts: 2 } });
  });
});

describe.each(['completed', 'archived'] as const)('when the campaign is %s', (status) => {
  it('no contacts are added', () => {
    one({ email: 'a@b.co' }, { status, contacts: 1 }).thenRejects('CAMPAIGN_READ_ONLY');
  });
});

describe('when the campaign does not exist', () => {
  it('AddContacts is CAMPAIGN_NOT_FOUND', () => {
    given(campaignDecider).when(command.addContacts()).thenRejects('CAMPAIGN_NOT_FOUND');
  });
});
