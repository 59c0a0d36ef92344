import { outreach } from '@campaign/domain';

const Code = outreach.OutreachErrorCode;

/**
 * How a rejection of an outside fact reads over HTTP: the contact or campaign is not there
 * (404), the fact does not fit where the contact is (409: an open of a never-sent message, a
 * bounce after an unsubscribe), or the fact itself is invalid (422: a domain code, INVALID_TEXT,
 * or a contract code such as SCHEMA_MISMATCH when the fact cannot be written as a command).
 * Only INTERNAL_ERROR means the command side could not decide now: 503, and the provider
 * retries. Content never answers 5xx: a provider would retry what can never succeed.
 */
const NOT_FOUND = new Set<string>([Code.CONTACT_NOT_FOUND, Code.CAMPAIGN_NOT_FOUND, Code.ORGANIZATION_NOT_FOUND]);
const CONFLICT = new Set<string>([
  Code.CONTACT_INVALID_STATUS,
  Code.CONTACT_UNSUBSCRIBED,
  Code.CONTACT_BOUNCED,
  Code.CAMPAIGN_NOT_ACTIVE,
  Code.CAMPAIGN_READ_ONLY,
]);
export const TRANSIENT_CODES = new Set(['INTERNAL_ERROR']);

export const httpStatusOfRejection = (code: string): number => {
  if (NOT_FOUND.has(code)) return 404;
  if (CONFLICT.has(code)) return 409;
  if (TRANSIENT_CODES.has(code)) return 503;
  return 422;
};
