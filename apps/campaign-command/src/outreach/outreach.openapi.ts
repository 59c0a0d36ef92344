/** The OpenAPI 3.1 description of the outreach command endpoints (seed 004), merged into /openapi.json. */
import { acceptedOutcome, commandId, rejection, uuid } from '../shared/openapi-parts';

const str = { type: ['string', 'null'] };
const strs = { type: ['array', 'null'], items: { type: 'string' } };
const int = { type: ['integer', 'null'] };

const accepted = (ids: Record<string, unknown> = {}) => acceptedOutcome(ids, 'The events of the addressed stream (not of the streams it opened)');

const responses = (created: boolean, ids: Record<string, unknown> = {}) => ({
  [created ? '201' : '200']: { description: 'Accepted', content: { 'application/json': { schema: accepted(ids) } } },
  '400': { description: 'Malformed request (INVALID_REQUEST, with every problem listed)', ...rejection },
  '401': { description: 'No valid bearer JWT (UNAUTHORIZED)', ...rejection },
  '403': { description: 'The role may not do this (FORBIDDEN)', ...rejection },
  '404': { description: "*_NOT_FOUND — also for another org's campaign", ...rejection },
  '409': {
    description:
      'Clashes with the current state (CAMPAIGN_ALREADY_ACTIVE, *_ALREADY_EXISTS, CAMPAIGN_INVALID_STATUS_TRANSITION, CAMPAIGN_READ_ONLY, CAMPAIGN_NOT_ACTIVE, CONTACT_INVALID_STATUS)',
    ...rejection,
  },
  '422': {
    description: 'A seed 004 rule rejected the values (CAMPAIGN_NAME_REQUIRED, CAMPAIGN_AB_SAME_TEMPLATES, CAMPAIGN_NO_CONTACTS, CONTACT_EMAIL_INVALID, …)',
    ...rejection,
  },
});

const headers = [
  { name: 'Authorization', in: 'header', required: true, schema: { type: 'string' }, description: 'Bearer HS256 JWT with sub, org_id (UUIDs), role, exp' },
  { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' }, description: 'The command id; a repeat returns the first outcome and writes nothing' },
  { name: 'X-Correlation-Id', in: 'header', schema: { type: 'string' } },
];
// seed 004: CONTACT_UNSUBSCRIBED "Remove from campaign", CONTACT_BOUNCED "Use different email" — the add is accepted, the contact flagged.
const suppressionFlag = {
  type: 'object',
  properties: {
    index: { type: 'integer', description: 'Position in the request' },
    contact_id: uuid,
    email: { type: 'string' },
    code: { type: 'string', enum: ['CONTACT_UNSUBSCRIBED', 'CONTACT_BOUNCED'] },
    message: { type: 'string' },
  },
};
const campaignIdParam = { name: 'campaignId', in: 'path', required: true, schema: uuid };
const contactIdParam = { name: 'contactId', in: 'path', required: true, schema: uuid };

const body = (properties: Record<string, unknown>, required: string[] = []) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required, properties: { commandId, ...properties } } } },
});

const post = (
  summary: string,
  parameters: unknown[],
  properties: Record<string, unknown>,
  required: string[] = [],
  created = false,
  ids: Record<string, unknown> = {},
) => ({
  post: { summary, parameters: [...parameters, ...headers], requestBody: body(properties, required), responses: responses(created, ids) },
});

// seed 004: the campaigns columns an owner sets, snake_case as in its API examples.
const campaignFields = {
  name: { ...str, minLength: 3, maxLength: 200 },
  description: { ...str, maxLength: 5000 },
  campaign_type: { type: 'string', enum: ['talent_sourcing', 'business_development', 'mixed'], default: 'talent_sourcing' },
  channel: { type: 'string', enum: ['email', 'linkedin', 'combined'], default: 'email' },
  channel_preference: {
    type: ['string', 'null'],
    enum: ['email_first', 'linkedin_first', null],
    default: 'email_first',
    description: 'combined campaigns: the channel a contact with both addresses is written on first',
  },
  target_audience: { ...str, maxLength: 500 },
  target_locations: strs,
  target_skills: strs,
  target_company_sizes: strs,
  is_ab_test: { type: 'boolean', default: false },
  variant_a_template_id: str,
  variant_b_template_id: str,
  ab_split_percentage: { ...int, minimum: 10, maximum: 90, default: 50 },
  target_contacts_count: { ...int, minimum: 1, maximum: 100000 },
  target_response_rate: { type: ['number', 'null'], minimum: 0, maximum: 100 },
  target_conversion_count: { ...int, minimum: 1, maximum: 10000 },
  start_date: { ...str, format: 'date' },
  end_date: { ...str, format: 'date' },
  owner_id: { ...uuid, description: 'Defaults to the JWT sub' },
};

const contact = {
  type: 'object',
  additionalProperties: false,
  properties: {
    email: str,
    first_name: str,
    last_name: str,
    linkedin_url: str,
    contact_type: { type: 'string', enum: ['candidate', 'hiring_manager', 'decision_maker', 'referral'], default: 'candidate' },
    user_id: str,
    lead_id: str,
    company_name: str,
    title: str,
  },
};
const reason = {
  type: 'string',
  enum: ['manual', 'end_date_reached', 'targets_reached', 'all_contacts_processed', 'archive_after_90_days'],
  default: 'manual',
};
const transition = (summary: string) => post(summary, [campaignIdParam], {});

