import type { AdsCommandSender } from '../shared/ads-ingest.ports';
import type { AlertingStore, AlertState, CampaignData } from './alerting.store';
import { type AlertRules, judgeTotals, rulesSpans, type Verdict } from './alert-rules';
import { derivedId } from './derived-id';
import { settled } from './command-outcome';

export interface EvaluatorLog {
  log(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** The command side's answer to a resolve of an alert a person already resolved. */
const ALREADY_CLOSED = 'ALERT_NOT_OPEN';

/**
 * seed 003 Alerts: after each consumed batch, every touched campaign's rules are judged on its
 * newest data window (ending at its latest bucket) against the trailing baseline. A firing rule
 * is raised (the command side keeps one open alert per campaign and rule: a repeat updates it);
 * a recovered metric resolves an open alert automatically. Command ids derive from the campaign,
 * the rule, the window end and the verdict, so a redelivered batch sends the same commands.
 */
export class AlertEvaluator {
  /** The spans the rules sum over, relative to a campaign's newest data. */
  private readonly spans: readonly (readonly [number, number])[];

  constructor(
    private readonly store: AlertingStore,
    private readonly commands: AdsCommandSender,
    private readonly rules: AlertRules,
    /** Windows ending longer ago than this are history (a replay, a backfill): not judged. */
    private readonly staleAfterMs: number,
    private readonly log: EvaluatorLog,
    private readonly now: () => number = Date.now,
  ) {
    this.spans = rulesSpans(rules);
  }

  async evaluate(campaignIds: readonly string[]): Promise<void> {
    if (campaignIds.length === 0) return;
    const now = this.now();
    await this.store.withJudgements(campaignIds, this.spans, now - this.staleAfterMs, async (judgements) => {
      for (const { campaign, totals, states } of judgements) {
        for (const verdict of judgeTotals(totals, this.rules, campaign.dataEnd)) {
          await this.act(campaign, verdict, states.get(verdict.alertType));
        }
      }
    });
  }

  private async act(campaign: CampaignData, verdict: Verdict, state: AlertState | undefined): Promise<void> {
    if (verdict.kind === 'unknown') return;
    if (verdict.kind === 'clear') {
      if (!state?.open) return;
      const commandId = derivedId(campaign.campaignId, verdict.alertType, campaign.dataEnd, 'resolve');
      const outcome = settled(
        await this.commands.send(
          'ResolveAlert',
          { campaignId: campaign.campaignId, alertType: verdict.alertType, alertId: null, automatic: true },
          { orgId: campaign.orgId, commandId },
        ),
        'ResolveAlert',
      );
      if (outcome.status === 'ACCEPTED' || outcome.code === ALREADY_CLOSED) {
        await this.store.saveAlertState(campaign, verdict.alertType, { open: false, lastCommandId: commandId });
        this.log.log('alert resolved: the metric recovered', { campaignId: campaign.campaignId, alertType: verdict.alertType });
      } else {
        this.log.warn('alert resolve refused', { campaignId: campaign.campaignId, alertType: verdict.alertType, code: outcome.code, message: outcome.message });
      }
      return;
    }
    const commandId = derivedId(
      campaign.campaignId,
      verdict.alertType,
      campaign.dataEnd,
      'raise',
      verdict.severity,
      verdict.metricValue,
      verdict.thresholdValue,
    );
    if (state?.open && state.lastCommandId === commandId) return;
    const outcome = settled(
      await this.commands.send(
        'RaiseAlert',
        {
          campaignId: campaign.campaignId,
          alertType: verdict.alertType,
          severity: verdict.severity,
          platform: campaign.platform,
          message: verdict.message,
          metricName: verdict.metricName,
          metricValue: verdict.metricValue,
          thresholdValue: verdict.thresholdValue,
        },
        { orgId: campaign.orgId, commandId },
      ),
      'RaiseAlert',
    );
    if (outcome.status === 'ACCEPTED') {
      await this.store.saveAlertState(campaign, verdict.alertType, { open: true, lastCommandId: commandId });
      this.log.log('alert raised', { campaignId: campaign.campaignId, alertType: verdict.alertType, severity: verdict.severity });
    } else {
      this.log.warn('alert raise refused', { campaignId: campaign.campaignId, alertType: verdict.alertType, code: outcome.code, message: outcome.message });
    }
  }
}
