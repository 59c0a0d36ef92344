/**
 * Rejection codes of the outreach context. The first ten are seed 004's own table ("Error
 * Handling → Common Errors"), exactly named; the rest follow its convention for the cases the
 * seed leaves unnamed. Adapters map them to HTTP statuses.
 */
export enum OutreachErrorCode {
  // seed 004: Common Errors
  CAMPAIGN_NAME_REQUIRED = 'CAMPAIGN_NAME_REQUIRED',
  CAMPAIGN_NO_CONTACTS = 'CAMPAIGN_NO_CONTACTS',
  CAMPAIGN_AB_MISSING_TEMPLATES = 'CAMPAIGN_AB_MISSING_TEMPLATES',
  CAMPAIGN_AB_SAME_TEMPLATES = 'CAMPAIGN_AB_SAME_TEMPLATES',
  CAMPAIGN_INVALID_DATES = 'CAMPAIGN_INVALID_DATES',
  CAMPAIGN_ALREADY_ACTIVE = 'CAMPAIGN_ALREADY_ACTIVE',
  CAMPAIGN_SEND_LIMIT_EXCEEDED = 'CAMPAIGN_SEND_LIMIT_EXCEEDED',
  CONTACT_EMAIL_INVALID = 'CONTACT_EMAIL_INVALID',
  CONTACT_UNSUBSCRIBED = 'CONTACT_UNSUBSCRIBED',
  CONTACT_BOUNCED = 'CONTACT_BOUNCED',
  // Not in the seed's table; named the same way.
  /** A field breaks a rule of the seed's CampaignValidation (details.field says which). */
  CAMPAIGN_INVALID = 'CAMPAIGN_INVALID',
  CAMPAIGN_NOT_FOUND = 'CAMPAIGN_NOT_FOUND',
  CAMPAIGN_ALREADY_EXISTS = 'CAMPAIGN_ALREADY_EXISTS',
  CAMPAIGN_INVALID_STATUS_TRANSITION = 'CAMPAIGN_INVALID_STATUS_TRANSITION',
  /** Completed campaigns take no edits; archived ones take nothing at all (seed: read-only). */
  CAMPAIGN_READ_ONLY = 'CAMPAIGN_READ_ONLY',
  /** Outreach happens only while the campaign is active (seed: "Allows Outreach"). */
  CAMPAIGN_NOT_ACTIVE = 'CAMPAIGN_NOT_ACTIVE',
  CAMPAIGN_OWNER_NOT_FOUND = 'CAMPAIGN_OWNER_NOT_FOUND',
  CAMPAIGN_TEMPLATE_NOT_FOUND = 'CAMPAIGN_TEMPLATE_NOT_FOUND',
  /** seed 004: a variant template must be compatible with the selected channel. */
  CAMPAIGN_TEMPLATE_CHANNEL_MISMATCH = 'CAMPAIGN_TEMPLATE_CHANNEL_MISMATCH',
  CAMPAIGN_TOO_MANY_CONTACTS = 'CAMPAIGN_TOO_MANY_CONTACTS',
  CONTACT_INVALID = 'CONTACT_INVALID',
  CONTACT_NOT_FOUND = 'CONTACT_NOT_FOUND',
  /** The fact does not fit where the contact is (a reply to a message never sent…). */
  CONTACT_INVALID_STATUS = 'CONTACT_INVALID_STATUS',
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  ORGANIZATION_ALREADY_EXISTS = 'ORGANIZATION_ALREADY_EXISTS',
  ORGANIZATION_INVALID = 'ORGANIZATION_INVALID',
  USER_INVALID = 'USER_INVALID',
  USER_ALREADY_EXISTS = 'USER_ALREADY_EXISTS',
  TEMPLATE_INVALID = 'TEMPLATE_INVALID',
  TEMPLATE_ALREADY_EXISTS = 'TEMPLATE_ALREADY_EXISTS',
  LEAD_INVALID = 'LEAD_INVALID',
  LEAD_ALREADY_EXISTS = 'LEAD_ALREADY_EXISTS',
  LEAD_NOT_FOUND = 'LEAD_NOT_FOUND',
  /** The actor's role may not do this (directory changes are for admins). */
  FORBIDDEN = 'FORBIDDEN',
  /** An erasure of personal data names no person or campaign it can act on (details.field). */
  ERASURE_INVALID = 'ERASURE_INVALID',
  ERASURE_ALREADY_RECORDED = 'ERASURE_ALREADY_RECORDED',
}
