import { isUuid, type outreach } from '@campaign/domain';
import type { CompletionReports } from '../completion-reports';
import { completionReportOf } from './dispatch-state';
import type { DispatchStateStore } from './dispatch-state.store';

/**
 * seed 004: On Completion — "Generate completion report" from the dispatcher's counters (the
 * same semantics as the projection's), so a manual or end-date completion reports them too.
 */
export class DispatchStateCompletionReports implements CompletionReports {
  constructor(private readonly store: DispatchStateStore) {}

  async reportFor(orgId: string, campaignId: string): Promise<outreach.CompletionReport> {
    // Not a campaign id at all (the decider will say CAMPAIGN_NOT_FOUND): nothing to look up.
    if (!isUuid(campaignId)) return completionReportOf(null);
    const campaign = await this.store.campaign(campaignId);
    return completionReportOf(campaign?.org_id === orgId ? campaign : null);
  }
}
