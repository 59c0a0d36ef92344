/**
 * AddContacts (seed 004 campaign.addContacts and CampaignContactValidation): every contact is
 * checked, completed from the user or lead it names, held to the channel's needs and given its
 * A/B variant; one bad contact rejects the whole command, so nothing is half-added.
 */
import { type Decision, DomainError } from '../shared/decider';
import { isPlainObject, isUuid, toIso } from '../shared/validation';
import type { CampaignDeciderEvent, CampaignState, CampaignView } from './campaign';
import { readOnly, requireCampaign } from './campaign.status';
import type { AddContacts, ContactInput } from './commands';
import type { ContactAdded } from './contact';
import type { LeadView } from './directory';
import { OutreachErrorCode as Code } from './errors';
import { isEmail, isOptionalText, nowOf, reject, tenantOf } from './rules';
import { CONTACT_TYPES, type ContactType, LINKEDIN_URL_PATTERN, MAX_CONTACTS_PER_CAMPAIGN } from './values';
import { assignVariant } from './variant';

const TEXT_MAX = 200;
const TEXT_FIELDS = [
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['companyName', 'company_name'],
  ['title', 'title'],
] as const;

type Base = Pick<ContactAdded['data'], 'orgId' | 'campaignId' | 'addedAt'>;
type Fail = (code: Code, field: string, message: string) => DomainError;

/** seed 004: CampaignContactValidation — the checks that need nothing but the contact itself. */
const formatError = (input: ContactInput, fail: Fail, seen: ReadonlySet<string>): DomainError | null => {
  const { contactId, contactType = 'candidate', userId = null, leadId = null, email = null, linkedinUrl = null } = input;
  if (!isUuid(contactId) || contactId !== contactId.toLowerCase()) return fail(Code.CONTACT_INVALID, 'id', 'contactId must be a lowercase UUID');
  if (seen.has(contactId)) return fail(Code.CONTACT_INVALID, 'id', `contactId ${contactId} appears twice`);
  // seed 004: contact_type — enum candidate, hiring_manager, decision_maker, referral (default candidate)
  if (!(CONTACT_TYPES as readonly unknown[]).includes(contactType))
    return fail(Code.CONTACT_INVALID, 'contact_type', `contact_type must be one of ${CONTACT_TYPES.join(', ')}`);
  // seed 004: "Must have EITHER user_id/lead_id OR contact info" — user_id requiredWithout lead_id, email
  if (userId === null && leadId === null && email === null) return fail(Code.CONTACT_INVALID, 'user_id', 'A contact needs a user_id, a lead_id or an email');
  // seed 004: email format 'email' — "Invalid email address format"
  if (email !== null && !isEmail(email)) return fail(Code.CONTACT_EMAIL_INVALID, 'email', 'Invalid email address format');
  // seed 004: linkedin_url pattern /^https?:\/\/(www\.)?linkedin\.com\/in\/[a-zA-Z0-9\-]+\/?$/
  if (linkedinUrl !== null && (typeof linkedinUrl !== 'string' || !LINKEDIN_URL_PATTERN.test(linkedinUrl))) {
    return fail(Code.CONTACT_INVALID, 'linkedin_url', 'linkedin_url must be a LinkedIn profile URL like https://linkedin.com/in/name');
  }
  const tooLong = TEXT_FIELDS.find(([key]) => !isOptionalText(input[key], TEXT_MAX));
  return tooLong ? fail(Code.CONTACT_INVALID, tooLong[1], `${tooLong[1]} must be text of at most ${TEXT_MAX} characters`) : null;
};

