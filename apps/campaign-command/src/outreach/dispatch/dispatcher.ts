import { randomUUID } from 'node:crypto';
import { outreach } from '@campaign/domain';
import type { CommandOutcome } from '@campaign/eventstore';
import type { JsonLogger } from '@campaign/runtime';
import type { Counter } from 'prom-client';
import { AutoCompleter } from './auto-completer';
import { normalizeEmail, type SuppressionReason } from './dispatch-state';
import type { DispatchStateStore, DueContact } from './dispatch-state.store';
import { dispatcherCommand, type OutreachCommands } from './outreach-commands';
import { pacingLimitName, type SendWindowLimiter } from './send-window.limiter';

export interface DispatcherMetrics {
  readonly dispatches: Counter<'outcome'>;
  readonly limitHits: Counter<'limit'>;
}

export interface DispatcherOptions {
  readonly batchSize: number;
  /** How long a contact whose fate is being recorded (or that failed oddly) is left alone. */
  readonly settleMs?: number;
}

type Checks = outreach.DispatchContact['data']['checks'];
type Outcome = 'requested' | 'suppressed' | 'bounced' | 'undeliverable' | 'limited' | 'paced' | 'rejected' | 'failed';

const PACING_LIMITS = new Set([pacingLimitName('email'), pacingLimitName('linkedin')]);
const NO_CHECKS: Checks = { suppressed: false, previouslyBounced: false, sendLimit: null };

const groupBySender = (due: readonly DueContact[]): Map<string, DueContact[]> => {
  const groups = new Map<string, DueContact[]>();
  for (const d of due) {
    const list = groups.get(d.campaign.owner_id);
    if (list) list.push(d);
    else groups.set(d.campaign.owner_id, [d]);
  }
  return groups;
};

/**
 * Takes the due contacts of active campaigns and asks the command side to dispatch each:
 * suppression list and earlier bounces looked up first (seed 004: "Suppression list checked
 * before every send"), then a slot in the sender's windows reserved only when nothing else
 * stands in the way. A sender whose window is full rests until a slot frees up.
 */
export class Dispatcher {
  private readonly resting = new Map<string, number>();
  private readonly completer: AutoCompleter;

  constructor(
    private readonly store: DispatchStateStore,
    private readonly limiter: SendWindowLimiter,
    private readonly commands: OutreachCommands,
    private readonly log: Pick<JsonLogger, 'log' | 'warn' | 'error'>,
    private readonly metrics: DispatcherMetrics,
    private readonly options: DispatcherOptions,
  ) {
    this.completer = new AutoCompleter(commands, log);
  }

  /** One pass: dispatch what is due, then complete what is done. Returns the outcomes counted. */
  async tick(now: Date = new Date()): Promise<Record<string, number>> {
    for (const [sender, until] of this.resting) if (until <= now.getTime()) this.resting.delete(sender);
    const due = await this.store.dueContacts(now, this.options.batchSize, [...this.resting.keys()]);
    const outcomes: Record<string, number> = {};
    const bySender = groupBySender(due);
    // One sender's sends go one after the other (its pacing); different senders in parallel.
    await Promise.all(
      [...bySender.values()].map(async (contacts) => {
        for (const due of contacts) {
          if (this.resting.has(due.campaign.owner_id)) break;
          const outcome = await this.dispatchSafely(due, now);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          this.metrics.dispatches.inc({ outcome });
        }
      }),
    );
    await this.completer.evaluate(await this.store.activeCampaigns(), now);
    return outcomes;
  }

  private async dispatchSafely(due: DueContact, now: Date): Promise<Outcome> {
    try {
      return await this.dispatch(due, now);
    } catch (error) {
      this.log.error('dispatch failed', { contactId: due.contact.contact_id, error: (error as Error).message });
      return 'failed';
    }
  }

  private async dispatch(due: DueContact, now: Date): Promise<Outcome> {
    const { contact, campaign } = due;
    if (contact.undeliverable_reason !== null) return this.undeliverable(due, contact.undeliverable_reason, contact.undeliverable_rejects_address, now);
    const channel = outreach.channelFor(campaign.channel, { email: contact.email, linkedinUrl: contact.linkedin_url }, campaign.channel_preference);
    const reasons = await this.suppressionOf(contact.org_id, contact.email);
    const checks: Checks = {
      suppressed: reasons.has('unsubscribed'),
      // An address that bounced stands in the way of an email only.
      previouslyBounced: channel === 'email' && reasons.has('bounced'),
      sendLimit: null,
    };
    if (!channel || checks.suppressed || checks.previouslyBounced) return this.refused(due, checks, now);
    const kind = outreach.messageKindOf(channel, contact.linkedin_kind);
    const dispatchId = randomUUID();
    const reservation = await this.limiter.tryReserve(campaign.owner_id, kind, now.getTime(), dispatchId);
    if (!reservation.reserved) return this.limited(due, reservation.hit, now);
    const outcome = await this.execute(due, dispatchId, NO_CHECKS, now).catch(async (error) => {
      await this.limiter.release(campaign.owner_id, kind, dispatchId);
      throw error;
    });
    if (outcome.status === 'ACCEPTED') {
      await this.store.claimDispatch(contact.contact_id, dispatchId);
      return 'requested';
    }
    await this.limiter.release(campaign.owner_id, kind, dispatchId);
    return this.afterRejection(due, outcome, now);
  }

