import { outreach as outreachWire } from '@campaign/contracts';
import { type CampaignRow, type ContactRow, COUNTERS, countsOf, DEFAULT_RETRY_BACKOFF, type RetryBackoff, type Suppression } from './dispatch-state';
import { evolveCampaign, evolveContact, type OutreachFact, suppressionOf } from './dispatch-state.evolve';

/** The rows a batch reads and writes, keyed by id; absent ids are rows that do not exist yet. */
export interface StateRows {
  readonly campaigns: Map<string, CampaignRow>;
  readonly contacts: Map<string, ContactRow>;
}

export interface Folded {
  readonly changedCampaigns: ReadonlySet<string>;
  readonly changedContacts: ReadonlySet<string>;
  /** Contacts removed from their campaign (ContactRemoved): their rows are deleted. */
  readonly removedContacts: ReadonlySet<string>;
  readonly suppressions: readonly Suppression[];
}

interface Ids {
  readonly campaignId?: string;
  readonly contactId?: string;
}

const idsOf = (fact: OutreachFact): Ids => (fact.data ?? {}) as Ids;

/** The campaign and contact ids a batch of facts touches: the rows to load before folding. */
export const rowIdsOf = (facts: readonly OutreachFact[]) => ({
  campaignIds: [...new Set(facts.map((f) => idsOf(f).campaignId).filter((id): id is string => !!id))],
  contactIds: [
    ...new Set(
      facts
        .filter((f) => outreachWire.OUTREACH_CONTACT_EVENT_TYPES.has(f.type))
        .map((f) => idsOf(f).contactId)
        .filter((id): id is string => !!id),
    ),
  ],
});

/** Adds what one contact's change contributes to its campaign's counters. */
const countChange = (campaign: CampaignRow, before: ContactRow | null, after: ContactRow | null): CampaignRow => {
  const was = countsOf(before);
  const is = countsOf(after);
  const next = { ...campaign };
  for (const counter of COUNTERS) next[counter] += is[counter] - was[counter];
  return next;
};

/** Folds facts, in order, into `rows` (changed in place); says which rows changed. */
export const foldFacts = (rows: StateRows, facts: readonly OutreachFact[], backoff: RetryBackoff = DEFAULT_RETRY_BACKOFF): Folded => {
  const changedCampaigns = new Set<string>();
  const changedContacts = new Set<string>();
  const removedContacts = new Set<string>();
  const suppressions: Suppression[] = [];
  for (const fact of facts) {
    const { campaignId, contactId } = idsOf(fact);
    if (!campaignId) continue;
    if (!outreachWire.OUTREACH_CONTACT_EVENT_TYPES.has(fact.type) || !contactId) {
      const next = evolveCampaign(rows.campaigns.get(campaignId) ?? null, fact);
      if (next && next !== rows.campaigns.get(campaignId)) {
        rows.campaigns.set(campaignId, next);
        changedCampaigns.add(campaignId);
      }
      continue;
    }
    const before = rows.contacts.get(contactId) ?? null;
    const after = evolveContact(before, fact, backoff);
    const suppression = suppressionOf(after, fact);
    if (suppression) suppressions.push(suppression);
    if (!after && before) {
      rows.contacts.delete(contactId);
      changedContacts.delete(contactId);
      removedContacts.add(contactId);
      const campaign = rows.campaigns.get(before.campaign_id);
      if (campaign) rows.campaigns.set(before.campaign_id, countChange(campaign, before, null));
      if (campaign) changedCampaigns.add(before.campaign_id);
      continue;
    }
    if (!after || after === before) continue;
    rows.contacts.set(contactId, after);
    changedContacts.add(contactId);
    const campaign = rows.campaigns.get(after.campaign_id);
    if (!campaign) continue;
    rows.campaigns.set(after.campaign_id, countChange(campaign, before, after));
    changedCampaigns.add(after.campaign_id);
  }
  return { changedCampaigns, changedContacts, removedContacts, suppressions };
};
