/**
 * RemoveContact (issue 11): a contact leaves a draft or paused campaign. The campaign decider
 * folds the directory, the contact's own stream, then the campaign's stream.
 */
import { accepted, given } from '../testing';
import type { CampaignDeciderEvent } from './campaign';
import { campaignDecider } from './campaign.decide';
import type { RemoveContact } from './commands';
import type { ContactEvent, ContactRemoved } from './contact';
import { contactDecider } from './contact.decide';
import { CAMPAIGN_ID, CONTACT_ID, campaignStream, contactIn, directory, METADATA, NOW, outreachCommand, outreachEvent as event, sentOnce } from './testing';
import type { OutreachCampaignStatus } from './values';

const remove = (contactId = CONTACT_ID): RemoveContact => ({ type: 'RemoveContact', data: { campaignId: CAMPAIGN_ID, contactId }, metadata: METADATA });
const removed = (totalContacts: number): ContactRemoved => ({
  type: 'ContactRemoved',
  data: { orgId: METADATA.tenant as string, campaignId: CAMPAIGN_ID, contactId: CONTACT_ID, abVariant: null, totalContacts, removedAt: NOW },
});

/** The campaign brought to `status` with `contacts` contacts, CONTACT_ID's stream holding `contactEvents`. */
const campaignWith = (status: OutreachCampaignStatus, contactEvents: readonly ContactEvent[] = [], contacts = 2): CampaignDeciderEvent[] => [
  ...directory(),
  event.contactAdded(),
  ...contactEvents,
  ...campaignStream(status, { contacts }),
];
const when = (status: OutreachCampaignStatus, contactEvents: readonly ContactEvent[] = [], contacts = 2) =>
  given(campaignDecider, campaignWith(status, contactEvents, contacts)).when(remove());

describe('when the campaign is a draft', () => {
  // seed 004: draft — "Campaign being set up": its contacts may be taken out again
  it('remove a contact from a draft campaign: ContactRemoved, one contact fewer', () => {
    when('draft').then([removed(1)]);
  });

  // seed 004: draft → active — "At least one contact added": the last contact removed, activation is refused again
  it('removing the last contact leaves a campaign that cannot be activated (CAMPAIGN_NO_CONTACTS)', () => {
    const [gone] = accepted(when('draft', [], 1));
    given(campaignDecider, [...campaignWith('draft', [], 1), gone])
      .when(outreachCommand.activate())
      .thenRejects('CAMPAIGN_NO_CONTACTS');
  });

  it('a contact removed already, or never in the campaign, is not found', () => {
    given(campaignDecider, [...campaignWith('draft'), removed(1)])
      .when(remove())
      .thenRejects('CONTACT_NOT_FOUND');
    given(campaignDecider, campaignWith('draft')).when(remove('c0000000-0000-4000-8000-0000000000ff')).thenRejects('CONTACT_NOT_FOUND');
  });
});

describe('when the campaign is paused', () => {
  // seed 004: paused — "Temporarily stopped"; a contact not yet written to can be taken out
  it('remove a contact from a paused campaign that nothing was sent to', () => {
    when('paused').then([removed(1)]);
  });

  it('a contact whose dispatch failed (nothing sent) can be removed', () => {
    when('paused', [event.dispatchRequested(), event.dispatchFailed()]).then([removed(1)]);
  });

  // seed 004: active → paused — "Preserves in-progress metrics": a contact already reached stays
  it('preserves in-progress metrics: a contact already sent to is not removed', () => {
    when('paused', sentOnce()).thenRejects('CONTACT_INVALID_STATUS');
  });

  it('a contact with a send under way is not removed', () => {
    when('paused', [event.dispatchRequested()]).thenRejects('CONTACT_INVALID_STATUS');
  });
});

describe('when the campaign is active, completed or archived', () => {
  it('an active campaign keeps its contacts (pause it first): CAMPAIGN_ALREADY_ACTIVE', () => {
    when('active').thenRejects('CAMPAIGN_ALREADY_ACTIVE');
  });

  // seed 004: completed → archived — "Final state, no changes allowed"
  it.each(['completed', 'archived'] as const)('a %s campaign is read-only', (status) => {
    when(status).thenRejects('CAMPAIGN_READ_ONLY');
  });
});

describe('a removed contact', () => {
  it('takes no more facts and is never dispatched: CONTACT_NOT_FOUND', () => {
    const history = [...contactIn('paused'), removed(0)];
    // The contact decider folds the campaign's stream (with ContactRemoved) before the contact's own.
    const ordered = [...history.filter((e) => e.type !== 'ContactAdded'), event.contactAdded()];
    given(contactDecider, ordered).when(outreachCommand.recordResponse()).thenRejects('CONTACT_NOT_FOUND');
    given(contactDecider, [...ordered, event.statusChanged('paused', 'active')])
      .when(outreachCommand.dispatch())
      .thenRejects('CONTACT_NOT_FOUND');
  });
});
