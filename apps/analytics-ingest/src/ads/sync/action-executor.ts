import type { JsonLogger } from '@campaign/runtime';
import type { AdsCommandSender, CampaignDirectory, DirectoryEntry } from '../shared/ads-ingest.ports';
import { AdPlatformError, describeFailure } from './connectors/connector.errors';
import type { AdPlatformConnectors } from './connectors/connectors';
import { type PlannedChange, planOf } from './action-plan';
import type { AdsSyncStore, StoredAction } from './ads-sync.store';
import { syncCommandId } from './derived-id';

export interface ActionAttempt {
  readonly actionId: string;
  readonly orgId: string;
  readonly attempt: number;
  /** When the approval or retry was recorded. */
  readonly occurredAt: string;
}

export type AttemptOutcome = 'executed' | 'failed' | 'skipped';

/**
 * Issue 12 point 7: an approved action (PAUSE, BUDGET_CHANGE, REALLOCATE) executed through its
 * campaign's platform connector, once per attempt. The outcome goes back as
 * RecordAdActionExecuted or RecordAdActionFailed with the attempt; the domain schedules the
 * retry with back-off and dead-letters after the last attempt. An action the events show
 * executed or closed, or an attempt already reported, is not run again. Each platform change
 * carries the key `<actionId>:<attempt>:<step>`, and sets an absolute state (status PAUSED, a
 * budget amount), so a repeat after a crash changes nothing more.
 */
export class AdActionExecutor {
  constructor(
    private readonly connectors: AdPlatformConnectors,
    private readonly store: AdsSyncStore,
    private readonly directory: CampaignDirectory,
    private readonly commands: AdsCommandSender,
    private readonly options: { readonly staleAfterMs: number },
    private readonly log: Pick<JsonLogger, 'log' | 'warn'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async attempt(work: ActionAttempt): Promise<AttemptOutcome> {
    const action = await this.store.action(work.actionId);
    if (!action) {
      this.log.warn('ad action approved before its request was seen; not executed', { actionId: work.actionId });
      return 'skipped';
    }
    if (action.status !== 'requested' || action.reportedAttempt >= work.attempt) return 'skipped';
    if (this.now().getTime() - Date.parse(work.occurredAt) > this.options.staleAfterMs) {
      return this.report(action, work.attempt, `AD_ACTION_STALE: attempt ${work.attempt} was due at ${work.occurredAt}`);
    }
    try {
      for (const change of planOf(action)) await this.apply(action, work.attempt, change);
    } catch (error) {
      return this.report(action, work.attempt, describeFailure(error));
    }
    return this.report(action, work.attempt, null);
  }

  private async apply(action: StoredAction, attempt: number, change: PlannedChange): Promise<void> {
    const entry = await this.campaign(change.campaignId);
    if (entry.orgId !== action.orgId) throw new AdPlatformError('AD_PLATFORM_NOT_CONFIGURED', `campaign ${change.campaignId} is not the org's`);
    const account = await this.store.account(entry.accountId);
    if (!account?.connected) throw new AdPlatformError('AD_PLATFORM_NOT_CONFIGURED', `the account of campaign ${change.campaignId} is not connected`);
    const connector = this.connectors.of(entry.platform);
    const platformAccount = {
      platform: account.platform,
      platformAccountId: account.platformAccountId,
      timeZone: account.timeZone,
      currency: account.currency,
    };
    const options = { idempotencyKey: `${action.actionId}:${attempt}:${change.step}` };
    if (change.kind === 'pause') await connector.pauseCampaign(platformAccount, entry.platformCampaignId, options);
    else await connector.setCampaignBudget(platformAccount, entry.platformCampaignId, change.amountCents, options);
  }

  /** The campaign as the directory knows it; a campaign registered a moment ago is waited for once. */
  private async campaign(campaignId: string): Promise<DirectoryEntry> {
    let entry = (await this.directory.entries([campaignId])).get(campaignId);
    if (!entry) {
      await this.directory.caughtUp();
      entry = (await this.directory.entries([campaignId])).get(campaignId);
    }
    if (!entry) throw new AdPlatformError('AD_PLATFORM_NOT_CONFIGURED', `campaign ${campaignId} is not registered`);
    return entry;
  }

  /** Sends the attempt's outcome (error null: executed) and remembers it was reported. */
  private async report(action: StoredAction, attempt: number, error: string | null): Promise<AttemptOutcome> {
    const [type, data] = error
      ? (['RecordAdActionFailed', { actionId: action.actionId, attempt, error }] as const)
      : (['RecordAdActionExecuted', { actionId: action.actionId, attempt, newState: action.newState, executedAt: this.now().toISOString() }] as const);
    const outcome = await this.commands.send(type, { ...data }, { orgId: action.orgId, commandId: syncCommandId(action.actionId, attempt, type) });
    if (outcome.status === 'REJECTED') this.log.warn('ad action outcome not recorded', { actionId: action.actionId, attempt, type, code: outcome.code });
    await this.store.markReported(action.actionId, attempt);
    this.log.log(error ? 'ad action attempt failed' : 'ad action executed', { actionId: action.actionId, attempt, ...(error ? { error } : {}) });
    return error ? 'failed' : 'executed';
  }
}