  private async suppressionOf(orgId: string, email: string | null): Promise<ReadonlySet<SuppressionReason>> {
    if (!email) return new Set();
    const key = normalizeEmail(email);
    return (await this.store.suppressionsOf(orgId, [key])).get(key) ?? new Set();
  }

  private execute(due: DueContact, dispatchId: string, checks: Checks, now: Date): Promise<CommandOutcome> {
    const { contact } = due;
    const command = dispatcherCommand(
      'DispatchContact',
      { campaignId: contact.campaign_id, contactId: contact.contact_id, dispatchId, checks },
      contact.org_id,
      now,
      `dispatch-${dispatchId}`,
    );
    return this.commands.execute(command).then((executed) => executed.outcome);
  }

  /** The command side hears about a known refusal too: its rejection is the record of why. */
  private async refused(due: DueContact, checks: Checks, now: Date): Promise<Outcome> {
    const dispatchId = randomUUID();
    const outcome = await this.execute(due, dispatchId, checks, now);
    if (outcome.status === 'ACCEPTED') {
      await this.store.claimDispatch(due.contact.contact_id, dispatchId);
      return 'requested';
    }
    return this.afterRejection(due, outcome, now);
  }

  /** A full window: the refusal is recorded once, then the sender rests until a slot frees up. */
  private async limited(due: DueContact, hit: outreach.SendLimitHit, now: Date): Promise<Outcome> {
    const sender = due.campaign.owner_id;
    this.resting.set(sender, now.getTime() + hit.retryAfterMs);
    this.metrics.limitHits.inc({ limit: hit.limit });
    // seed 004: "30-second delay" / "15-minute delay" between sends is pacing, not an exceeded limit.
    if (PACING_LIMITS.has(hit.limit)) return 'paced';
    const outcome = await this.execute(due, randomUUID(), { ...NO_CHECKS, sendLimit: hit }, now);
    this.log.warn('sender rests: sending window full', { senderId: sender, ...hit, code: outcome.status === 'REJECTED' ? outcome.code : null });
    return 'limited';
  }

  /**
   * A sender adapter reported a dispatch failed for good: the contact will never be sent to, and
   * that is recorded (as for an address that bounced before) so it leaves 'pending'. The command
   * id names the failed dispatch: asking again while the bounce is on its way records it once.
   */
  private async undeliverable(due: DueContact, reason: string, addressRejected: boolean, now: Date): Promise<Outcome> {
    const { contact } = due;
    await this.store.defer(contact.contact_id, new Date(now.getTime() + (this.options.settleMs ?? 60_000)));
    const bounce = {
      campaignId: contact.campaign_id,
      contactId: contact.contact_id,
      bounceType: 'hard' as const,
      bounceReason: `dispatch failed: ${reason}`,
      addressRejected,
    };
    const command = dispatcherCommand('RecordBounce', bounce, contact.org_id, now, `dispatch-failed-${contact.last_dispatch_id ?? contact.contact_id}`);
    const { outcome } = await this.commands.execute(command);
    if (outcome.status === 'REJECTED')
      this.log.warn('undeliverable contact not recorded bounced', { contactId: contact.contact_id, code: outcome.code, message: outcome.message });
    return 'undeliverable';
  }

  /**
   * A suppressed or previously bounced contact will never be sent to: that is recorded on the
   * contact, so it leaves 'pending' (and its campaign can complete when all are processed).
   */
  private async afterRejection(due: DueContact, outcome: Extract<CommandOutcome, { status: 'REJECTED' }>, now: Date): Promise<Outcome> {
    const { contact } = due;
    const address = { campaignId: contact.campaign_id, contactId: contact.contact_id };
    await this.store.defer(contact.contact_id, new Date(now.getTime() + (this.options.settleMs ?? 60_000)));
    if (outcome.code === outreach.OutreachErrorCode.CONTACT_UNSUBSCRIBED) {
      const reason = 'suppressed: unsubscribed from the organization';
      await this.commands.execute(dispatcherCommand('UnsubscribeContact', { ...address, reason }, contact.org_id, now, `suppress-${contact.contact_id}`));
      return 'suppressed';
    }
    if (outcome.code === outreach.OutreachErrorCode.CONTACT_BOUNCED) {
      const bounce = { ...address, bounceType: 'hard' as const, bounceReason: 'previously bounced' };
      await this.commands.execute(dispatcherCommand('RecordBounce', bounce, contact.org_id, now, `previously-bounced-${contact.contact_id}`));
      return 'bounced';
    }
    this.log.warn('dispatch refused', { contactId: contact.contact_id, code: outcome.code, message: outcome.message });
    return 'rejected';
  }
}
