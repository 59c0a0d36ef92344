/**
 * RemoveContact: a contact leaves a draft or paused campaign. The campaign decider reads the
 * contact's stream for it (what has been done with it so far) and records ContactRemoved on the
 * campaign's stream, so the campaign's count of contacts (activation needs one; at most
 * 100,000) stays exact. Only a contact nothing was sent to is removed: the counters seed 004
 * preserves over a pause ("Preserves in-progress metrics") never move backwards.
 */
import { type Decision, DomainError } from '../shared/decider';
import { toIso } from '../shared/validation';
import type { CampaignDeciderEvent, CampaignState } from './campaign';
import { readOnly, requireCampaign } from './campaign.status';
import type { RemoveContact } from './commands';
import type { ContactEvent, ContactRemoved } from './contact';
import { OutreachErrorCode as Code } from './errors';
import { nowOf, reject, tenantOf } from './rules';
import type { AbVariant } from './values';

/** The contact a RemoveContact names, as read from its own stream. */
export interface NamedContact {
  readonly contactId: string;
  readonly campaignId: string;
  readonly abVariant: AbVariant | null;
  /** Something reached or concerned the person: a send, a bounce, an unsubscribe, a reply… */
  readonly touched: boolean;
  /** A send is under way (asked of a sender adapter, not yet reported sent or failed). */
  readonly sending: boolean;
}

/** Folds the named contact's stream; ContactRemoved (on the campaign's stream) forgets it. */
export const namedContactAfter = (named: NamedContact | null, event: ContactEvent): NamedContact | null => {
  switch (event.type) {
    case 'ContactAdded': {
      const { contactId, campaignId, abVariant } = event.data;
      return named ?? { contactId, campaignId, abVariant, touched: false, sending: false };
    }
    case 'ContactRemoved':
      return named?.contactId === event.data.contactId ? null : named;
    case 'ContactDispatchRequested':
      return named && { ...named, sending: true };
    // A failed dispatch sent nothing: the contact is as it was.
    case 'ContactDispatchFailed':
      return named && { ...named, sending: false };
    default:
      return named && { ...named, touched: true, sending: false };
  }
};

// seed 004: draft — "Campaign being set up"; paused — "Temporarily stopped". Active campaigns are writing to their contacts.
const REMOVABLE_IN = ['draft', 'paused'] as const;

export const removeContact = (command: RemoveContact, state: CampaignState): Decision<CampaignDeciderEvent> => {
  const campaign = requireCampaign(command, state);
  if (campaign instanceof DomainError) return campaign;
  const { campaignId, contactId } = command.data;
  if (campaign.status === 'completed' || campaign.status === 'archived') return readOnly(campaign);
  if (!(REMOVABLE_IN as readonly string[]).includes(campaign.status)) {
    return reject(Code.CAMPAIGN_ALREADY_ACTIVE, 'Campaign is already active; pause it to remove a contact', { status: campaign.status });
  }
  const named = state.named;
  if (named === null || named.contactId !== contactId || named.campaignId !== campaignId) {
    return reject(Code.CONTACT_NOT_FOUND, `Contact ${contactId} is not in campaign ${campaignId}`, { campaignId, contactId });
  }
  if (named.touched || named.sending)
    return reject(Code.CONTACT_INVALID_STATUS, 'Only a contact nothing was sent to is removed (its metrics are kept)', { contactId });
  const removed: ContactRemoved = {
    type: 'ContactRemoved',
    data: {
      orgId: tenantOf(command),
      campaignId,
      contactId,
      abVariant: named.abVariant,
      totalContacts: campaign.totalContacts - 1,
      removedAt: toIso(nowOf(command)),
    },
  };
  return [removed];
};
