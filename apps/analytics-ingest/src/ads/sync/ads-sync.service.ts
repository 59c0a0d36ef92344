import { decodeEvent, topicsFor } from '@campaign/contracts';
import { groupConsumer, type PartitionBatch, runBatchConsumer } from '@campaign/messaging';
import type { HealthRegistry, JsonLogger } from '@campaign/runtime';
import type { Consumer, Kafka } from 'kafkajs';
import type { AdActionExecutor, ActionAttempt } from './action-executor';
import { type SyncRequest, type SyncWork, syncWorkOf } from './ads-sync.events';
import type { AdsSyncSettings } from './ads-sync.settings';
import type { AdsSyncStore, WorkItem } from './ads-sync.store';
import type { AdAccountSyncRunner } from './sync-runner';

const MAX_POSTPONE_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;

/**
 * Reads `<prefix>ads.events` in a consumer group of its own (ADS_SYNC_GROUP) and turns the
 * sync requests and the actions' approvals and retries into work in the ingest's outbox
 * (sync_work); workers run it. The consumer only writes rows, so a sync that takes minutes
 * never holds the partition or the group's session; the outbox makes each request run once
 * across instances (SKIP LOCKED, a lease), and a request whose commands failed (Kafka away) is
 * tried again with back-off. Account and action events keep the details the work needs.
 */
export class AdsSyncService {
  private consumer: Consumer | null = null;
  private running = false;
  private workers: Promise<void>[] = [];
  private readonly idleWorkers = new Set<() => void>();
  private lastPrune = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly store: AdsSyncStore,
    private readonly runner: AdAccountSyncRunner,
    private readonly executor: AdActionExecutor,
    private readonly settings: AdsSyncSettings & { readonly ADS_SYNC_GROUP: string; readonly topicPrefix: string; readonly sessionTimeoutMs: number },
    private readonly health: HealthRegistry,
    private readonly log: JsonLogger,
  ) {}

  async start(): Promise<void> {
    await this.store.migrate();
    const { consumer, check } = groupConsumer(this.kafka, { groupId: this.settings.ADS_SYNC_GROUP, sessionTimeoutMs: this.settings.sessionTimeoutMs });
    this.health.register('ads-sync-consumer', check);
    const topic = topicsFor('ads', this.settings.topicPrefix).events;
    const batches = await runBatchConsumer(consumer, { topics: [topic], fromBeginning: true, handle: (batch) => this.handle(batch) }, this.log);
    this.health.register('ads-sync-consumer-batches', batches.check);
    this.consumer = consumer;
    this.running = true;
    this.workers = Array.from({ length: this.settings.ADS_SYNC_WORKERS }, () => this.work());
  }

  /** Stops taking work, lets the items under way finish, leaves the group. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await Promise.all(this.workers);
    await this.consumer?.disconnect();
  }

  /** One partition's events, in order: details kept, work added. Undecodable events are the directory's to set aside. */
  async handle({ messages }: Pick<PartitionBatch, 'messages'>): Promise<void> {
    const work: Omit<WorkItem, 'tries'>[] = [];
    for (const message of messages) {
      let item: SyncWork | null;
      try {
        item = syncWorkOf(decodeEvent(message.value ?? Buffer.alloc(0)));
      } catch (error) {
        this.log.warn('undecodable ads event skipped by the sync', { offset: message.offset, error: (error as Error).message });
        continue;
      }
      if (item) await this.apply(item, work);
    }
    await this.store.enqueue(work);
    if (work.length > 0) this.wake();
  }

  private async apply(item: SyncWork, work: Omit<WorkItem, 'tries'>[]): Promise<void> {
    switch (item.kind) {
      case 'account-connected':
        return this.store.upsertAccount({ ...item, connected: true }, item.version);
      case 'account-changed':
        return this.store.changeAccount(item.accountId, item.version, { currency: item.currency, timeZone: item.timeZone });
      case 'account-disconnected':
        return this.store.changeAccount(item.accountId, item.version, { connected: false });
      case 'sync-requested':
        work.push({ workId: `sync:${item.request.syncId}`, kind: 'sync', payload: { ...item.request } });
        return;
      case 'action-requested':
        return this.store.recordAction(item.action, item.version);
      case 'action-attempt':
        work.push({ workId: `action:${item.actionId}:${item.attempt}`, kind: 'action', payload: { ...item } });
        return;
      case 'action-executed':
        return this.store.setActionStatus(item.actionId, 'executed');
      case 'action-closed':
        return this.store.setActionStatus(item.actionId, 'closed');
    }
  }

  private async work(): Promise<void> {
    while (this.running) {
      let item: WorkItem | null = null;
      try {
        await this.pruneNowAndThen();
        item = await this.store.claim(this.settings.ADS_SYNC_LEASE_MS);
        if (item) await this.run(item);
      } catch (error) {
        this.log.warn('ads sync work failed; it is tried again', { workId: item?.workId, error: (error as Error).message });
        if (item) await this.store.postpone(item.workId, Math.min(MAX_POSTPONE_MS, 1_000 * 2 ** item.tries), (error as Error).message).catch(() => undefined);
      }
      if (!item && this.running) await this.idle();
    }
  }

  private async run(item: WorkItem): Promise<void> {
    if (item.kind === 'sync') await this.runner.run(item.payload as unknown as SyncRequest);
    else await this.executor.attempt(item.payload as unknown as ActionAttempt);
    await this.store.complete(item.workId);
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.idleWorkers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.settings.ADS_SYNC_POLL_MS);
      this.idleWorkers.add(done);
    });
  }

  /** Idle workers look for work now. */
  private wake(): void {
    for (const done of [...this.idleWorkers]) done();
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.store.prune();
  }
}
