import { outreach } from '@campaign/domain';

/**
 * The outreach value lists as Avro enums, generated from the domain's lists so the wire and the
 * deciders cannot drift apart. A schema that uses one enum twice names it the second time by
 * its full name (`campaign.outreach.<Name>`). Company sizes ('1-10', '5001+') are not valid
 * Avro symbols, so they travel as strings; the deciders validate them.
 */
export const OUTREACH_NS = 'campaign.outreach';

const enumOf = (name: string, symbols: readonly string[]) => ({ type: 'enum', name, namespace: OUTREACH_NS, symbols: [...symbols] }) as const;

/** The full name by which a schema refers to an enum it already defined. */
export const ref = (avroEnum: { readonly name: string }): string => `${OUTREACH_NS}.${avroEnum.name}`;

export const campaignType = enumOf('CampaignType', outreach.CAMPAIGN_TYPES);
export const channel = enumOf('Channel', outreach.CHANNELS);
export const channelPreference = enumOf('ChannelPreference', outreach.CHANNEL_PREFERENCES);
export const campaignStatus = enumOf('CampaignStatus', outreach.CAMPAIGN_STATUSES);
export const contactType = enumOf('ContactType', outreach.CONTACT_TYPES);
export const abVariant = enumOf('AbVariant', outreach.AB_VARIANTS);
export const userRole = enumOf('UserRole', outreach.USER_ROLES);
export const templateChannel = enumOf('TemplateChannel', outreach.TEMPLATE_CHANNELS);
export const linkedinMessageKind = enumOf('LinkedInMessageKind', outreach.LINKEDIN_MESSAGE_KINDS);
export const messageKind = enumOf('MessageKind', outreach.MESSAGE_KINDS);
export const conversionType = enumOf('ConversionType', outreach.CONVERSION_TYPES);
export const bounceType = enumOf('BounceType', outreach.BOUNCE_TYPES);
export const responseChannel = enumOf('ResponseChannel', outreach.RESPONSE_CHANNELS);
export const statusChangeReason = enumOf('StatusChangeReason', outreach.STATUS_CHANGE_REASONS);

/** Nullable arrays of strings (target locations, skills, company sizes). */
export const stringList = { type: 'array', items: 'string' } as const;

/** A message type's record schema at version 1 (a context's contract entry). */
export const versioned = (name: string, namespace: string, fields: readonly object[]) => ({
  version: 1,
  schema: { type: 'record', name, namespace, fields },
});
