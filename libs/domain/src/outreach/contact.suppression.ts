/**
 * seed 004: "Unsubscribe applies globally (all campaigns)", "Suppression list checked before
 * every send", CONTACT_UNSUBSCRIBED ("Remove from campaign") and CONTACT_BOUNCED ("Use
 * different email"). An address the org suppresses may still be added to a campaign — the
 * dispatcher never writes to it — but the answer to the add flags every such contact, so it is
 * never accepted silently.
 */
import type { ContactInput } from './commands';
import { OutreachErrorCode as Code } from './errors';

export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/** One added contact whose address the org suppresses, with the seed's code and message. */
export interface SuppressionFlag {
  readonly index: number;
  readonly contactId: string;
  readonly email: string;
  readonly code: Code.CONTACT_UNSUBSCRIBED | Code.CONTACT_BOUNCED;
  readonly message: string;
}

/** The addresses an AddContacts gives inline, each once: what the suppression list is asked about. */
export const inlineAddressesOf = (contacts: readonly ContactInput[]): string[] => [
  ...new Set(contacts.flatMap((contact) => (typeof contact.email === 'string' ? [contact.email] : []))),
];

/**
 * The contacts whose address is suppressed; an unsubscribe outranks a bounce (it is the
 * person's own wish). `reasonsOf` answers from the org's suppression list, keyed as the list
 * keys addresses (case-insensitively: one suppression covers every spelling).
 */
export const suppressionFlagsOf = (
  contacts: readonly ContactInput[],
  reasonsOf: (email: string) => ReadonlySet<SuppressionReason> | undefined,
): SuppressionFlag[] =>
  contacts.flatMap((contact, index): SuppressionFlag[] => {
    if (typeof contact.email !== 'string') return [];
    const reasons = reasonsOf(contact.email);
    const base = { index, contactId: contact.contactId, email: contact.email };
    // seed 004: CONTACT_UNSUBSCRIBED — "Contact has unsubscribed"
    if (reasons?.has('unsubscribed')) return [{ ...base, code: Code.CONTACT_UNSUBSCRIBED, message: 'Contact has unsubscribed' }];
    // seed 004: CONTACT_BOUNCED — "Email previously bounced"
    if (reasons?.has('bounced')) return [{ ...base, code: Code.CONTACT_BOUNCED, message: 'Email previously bounced' }];
    return [];
  });