export const outreachOpenApiPaths = {
  '/v1/outreach/organizations': post("Register the JWT's organization (admin)", [], { orgId: uuid, name: { type: 'string' } }, ['orgId', 'name'], true),
  '/v1/outreach/users': post(
    'Register a user profile of the org (admin)',
    [],
    {
      userId: uuid,
      email: { type: 'string', format: 'email' },
      fullName: { type: 'string' },
      role: { type: 'string', enum: ['admin', 'ta_manager', 'recruiter'] },
    },
    ['userId', 'email', 'fullName', 'role'],
    true,
  ),
  '/v1/outreach/templates': post(
    'Create a message template',
    [],
    {
      templateId: uuid,
      name: { type: 'string' },
      channel: { type: 'string', enum: ['email', 'linkedin'] },
      linkedinMessageKind: { type: ['string', 'null'], enum: ['connection_request', 'inmail', null] },
      subject: str,
      body: { type: 'string' },
    },
    ['name', 'channel', 'body'],
    true,
    { templateId: uuid },
  ),
  '/v1/outreach/leads': post(
    'Create a lead',
    [],
    { leadId: uuid, firstName: str, lastName: str, email: str, linkedinUrl: str, companyName: str, title: str },
    [],
    true,
    { leadId: uuid },
  ),
  '/v1/outreach/campaigns': post('campaign.create — a draft campaign owned by owner_id (default: the caller)', [], campaignFields, [], true, {
    campaignId: uuid,
  }),
  '/v1/outreach/campaigns/{campaignId}': {
    patch: {
      summary: "Update a campaign's settings (not once completed)",
      parameters: [campaignIdParam, ...headers],
      requestBody: body(campaignFields),
      responses: responses(false),
    },
  },
  '/v1/outreach/campaigns/{campaignId}/activate': transition('draft|paused → active (needs at least one contact; sets start_date)'),
  '/v1/outreach/campaigns/{campaignId}/pause': transition('active → paused'),
  '/v1/outreach/campaigns/{campaignId}/complete': post('active|paused → completed (sets end_date, reports the counters)', [campaignIdParam], { reason }),
  '/v1/outreach/campaigns/{campaignId}/archive': post('completed → archived (read-only)', [campaignIdParam], { reason }),
  '/v1/outreach/campaigns/{campaignId}/contacts': post(
    'campaign.addContacts — up to 100,000 contacts in one body (64 MB); each gets an id; suppressed addresses are added but flagged',
    [campaignIdParam],
    {
      campaign_id: { ...uuid, description: "As in seed 004's example; when given it must be the path's campaign (else 422 CAMPAIGN_INVALID)" },
      contacts: { type: 'array', items: contact },
    },
    ['contacts'],
    false,
    { contactIds: { type: 'array', items: uuid }, flagged: { type: 'array', items: suppressionFlag } },
  ),
  '/v1/outreach/campaigns/{campaignId}/contacts/{contactId}': {
    delete: {
      summary:
        'Remove a contact nothing was sent to from a draft or paused campaign (409 CAMPAIGN_ALREADY_ACTIVE when active, CAMPAIGN_READ_ONLY when completed or archived, CONTACT_INVALID_STATUS once written to)',
      parameters: [campaignIdParam, contactIdParam, ...headers],
      responses: responses(false),
    },
  },
  '/v1/outreach/campaigns/{campaignId}/contacts/{contactId}/sends': post(
    'A sender adapter reports the message went out',
    [campaignIdParam, contactIdParam],
    { dispatchId: { type: 'string' }, provider: str, messageId: str },
    ['dispatchId'],
  ),
  '/v1/outreach/campaigns/{campaignId}/contacts/{contactId}/send-failures': post(
    'A sender adapter reports it could not send a dispatch; retryable: tried again after a back-off, else the contact is recorded bounced',
    [campaignIdParam, contactIdParam],
    { dispatchId: { type: 'string' }, reason: { type: 'string', minLength: 1, maxLength: 500 }, retryable: { type: 'boolean' } },
    ['dispatchId', 'reason', 'retryable'],
  ),
  '/v1/outreach/campaigns/{campaignId}/contacts/{contactId}/conversions': post(
    'Record a conversion (phone_screen, submission, interview, placement, discovery_call, meeting, proposal, deal)',
    [campaignIdParam, contactIdParam],
    { conversion_type: { type: 'string' }, conversion_entity_id: str },
    ['conversion_type'],
  ),
  '/v1/outreach/campaigns/{campaignId}/contacts/{contactId}/responses': post(
    'Record a response (seed 004: phone call returned, manual response logged)',
    [campaignIdParam, contactIdParam],
    { channel: { type: 'string', enum: ['phone', 'manual', 'email', 'linkedin'] }, response_text: str },
    ['channel'],
  ),
  '/v1/outreach/personal-data/erasures': post(
    'Erase a person\'s personal data in every campaign and lead of the org (admins; audited; README "Personal data")',
    [],
    { email: str, linkedin_url: str, reason: { type: 'string', minLength: 1, maxLength: 500 } },
    ['reason'],
    true,
    { erasureId: { type: 'string', format: 'uuid' } },
  ),
} as const;
