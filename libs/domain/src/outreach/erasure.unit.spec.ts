import type { CommandMetadata } from '../shared/decider';
import { given } from '../testing';
import { type ErasePersonalData, erasureDecider } from './erasure';
import { contactStreamId } from './contact';
import { CAMPAIGN_ID, contactId, METADATA, NOW, ORG_ID } from './testing';

const ERASURE_ID = 'e7a5e000-0000-4000-8000-000000000001';
const SUBJECTS = [contactStreamId(ORG_ID, contactId(1)), contactStreamId(ORG_ID, contactId(2))];

const erase = (data: Partial<ErasePersonalData['data']> = {}, metadata: Partial<CommandMetadata> = {}): ErasePersonalData => ({
  type: 'ErasePersonalData',
  data: { erasureId: ERASURE_ID, basis: 'request', email: 'pat@person.test', reason: 'data subject request #42', subjects: SUBJECTS, ...data },
  metadata: { ...METADATA, ...metadata },
});

const when = given(erasureDecider).when;

describe('erasure of personal data (right to be forgotten)', () => {
  it('an admin erasing a person records PersonalDataErased with the subjects, never the values', () => {
    when(erase()).then([
      {
        type: 'PersonalDataErased',
        data: {
          orgId: ORG_ID,
          erasureId: ERASURE_ID,
          basis: 'request',
          campaignId: null,
          subjects: SUBJECTS,
          reason: 'data subject request #42',
          requestedBy: METADATA.actor,
          erasedAt: NOW,
        },
      },
    ]);
  });

  it('only an admin of the org (or a service) may erase a person', () => {
    when(erase({}, { role: 'recruiter' })).thenRejects('FORBIDDEN');
    when(erase({}, { role: 'ta_manager' })).thenRejects('FORBIDDEN');
  });

  it('an erasure names the person by email or LinkedIn URL, in their valid formats', () => {
    when(erase({ email: null, linkedinUrl: null })).thenRejects('ERASURE_INVALID', { details: { field: 'email' } });
    when(erase({ email: 'not-an-address' })).thenRejects('ERASURE_INVALID', { details: { field: 'email' } });
    when(erase({ email: null, linkedinUrl: 'https://example.com/pat' })).thenRejects('ERASURE_INVALID', { details: { field: 'linkedin_url' } });
  });

  it('an erasure says why (the audit keeps the reason)', () => {
    when(erase({ reason: '   ' })).thenRejects('ERASURE_INVALID', { details: { field: 'reason' } });
  });

  it('an erasure is recorded once', () => {
    const recorded = erasureDecider.decide(erase(), erasureDecider.initialState());
    given(erasureDecider, recorded as never)
      .when(erase())
      .thenRejects('ERASURE_ALREADY_RECORDED');
  });
});

// seed 004: Data Privacy — "Campaign data retained for 2 years".
describe("retention: a campaign's contact data is erased two years after it ended", () => {
  it("the platform (a service) erases an ended campaign's contacts", () => {
    when(erase({ basis: 'retention', email: null, campaignId: CAMPAIGN_ID, reason: 'retention: 2 years after the campaign ended' }, { role: undefined })).then([
      {
        type: 'PersonalDataErased',
        data: {
          orgId: ORG_ID,
          erasureId: ERASURE_ID,
          basis: 'retention',
          campaignId: CAMPAIGN_ID,
          subjects: SUBJECTS,
          reason: 'retention: 2 years after the campaign ended',
          requestedBy: METADATA.actor,
          erasedAt: NOW,
        },
      },
    ]);
  });

  it("no user, not even an admin, expires a campaign's data early", () => {
    when(erase({ basis: 'retention', campaignId: CAMPAIGN_ID })).thenRejects('FORBIDDEN');
  });

  it('a retention erasure names its campaign', () => {
    when(erase({ basis: 'retention', campaignId: null }, { role: undefined })).thenRejects('ERASURE_INVALID', { details: { field: 'campaign_id' } });
  });
});
