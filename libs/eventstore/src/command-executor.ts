import { randomUUID } from 'node:crypto';
import { type Command, type Decider, type Event, fold, isRejection } from '@campaign/domain';
import type { PostgresEventStore } from './event-store';
import { GuardViolationError, type StreamGuard } from './guards';
import { type CommandKey, commandKey, fingerprintOf, keyReused, type ProcessedCommand } from './idempotency';
import {
  type AppendMetadata,
  type CommandOutcome,
  ConcurrencyError,
  DuplicateCommandError,
  type NewEvent,
  type OpenedStream,
  type StoredEvent,
  StreamAlreadyExistsError,
} from './types';

export interface ExecutorOptions {
  /** The bounded context whose events this executor appends. */
  readonly context: string;
  /** The wire schema version each event type is written with. */
  readonly schemaVersionOf: (eventType: string) => number;
  /** Checks each event against the wire contract before anything is written; a throw with a `code` rejects the command. */
  readonly validate?: (event: Event) => void;
  /** How often a command is re-decided after losing an optimistic-concurrency race. */
  readonly maxAttempts?: number;
}

export class ConcurrencyRetriesExhaustedError extends Error {
  constructor(
    readonly commandId: string,
    readonly attempts: number,
  ) {
    super(`command ${commandId} lost the append race ${attempts} times`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }
}

export interface Executed {
  readonly outcome: CommandOutcome;
  /** True when the same request under the same key had been processed before and nothing was written now. */
  readonly duplicate: boolean;
}

/** One command as its key and fingerprint see it. */
interface Request<C> {
  readonly command: C;
  readonly streamId: string;
  readonly key: CommandKey;
  readonly fingerprint: string;
}

/** The rejection a command gets when a stream it would open exists: its ids are taken. */
export const STREAM_ALREADY_EXISTS = 'STREAM_ALREADY_EXISTS';

/** Spreads racing writers of one stream apart: a few ms, growing with each lost race. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 ** attempt, 50)));

const asDomainEvent = (stored: StoredEvent): Event => ({ type: stored.type, data: stored.data });

/** The decision's events split by where they go: the command's stream, or streams they open (in first-seen order). */
const route = <E extends Event>(events: readonly { event: E; stored: NewEvent }[], streamOf: (event: E) => string | null) => {
  const own: NewEvent[] = [];
  const opened = new Map<string, NewEvent[]>();
  for (const { event, stored } of events) {
    const target = streamOf(event);
    if (target === null) own.push(stored);
    else if (opened.has(target)) opened.get(target)?.push(stored);
    else opened.set(target, [stored]);
  }
  return { own, opened: [...opened].map(([streamId, events]): OpenedStream => ({ streamId, events })) };
};

/**
 * The command handler loop every context shares: load the stream (and the streams the
 * decision also reads), fold, decide, append with the expected version; on a lost race
 * re-decide against the newer state. Events may open new streams in the same transaction.
 * A command id is processed once per (context, tenant): a repeat of the same request gets the
 * first outcome and writes nothing; the id sent with another request is refused
 * (IDEMPOTENCY_KEY_REUSED) and writes nothing either. See idempotency.ts.
 */
export class CommandExecutor<C extends Command, E extends Event, S> {
  constructor(
    private readonly store: PostgresEventStore,
    private readonly decider: Decider<C, E, S>,
    private readonly options: ExecutorOptions,
  ) {}

  async execute(command: C): Promise<Executed> {
    const request = this.requestOf(command);
    const maxAttempts = this.options.maxAttempts ?? 50;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await backoff(attempt);
      try {
        return await this.decideAndAppend(request);
      } catch (error) {
        if (error instanceof DuplicateCommandError || error instanceof StreamAlreadyExistsError) {
          // The same key may have won a race (and opened that stream itself).
          const first = await this.store.findProcessed(request.key);
          if (first) return this.repeated(request, first);
        }
        if (error instanceof StreamAlreadyExistsError) return this.reject(request, STREAM_ALREADY_EXISTS, error.message, { streamId: error.streamId });
        if (error instanceof GuardViolationError) {
          const { code, message } = error.guard;
          return this.reject(request, code, message, error.available === null ? {} : { available: error.available });
        }
        if (!(error instanceof ConcurrencyError)) throw error;
      }
    }
    throw new ConcurrencyRetriesExhaustedError(request.key.commandId, maxAttempts);
  }

