/**
 * The steady load: lifecycle campaigns, each a short script of commands paced by one global
 * gate at the target rate. About a third start by timer (start_time a few seconds ahead), and
 * every campaign with rewards gets reward-claim timers seconds after it closes, so timers come
 * due all through the run — during the faults too.
 *
 *   manual: create → start → join ×2 → engage → close → [OPEN_REWARD_CLAIM] → claim → [REMINDER, EXPIRE]
 *   timer:  create(start_time) → [START_CAMPAIGN] → join ×2 → engage → close → … the same
 */
import { performance } from 'node:perf_hooks';
import { type SeededRandom, sleep } from '@campaign/testing';
import type { CommandClient } from './client';

/** metadata.timers of every campaign: the reward-claim timers fire seconds after the close. */
export const CAMPAIGN_TIMERS = { rewardClaimOpensAfterSeconds: 2, rewardClaimWindowSeconds: 12, rewardReminderBeforeExpirySeconds: 6 };

/** Paces callers to `rate` per second; a caller late by less than `burstMs` may catch up at once. */
class RateGate {
  private next = performance.now();
  private readonly interval: number;

  constructor(
    rate: number,
    private readonly burstMs = 100,
  ) {
    this.interval = 1_000 / rate;
  }

  take(): Promise<void> {
    const now = performance.now();
    this.next = Math.max(this.next, now - this.burstMs) + this.interval;
    const wait = this.next - now;
    return wait <= 0 ? Promise.resolve() : sleep(wait);
  }
}

/** At most `limit` commands in flight, so a slow system is met by queueing, not by a flood. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.free = limit;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

export interface LoadFigures {
  readonly campaigns: number;
  readonly timerCampaigns: number;
  readonly seconds: number;
  readonly acknowledgedPerSecond: number;
}

export class Load {
  campaigns = 0;
  timerCampaigns = 0;
  private stopping = false;
  private active = 0;
  private startedAt = 0;
  private stoppedAt = 0;
  private readonly gate: RateGate;
  private readonly slots: Slots;
  private idle: () => void = () => undefined;

  constructor(
    private readonly client: CommandClient,
    private readonly random: SeededRandom,
    private readonly rate: number,
    private readonly runId: string,
  ) {
    this.gate = new RateGate(rate);
    this.slots = new Slots(Math.max(64, Math.ceil(rate / 4)));
  }

  start(): void {
    this.startedAt = Date.now();
    // Enough campaigns under way that waits inside the scripts never leave the gate idle.
    const concurrent = Math.ceil(this.rate * 1.5);
    for (let i = 0; i < concurrent; i++) this.launch();
  }

  /** No new campaigns; resolves when every campaign under way has sent its last command. */
  async stop(): Promise<LoadFigures> {
    this.stopping = true;
    this.stoppedAt = Date.now();
    if (this.active > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    const seconds = (this.stoppedAt - this.startedAt) / 1_000;
    const inWindow = this.client.acks.filter((a) => a.answeredAt <= this.stoppedAt && !a.step.startsWith('probe')).length;
    return { campaigns: this.campaigns, timerCampaigns: this.timerCampaigns, seconds, acknowledgedPerSecond: inWindow / seconds };
  }

  private launch(): void {
    if (this.stopping) return;
    this.active++;
    this.runCampaign()
      .catch((error: Error) => process.stderr.write(`chaos load: ${error.message}\n`))
      .finally(() => {
        this.active--;
        if (this.stopping && this.active === 0) this.idle();
        else this.launch();
      });
  }

  private async paced(campaignId: string, step: string, path: string, body: Record<string, unknown>) {
    await this.slots.acquire();
    try {
      await this.gate.take();
      return await this.client.send(campaignId, step, path, { ...body, commandId: `chaos-${this.runId}-${campaignId}-${step}` });
    } finally {
      this.slots.release();
    }
  }

  private async runCampaign(): Promise<void> {
    const campaignId = this.random.uuid();
    const byTimer = this.random.chance(0.35);
    this.campaigns++;
    const startAt = Date.now() + this.random.int(2_000, 6_000);
    const created = await this.paced(campaignId, 'create', '', {
      campaignId,
      durationHours: 1,
      rewardsEnabled: true,
      metadata: { chaos: this.runId, timers: CAMPAIGN_TIMERS },
      ...(byTimer ? { startTime: new Date(startAt).toISOString() } : {}),
    });
    if (created?.status !== 'ACCEPTED') return;
    if (byTimer) {
      this.timerCampaigns++;
      await sleep(Math.max(0, startAt + 1_000 - Date.now()));
    } else {
      await this.paced(campaignId, 'start', `/${campaignId}/start`, {});
    }
    await this.paced(campaignId, 'join-1', `/${campaignId}/participants`, { participantId: 'p1' });
    await this.paced(campaignId, 'join-2', `/${campaignId}/participants`, { participantId: 'p2' });
    await this.paced(campaignId, 'engage', `/${campaignId}/engagements`, { participantId: 'p1', engagementType: 'click' });
    const closed = await this.paced(campaignId, 'close', `/${campaignId}/close`, {});
    if (closed?.status !== 'ACCEPTED') return;
    await sleep(CAMPAIGN_TIMERS.rewardClaimOpensAfterSeconds * 1_000 + 1_500);
    await this.paced(campaignId, 'claim', `/${campaignId}/reward-claims`, { participantId: 'p1', rewardId: 'r1' });
  }
}
