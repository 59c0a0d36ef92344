/**
 * seed 004: channel `combined` — "Uses both channels, preference order configurable": the
 * campaign's channel_preference (email_first, the default, or linkedin_first) picks the channel
 * a contact with both addresses is written on; a contact with one address gets that one.
 */
import { accepted, given, rejected } from '../testing';
import type { CampaignSettings } from './campaign';
import { campaignDecider } from './campaign.decide';
import type { ContactEvent } from './contact';
import { contactDecider } from './contact.decide';
import { channelFor } from './dispatch';
import { campaignIn, contactIn, directory, outreachCommand as command, outreachEvent as event } from './testing';

const both = { email: 'ada@example.com', linkedinUrl: 'https://linkedin.com/in/ada' };

describe('combined campaigns: the channel preference order', () => {
  // seed 004: combined — "preference order configurable"
  it('preference order configurable: email first by default, LinkedIn first when chosen', () => {
    expect(channelFor('combined', both)).toBe('email');
    expect(channelFor('combined', both, 'email_first')).toBe('email');
    expect(channelFor('combined', both, 'linkedin_first')).toBe('linkedin');
  });

  it('a contact with one address is written on that channel whatever the preference', () => {
    expect(channelFor('combined', { email: 'ada@example.com', linkedinUrl: null }, 'linkedin_first')).toBe('email');
    expect(channelFor('combined', { email: null, linkedinUrl: both.linkedinUrl }, 'email_first')).toBe('linkedin');
    expect(channelFor('combined', { email: null, linkedinUrl: null }, 'linkedin_first')).toBeNull();
  });

  it('single-channel campaigns ignore it', () => {
    expect(channelFor('email', both, 'linkedin_first')).toBe('email');
    expect(channelFor('linkedin', both, 'email_first')).toBe('linkedin');
  });

  it('settings recorded before the preference existed read as email first', () => {
    const created = event.campaignCreated({ channel: 'combined' });
    const { channelPreference: _, ...older } = created.data.settings;
    const decided = given(contactDecider, [
      { ...created, data: { ...created.data, settings: older as CampaignSettings } },
      event.contactsAdded(),
      event.statusChanged('draft', 'active'),
      event.contactAdded({ email: both.email, linkedinUrl: both.linkedinUrl }),
    ]).when(command.dispatch());
    expect(accepted(decided)[0]).toMatchObject({ type: 'ContactDispatchRequested', data: { channel: 'email' } });
  });

  it('a LinkedIn-first combined campaign writes to a contact with both addresses on LinkedIn', () => {
    const withBoth: ContactEvent = event.contactAdded({ email: both.email, linkedinUrl: both.linkedinUrl });
    const history = [
      ...contactIn('active', [], { channel: 'combined', channelPreference: 'linkedin_first' }).filter((e) => e.type !== 'ContactAdded'),
      withBoth,
    ];
    const [requested] = accepted(given(contactDecider, history).when(command.dispatch()));
    expect(requested).toMatchObject({ type: 'ContactDispatchRequested', data: { channel: 'linkedin', messageKind: 'connection_request' } });
  });
});

describe('the channel_preference setting', () => {
  it('is chosen on create and kept in the settings', () => {
    const [created] = accepted(given(campaignDecider, directory()).when(command.createCampaign({ channel: 'combined', channelPreference: 'linkedin_first' })));
    expect(created).toMatchObject({ type: 'CampaignCreated', data: { settings: { channel: 'combined', channelPreference: 'linkedin_first' } } });
  });

  // seed 004: CampaignValidation — an enumerated setting takes its listed values only
  it('takes email_first or linkedin_first only (CAMPAIGN_INVALID, field channel_preference)', () => {
    const decision = given(campaignDecider, directory()).when(command.createCampaign({ channel: 'combined', channelPreference: 'phone_first' }));
    expect(rejected(decision)).toMatchObject({ code: 'CAMPAIGN_INVALID', details: { field: 'channel_preference' } });
  });

  it('can change while the campaign runs (it decides the next sends only)', () => {
    const [updated] = accepted(
      given(campaignDecider, campaignIn('active', { settings: { channel: 'combined' } })).when(
        command.updateCampaign({ changes: { channelPreference: 'linkedin_first' } }),
      ),
    );
    expect(updated).toMatchObject({ type: 'CampaignUpdated', data: { settings: { channelPreference: 'linkedin_first' } } });
  });
});
