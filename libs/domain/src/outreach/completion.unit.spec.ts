import { autoCompletionReason, type CompletionProgress } from './completion';
import { CAMPAIGN_STATUSES } from './values';

/** An active campaign of 10 contacts, 4 still pending, 6 reached, 2 responses, no targets. */
const progress = (overrides: Partial<CompletionProgress> = {}): CompletionProgress => ({
  status: 'active',
  totalContacts: 10,
  pendingContacts: 4,
  contactsReached: 6,
  responseRate: 33.33,
  targetContactsCount: null,
  targetResponseRate: null,
  ...overrides,
});

describe('automatic completion of an active campaign', () => {
  it('keeps running while contacts are pending and no target is set', () => {
    expect(autoCompletionReason(progress())).toBeNull();
  });

  // seed 004: Auto-Complete Trigger 2 — target_contacts_count reached AND target_response_rate reached
  it('completes when target_contacts_count is reached AND target_response_rate is reached', () => {
    expect(autoCompletionReason(progress({ targetContactsCount: 6, targetResponseRate: 33.33 }))).toBe('targets_reached');
  });

  it('keeps running when target_contacts_count is reached but target_response_rate is not', () => {
    expect(autoCompletionReason(progress({ targetContactsCount: 6, targetResponseRate: 33.34 }))).toBeNull();
  });

  it('keeps running when target_response_rate is reached but target_contacts_count is not', () => {
    expect(autoCompletionReason(progress({ targetContactsCount: 7, targetResponseRate: 10 }))).toBeNull();
  });

  // seed 004: is_complete = contacts_reached >= target_contacts_count
  it('completes when target_contacts_count is reached and no target_response_rate is set', () => {
    expect(autoCompletionReason(progress({ targetContactsCount: 5 }))).toBe('targets_reached');
  });

  it('does not complete on target_response_rate alone when no target_contacts_count is set', () => {
    expect(autoCompletionReason(progress({ targetResponseRate: 1 }))).toBeNull();
  });

  // seed 004: Auto-Complete Trigger 3 — all contacts processed (status != 'pending')
  it('completes when all contacts are processed (none pending)', () => {
    expect(autoCompletionReason(progress({ pendingContacts: 0 }))).toBe('all_contacts_processed');
  });

  it('does not complete a campaign without contacts as "all processed"', () => {
    expect(autoCompletionReason(progress({ totalContacts: 0, pendingContacts: 0, contactsReached: 0, responseRate: 0 }))).toBeNull();
  });

  it('names the targets when both triggers hold', () => {
    expect(autoCompletionReason(progress({ pendingContacts: 0, targetContactsCount: 6 }))).toBe('targets_reached');
  });
});

describe('when the campaign is not active', () => {
  // seed 004: active → completed; draft, paused, completed and archived campaigns do not auto-complete
  it.each(CAMPAIGN_STATUSES.filter((status) => status !== 'active'))('a %s campaign never auto-completes', (status) => {
    expect(autoCompletionReason(progress({ status, pendingContacts: 0, targetContactsCount: 1 }))).toBeNull();
  });
});
