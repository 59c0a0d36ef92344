/**
 * When an active campaign completes by itself (seed 004: Campaign Completion Rules →
 * Auto-Complete Triggers). Trigger 1, end_date reached, is the timer-scheduler's; the other two
 * follow from the contacts' progress and are evaluated here from the campaign's counters.
 */
import type { OutreachCampaignStatus, StatusChangeReason } from './values';

export interface CompletionProgress {
  readonly status: OutreachCampaignStatus;
  readonly totalContacts: number;
  readonly pendingContacts: number;
  readonly contactsReached: number;
  /** Percent, two decimals, as the campaign's response_rate. */
  readonly responseRate: number;
  readonly targetContactsCount: number | null;
  readonly targetResponseRate: number | null;
}

export type AutoCompletionReason = Extract<StatusChangeReason, 'targets_reached' | 'all_contacts_processed'>;

// seed 004: is_complete = contacts_reached >= target_contacts_count
const contactsTargetReached = (p: CompletionProgress): boolean => p.targetContactsCount !== null && p.contactsReached >= p.targetContactsCount;

// seed 004: Success Criteria — actual_response_rate >= target_response_rate (no target: nothing to wait for)
const responseTargetReached = (p: CompletionProgress): boolean => p.targetResponseRate === null || p.responseRate >= p.targetResponseRate;

/** Why the campaign should complete now, or null when it should keep running. */
export const autoCompletionReason = (progress: CompletionProgress): AutoCompletionReason | null => {
  // seed 004: only active campaigns complete (active → completed).
  if (progress.status !== 'active') return null;
  // seed 004: Auto-Complete Trigger 2 — target_contacts_count reached AND target_response_rate reached.
  if (contactsTargetReached(progress) && responseTargetReached(progress)) return 'targets_reached';
  // seed 004: Auto-Complete Trigger 3 — all contacts processed (status != 'pending').
  if (progress.totalContacts > 0 && progress.pendingContacts === 0) return 'all_contacts_processed';
  return null;
};
