import type { ContactInput } from './commands';
import { inlineAddressesOf, type SuppressionReason, suppressionFlagsOf } from './contact.suppression';
import { contactId } from './testing';

const key = (email: string) => email.trim().toLowerCase();
const list = new Map<string, ReadonlySet<SuppressionReason>>([
  ['gone@example.com', new Set(['unsubscribed'])],
  ['dead@example.com', new Set(['bounced'])],
  ['both@example.com', new Set(['bounced', 'unsubscribed'])],
]);
const contacts: ContactInput[] = [
  { contactId: contactId(1), email: 'fresh@example.com' },
  { contactId: contactId(2), email: 'Gone@Example.com ' },
  { contactId: contactId(3), email: 'dead@example.com' },
  { contactId: contactId(4), email: 'both@example.com' },
  { contactId: contactId(5), linkedinUrl: 'https://linkedin.com/in/nomail' },
];

describe('adding contacts whose address the org suppresses', () => {
  // seed 004: "Unsubscribe applies globally (all campaigns)" — CONTACT_UNSUBSCRIBED "Contact has unsubscribed"
  it('an unsubscribed address is flagged CONTACT_UNSUBSCRIBED, in any spelling', () => {
    expect(suppressionFlagsOf(contacts, (email) => list.get(key(email)))).toContainEqual({
      index: 1,
      contactId: contactId(2),
      email: 'Gone@Example.com ',
      code: 'CONTACT_UNSUBSCRIBED',
      message: 'Contact has unsubscribed',
    });
  });

  // seed 004: CONTACT_BOUNCED — "Email previously bounced"
  it('a previously bounced address is flagged CONTACT_BOUNCED', () => {
    expect(suppressionFlagsOf(contacts, (email) => list.get(key(email)))).toContainEqual(expect.objectContaining({ index: 2, code: 'CONTACT_BOUNCED' }));
  });

  it('an address both unsubscribed and bounced is flagged once, as unsubscribed', () => {
    const flags = suppressionFlagsOf(contacts, (email) => list.get(key(email))).filter((flag) => flag.index === 3);
    expect(flags.map((flag) => flag.code)).toEqual(['CONTACT_UNSUBSCRIBED']);
  });

  it('other contacts are not flagged', () => {
    expect(suppressionFlagsOf(contacts, (email) => list.get(key(email))).map((flag) => flag.index)).toEqual([1, 2, 3]);
  });

  it('the addresses looked up are the inline ones, each once', () => {
    expect(inlineAddressesOf([...contacts, { contactId: contactId(6), email: 'dead@example.com' }])).toEqual([
      'fresh@example.com',
      'Gone@Example.com ',
      'dead@example.com',
      'both@example.com',
    ]);
  });
});
