import { randomUUID } from 'node:crypto';
import { type Command, type Decider, type Event, fold, isRejection } from '@campaign/domain';
import type { PostgresEventStore } from './event-store';
import { type CommandOutcome, ConcurrencyError, DuplicateCommandError, type StoredEvent } from './types';

export interface ExecutorOptions {
  /** The bounded context whose events this executor appends. */
  readonly context: string;
  /** The wire schema version each event type is written with. */
  readonly schemaVersionOf: (eventType: string) => number;
  /** Checks each event against the wire contract before anything is written. */
  readonly validate?: (event: Event) => void;
  /** How often a command is re-decided after losing an optimistic-concurrency race. */
  readonly maxAttempts?: number;
}

export class ConcurrencyRetriesExhaustedError extends Error {
  constructor(readonly commandId: string, readonly attempts: number) {
    super(`command ${commandId} lost the append race ${attempts} times`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }
}

export interface Executed {
  readonly outcome: CommandOutcome;
  /** True when the command id had been processed before and nothing was written now. */
  readonly duplicate: boolean;
}

/** Spreads racing writers of one stream apart: a few ms, growing with each lost race. */
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));

const asDomainEvent = (stored: StoredEvent): Event => ({ type: stored.type, data: stored.data });

/**
 * The command handler loop every context shares: load the stream, fold, decide, append with
 * the expected version; on a lost race re-decide against the newer state. A command id is
 * processed once: a repeat gets the first outcome and writes nothing.
 */
export class CommandExecutor<C extends Command, E extends Event, S> {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly decider: Decider<C, E, S>,
    private readonly options: ExecutorOptions,
  ) {}

  async execute(command: C): Promise<Executed> {
    const { commandId } = command.metadata;
    const maxAttempts = this.options.maxAttempts ?? 50;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await backoff(attempt);
      try {
        return await this.decideAndAppend(command);
      } catch (error) {
        if (error instanceof DuplicateCommandError) {
          const first = await this.store.findOutcome(commandId);
          if (first) return { outcome: first, duplicate: true };
        }
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    throw new ConcurrencyRetriesExhaustedError(commandId, maxAttempts);
  }

  private async decideAndAppend(command: C): Promise<Executed> {
    const streamId = this.decider.streamIdOf(command);
    const { commandId } = command.metadata;
    const { outcome, events, version } = await this.store.load(streamId, commandId);
    if (outcome) return { outcome, duplicate: true };
    const state = fold(this.decider, events.map(asDomainEvent) as E[]);
    const decision = this.decider.decide(command, state);
    if (isRejection(decision)) {
      const { code, message, details } = decision;
      const rejection: CommandOutcome = { status: 'REJECTED', commandId, streamId, code, message, details };
      const recorded = await this.store.recordRejection(this.options.context, rejection);
      return { outcome: recorded, duplicate: recorded !== rejection };
    }
    decision.forEach((event) => this.options.validate?.(event));
    const newEvents = decision.map((event) => ({
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: this.options.schemaVersionOf(event.type),
      data: event.data,
    }));
    const m = command.metadata;
    const appended = await this.store.append(
      streamId,
      version,
      newEvents,
      {
        context: this.options.context,
        occurredAt: m.now,
        correlationId: m.correlationId ?? commandId,
        causationId: m.causationId ?? commandId,
        actor: m.actor,
        tenant: m.tenant ?? null,
        commandId,
      },
      (streamVersion) => ({ status: 'ACCEPTED', commandId, streamId, streamVersion, eventIds: newEvents.map((e) => e.eventId) }),
    );
    return { outcome: appended, duplicate: false };
  }
}