/** The contact with what the user or lead it names fills in, or why it cannot be contacted. */
const resolve = (input: ContactInput, state: CampaignState, campaign: CampaignView, base: Base, fail: Fail): ContactAdded | DomainError => {
  const { userId = null, leadId = null } = input;
  const user = userId === null ? undefined : state.directory.users.get(userId);
  if (userId !== null && user === undefined) return fail(Code.CONTACT_INVALID, 'user_id', `User ${userId} is not a user of the organization`);
  const lead: LeadView | undefined = leadId === null ? undefined : state.leads.get(leadId);
  if (leadId !== null && lead === undefined) return fail(Code.CONTACT_INVALID, 'lead_id', `Lead ${leadId} is not a lead of the organization`);
  const email = input.email ?? user?.email ?? lead?.email ?? null;
  const linkedinUrl = input.linkedinUrl ?? lead?.linkedinUrl ?? null;
  // seed 004: Channel-Specific Rules — email requires valid email addresses, linkedin requires LinkedIn URLs, combined either.
  const { channel } = campaign.settings;
  if (channel === 'email' && email === null) return fail(Code.CONTACT_EMAIL_INVALID, 'email', "An email campaign needs the contact's email address");
  if (channel === 'linkedin' && linkedinUrl === null) return fail(Code.CONTACT_INVALID, 'linkedin_url', "A LinkedIn campaign needs the contact's LinkedIn URL");
  if (email === null && linkedinUrl === null) return fail(Code.CONTACT_INVALID, 'email', 'A combined campaign needs an email address or a LinkedIn URL');
  const variant = variantOf(input.contactId, state, campaign);
  // One literal, no spreads: an AddContacts builds up to 100,000 of these.
  return {
    type: 'ContactAdded',
    data: {
      orgId: base.orgId,
      campaignId: base.campaignId,
      contactId: input.contactId,
      contactType: (input.contactType ?? 'candidate') as ContactType,
      userId,
      leadId,
      firstName: input.firstName ?? lead?.firstName ?? null,
      lastName: input.lastName ?? lead?.lastName ?? null,
      email,
      linkedinUrl,
      companyName: input.companyName ?? lead?.companyName ?? null,
      title: input.title ?? lead?.title ?? null,
      abVariant: variant.abVariant,
      templateUsedId: variant.templateUsedId,
      linkedinMessageKind: variant.linkedinMessageKind,
      addedAt: base.addedAt,
    },
  };
};

/** seed 004: ab_variant requiredIf is_ab_test; template_used_id is the variant's template. */
const variantOf = (
  contactId: string,
  state: CampaignState,
  campaign: CampaignView,
): Pick<ContactAdded['data'], 'abVariant' | 'templateUsedId' | 'linkedinMessageKind'> => {
  const { isAbTest, abSplitPercentage, variantATemplateId, variantBTemplateId } = campaign.settings;
  if (!isAbTest) return { abVariant: null, templateUsedId: null, linkedinMessageKind: null };
  const abVariant = assignVariant(campaign.campaignId, contactId, abSplitPercentage);
  const templateUsedId = abVariant === 'A' ? variantATemplateId : variantBTemplateId;
  const template = templateUsedId === null ? undefined : state.directory.templates.get(templateUsedId);
  return { abVariant, templateUsedId, linkedinMessageKind: template?.linkedinMessageKind ?? null };
};

const countError = (contacts: unknown, campaign: CampaignView): DomainError | null => {
  if (!Array.isArray(contacts) || contacts.length === 0) return reject(Code.CAMPAIGN_INVALID, 'contacts must list at least one contact', { field: 'contacts' });
  if (campaign.totalContacts + contacts.length > MAX_CONTACTS_PER_CAMPAIGN) {
    return reject(Code.CAMPAIGN_TOO_MANY_CONTACTS, `A campaign holds at most ${MAX_CONTACTS_PER_CAMPAIGN} contacts`, {
      max: MAX_CONTACTS_PER_CAMPAIGN,
      totalContacts: campaign.totalContacts,
      count: contacts.length,
    });
  }
  return null;
};

export const addContacts = (command: AddContacts, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const campaign = requireCampaign(command, state);
  if (campaign instanceof DomainError) return campaign;
  if (campaign.status === 'completed' || campaign.status === 'archived') return readOnly(campaign);
  const { contacts } = command.data;
  const tooMany = countError(contacts, campaign);
  if (tooMany) return tooMany;
  const base: Base = { orgId: tenantOf(command), campaignId: campaign.campaignId, addedAt: toIso(nowOf(command)) };
  const seen = new Set<string>();
  const added: ContactAdded[] = [];
  for (const [index, input] of contacts.entries()) {
    const fail: Fail = (code, field, message) =>
      reject(code, `Contact ${index}: ${message}`, { index, field, contactId: isPlainObject(input) ? String(input.contactId) : null });
    if (!isPlainObject(input)) return fail(Code.CONTACT_INVALID, 'contact', 'each contact must be an object');
    const contact = formatError(input, fail, seen) ?? resolve(input, state, campaign, base, fail);
    if (contact instanceof DomainError) return contact;
    seen.add(contact.data.contactId);
    added.push(contact);
  }
  const variantACount = added.filter((event) => event.data.abVariant === 'A').length;
  const variantBCount = added.filter((event) => event.data.abVariant === 'B').length;
  const { orgId, campaignId, addedAt } = base;
  const totalContacts = campaign.totalContacts + added.length;
  return [{ type: 'ContactsAdded', data: { orgId, campaignId, count: added.length, variantACount, variantBCount, totalContacts, addedAt } }, ...added];
};