  private requestOf(command: C): Request<C> {
    const streamId = this.decider.streamIdOf(command);
    const { commandId, tenant } = command.metadata;
    return { command, streamId, key: commandKey(this.options.context, tenant, commandId), fingerprint: fingerprintOf(command.type, streamId, command.data) };
  }

  /** The key was used before: the same request gets the first outcome, another is refused and the record kept. */
  private repeated(request: Request<C>, first: ProcessedCommand): Executed {
    if (first.fingerprint === null || first.fingerprint === request.fingerprint) return { outcome: first.outcome, duplicate: true };
    return { outcome: keyReused(request.key.commandId, request.streamId), duplicate: false };
  }

  /**
   * The first decided event the wire contract refuses (too large, not of its schema), as a
   * typed rejection of the command that decided it: nothing is written, nothing gets stuck.
   */
  private misfitOf(events: readonly E[]): { code: string; message: string } | null {
    for (const event of events) {
      try {
        this.options.validate?.(event);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string') throw error;
        return { code, message: (error as Error).message };
      }
    }
    return null;
  }

  private async decideAndAppend(request: Request<C>): Promise<Executed> {
    const { command, streamId } = request;
    const { commandId } = command.metadata;
    const { processed, events, version, alsoRead } = await this.store.load(streamId, request.key, this.decider.alsoReads?.(command) ?? []);
    if (processed) return this.repeated(request, processed);
    // The other streams first, in stream order, then the command's own.
    const state = fold(this.decider, [...alsoRead, ...events].map(asDomainEvent) as E[]);
    const decision = this.decider.decide(command, state);
    if (isRejection(decision)) return this.reject(request, decision.code, decision.message, decision.details);
    const misfit = this.misfitOf(decision);
    if (misfit) return this.reject(request, misfit.code, misfit.message, {});
    const stored = decision.map((event) => ({
      event,
      stored: { eventId: randomUUID(), type: event.type, schemaVersion: this.options.schemaVersionOf(event.type), data: event.data },
    }));
    const streamOfNew = this.decider.streamOfNew;
    const { own, opened } = streamOfNew ? route(stored, (event) => streamOfNew(event, command)) : { own: stored.map((s) => s.stored), opened: [] };
    const appended = await this.store.append(
      streamId,
      version,
      own,
      this.metadataOf(request),
      // Only the command's own events: a bulk that opens 100,000 streams records no 100,000 ids.
      (streamVersion) => ({ status: 'ACCEPTED', commandId, streamId, streamVersion, eventIds: own.map((e) => e.eventId) }),
      opened,
      this.guardsOf(decision, streamId, command),
    );
    return { outcome: appended, duplicate: false };
  }

  /** Each event's guards, held by the stream the event goes to. */
  private guardsOf(events: readonly E[], streamId: string, command: C): StreamGuard[] {
    const { guardsOf, streamOfNew } = this.decider;
    if (!guardsOf) return [];
    return events.flatMap((event) => {
      const holder = streamOfNew?.(event, command) ?? streamId;
      return guardsOf(event).map((guard) => ({ ...guard, holder }));
    });
  }

  private metadataOf({ command, fingerprint }: Request<C>): AppendMetadata {
    const m = command.metadata;
    return {
      context: this.options.context,
      occurredAt: m.now,
      correlationId: m.correlationId ?? m.commandId,
      causationId: m.causationId ?? m.commandId,
      actor: m.actor,
      tenant: m.tenant ?? null,
      commandId: m.commandId,
      fingerprint,
    };
  }

  private async reject(
    request: Request<C>,
    code: string,
    message: string,
    details: Readonly<Record<string, string | number | boolean | null>>,
  ): Promise<Executed> {
    const rejection: CommandOutcome = { status: 'REJECTED', commandId: request.key.commandId, streamId: request.streamId, code, message, details };
    const first = await this.store.recordRejection(request.key, request.fingerprint, rejection);
    return first ? this.repeated(request, first) : { outcome: rejection, duplicate: false };
  }
}
