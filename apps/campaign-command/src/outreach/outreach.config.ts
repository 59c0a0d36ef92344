import { z } from '@campaign/runtime';
import { dispatchConfigSchema } from './dispatch/dispatch.config';

const bodyLimit = z.coerce.number().int().min(1_048_576);

/**
 * The outreach context's settings: the dispatcher's (DISPATCH_*, SEND_LIMITS_OVERRIDE,
 * TRACKING_*: outreach's own names already) and the doors' own, named OUTREACH_<SETTING>.
 */
export const outreachConfigSchema = dispatchConfigSchema.extend({
  /** seed 004: up to 100,000 contacts per campaign arrive in one AddContacts body. */
  OUTREACH_ADD_CONTACTS_BODY_LIMIT_BYTES: bodyLimit.optional(),
  /** The same setting by the name it had before settings were named by context; still read. */
  ADD_CONTACTS_BODY_LIMIT_BYTES: bodyLimit.default(64 * 1_048_576),
});

export type OutreachConfig = z.infer<typeof outreachConfigSchema>;

/** The AddContacts body limit: OUTREACH_ADD_CONTACTS_BODY_LIMIT_BYTES, else ADD_CONTACTS_BODY_LIMIT_BYTES. */
export const addContactsBodyLimit = (config: OutreachConfig): number => config.OUTREACH_ADD_CONTACTS_BODY_LIMIT_BYTES ?? config.ADD_CONTACTS_BODY_LIMIT_BYTES;
