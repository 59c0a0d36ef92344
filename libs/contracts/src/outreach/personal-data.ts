import type { PersonalFieldsSpec } from '../context-contract';

/**
 * seed 004's contact data that identifies a person — names, email, LinkedIn URL, response
 * text, IP address, user agent and the location derived from it — sealed in every event under
 * the key of the stream it is written to: one contact of one campaign, or one lead. Erasing a
 * person deletes those keys (README, "Personal data"). Staff accounts (user_profiles) and the
 * company a contact works for are not a contact's personal data and stay readable.
 */
const IDENTIFIERS = { email: 'email', linkedinUrl: 'linkedin' } as const;
const names = ['firstName', 'lastName', 'email', 'linkedinUrl'] as const;

export const outreachPersonalFields: Readonly<Record<string, PersonalFieldsSpec>> = {
  LeadCreated: { fields: names, identifiers: IDENTIFIERS },
  ContactAdded: { fields: names, identifiers: IDENTIFIERS, scope: 'campaignId' },
  EmailOpened: { fields: ['userAgent', 'ipAddress', 'location'], scope: 'campaignId' },
  LinkClicked: { fields: ['userAgent', 'ipAddress'], scope: 'campaignId' },
  EmailBounced: { fields: ['email'], identifiers: { email: 'email' }, scope: 'campaignId' },
  ContactResponded: { fields: ['responseText'], scope: 'campaignId' },
  ContactUnsubscribed: { fields: ['email'], identifiers: { email: 'email' }, scope: 'campaignId' },
};
