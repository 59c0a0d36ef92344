import { outreach } from '@campaign/domain';
import type { JsonLogger } from '@campaign/runtime';
import { type CampaignRow, completionProgressOf, completionReportOf } from './dispatch-state';
import { dispatcherCommand, type OutreachCommands } from './outreach-commands';

/**
 * Completes active campaigns whose contacts are all processed or whose targets are reached
 * (seed 004: Auto-Complete Triggers 2 and 3). The command id is stable per activation: asking
 * again is answered from the first outcome, and a re-activated campaign may complete again.
 */
export class AutoCompleter {
  constructor(
    private readonly commands: OutreachCommands,
    private readonly log: Pick<JsonLogger, 'log' | 'warn'>,
  ) {}

  async evaluate(campaigns: Iterable<CampaignRow>, now: Date): Promise<number> {
    let completed = 0;
    for (const campaign of campaigns) {
      const reason = outreach.autoCompletionReason(completionProgressOf(campaign));
      if (!reason) continue;
      const command = dispatcherCommand(
        'CompleteCampaign',
        { campaignId: campaign.campaign_id, reason, report: completionReportOf(campaign) },
        campaign.org_id,
        now,
        `auto-complete-${campaign.campaign_id}-${campaign.activations}`,
      );
      const { outcome, duplicate } = await this.commands.execute(command);
      if (duplicate) continue;
      if (outcome.status === 'ACCEPTED') {
        completed += 1;
        this.log.log('campaign completed automatically', { campaignId: campaign.campaign_id, reason });
      } else {
        this.log.warn('automatic completion refused', { campaignId: campaign.campaign_id, reason, code: outcome.code });
      }
    }
    return completed;
  }
}
