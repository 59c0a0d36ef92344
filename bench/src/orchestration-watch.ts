/**
 * What the orchestration bench sees of a run, from the outside: the context's events topic (as
 * an agent reads it: a consumer group of its own) and its commands topic (the agent's step
 * reports), each message stamped with the bench's clock when its batch arrived. Instants of
 * other processes (an event's envelope `occurredAt`, the Kafka record's timestamp set by the
 * relay's producer, a command's `issuedAt` set by the agent) are epoch milliseconds of the same
 * machine clock, so they compare with the stamps.
 */
import { decodeCommand, decodeEvent } from '@campaign/contracts';
import { testKafka, uniqueSuffix } from '@campaign/testing';
import type { Consumer, KafkaMessage } from 'kafkajs';

interface StepData {
  readonly workflowId: string;
  readonly stepKey: string;
  readonly attempt: number;
}

/** One event of a watched workflow, as the bench received it. */
export interface SeenEvent {
  readonly streamVersion: number;
  /** The envelope's occurredAt: the decision's instant. */
  readonly occurredAt: number;
  /** The Kafka record's timestamp: when the relay produced it. */
  readonly recordAt: number;
  /** When the bench's consumer got it. */
  readonly receivedAt: number;
}

/** A run's other events: the start, and the orchestrator's binding and release of the workflow. */
const EXPECTED = new Set(['WorkflowStarted', 'WorkflowBound', 'WorkflowReleased']);

export const stepId = (workflowId: string, stepKey: string, attempt = 1): string => `${workflowId}/${stepKey}/${attempt}`;

export class RunWatch {
  readonly dispatched = new Map<string, SeenEvent>();
  readonly completed = new Map<string, SeenEvent>();
  /** Each step's CompleteStep: its command id, issuedAt (set by the agent) and Kafka record's timestamp (the agent's producer). */
  readonly reported = new Map<string, { readonly commandId: string; readonly issuedAt: number; readonly producedAt: number }>();
  /**
   * Each step's CompleteStep appended: the start of the transaction that recorded its outcome with
   * its events (the store's processed_commands.processed_at, PostgreSQL's clock), filled after the run.
   */
  readonly appended = new Map<string, number>();
  readonly workflowsCompleted = new Map<string, number>();
  /** Events of the watched workflows other than dispatches and completions of attempt 1 (retries, failures). */
  readonly unexpected = new Map<string, number>();
  duplicates = 0;
  private lastSeenAt = Date.now();
  private readonly eventIds = new Set<string>();
  private readonly consumers: Consumer[] = [];
  private onProgress: () => void = () => undefined;

  constructor(private readonly workflows: ReadonlySet<string>) {}

  /** Joins both topics (from their start) before the caller's clock starts. */
  async start(eventsTopic: string, commandsTopic: string): Promise<void> {
    this.consumers.push(await joined(eventsTopic, (messages, at) => this.onEvents(messages, at)));
    this.consumers.push(await joined(commandsTopic, (messages, at) => this.onCommands(messages, at)));
  }

  async stop(): Promise<void> {
    for (const consumer of this.consumers) await consumer.disconnect().catch(() => undefined);
  }

  /**
   * Resolves once every watched workflow completed; fails after `timeoutMs`, or once nothing of
   * the watched workflows arrived for `stallMs` (a refused report stops a workflow for good),
   * saying how far the run got.
   */
  allCompleted(timeoutMs: number, stallMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = setInterval(() => {
        const now = Date.now();
        if (now < deadline && now - this.lastSeenAt < stallMs) return;
        clearInterval(check);
        reject(new Error(`${now >= deadline ? `after ${timeoutMs} ms` : `nothing new for ${stallMs} ms`}: ${this.progress()}`));
      }, 1_000);
      this.onProgress = () => {
        if (this.workflowsCompleted.size < this.workflows.size) return;
        clearInterval(check);
        resolve();
      };
      this.lastSeenAt = Date.now();
      this.onProgress();
    });
  }

  progress(): string {
    const failed = [...this.unexpected.entries()].map(([type, n]) => `${n} ${type}`).join(', ');
    return `${this.workflowsCompleted.size}/${this.workflows.size} workflows completed, ${this.dispatched.size} dispatches, ${this.completed.size} completions${failed ? `, ${failed}` : ''}`;
  }

  private onEvents(messages: readonly KafkaMessage[], receivedAt: number): void {
    for (const message of messages) {
      if (!message.value) continue;
      const envelope = decodeEvent(message.value);
      const data = envelope.data as StepData;
      if (!this.workflows.has(data.workflowId)) continue;
      if (this.eventIds.has(envelope.eventId)) {
        this.duplicates++;
        continue;
      }
      this.eventIds.add(envelope.eventId);
      this.lastSeenAt = receivedAt;
      const seen = { streamVersion: envelope.streamVersion, occurredAt: Date.parse(envelope.occurredAt), recordAt: Number(message.timestamp), receivedAt };
      if (envelope.type === 'StepDispatched' && data.attempt === 1) this.dispatched.set(stepId(data.workflowId, data.stepKey), seen);
      else if (envelope.type === 'StepCompleted' && data.attempt === 1) this.completed.set(stepId(data.workflowId, data.stepKey), seen);
      else if (envelope.type === 'WorkflowCompleted') this.workflowsCompleted.set(data.workflowId, receivedAt);
      else if (!EXPECTED.has(envelope.type)) this.unexpected.set(envelope.type, (this.unexpected.get(envelope.type) ?? 0) + 1);
    }
    this.onProgress();
  }

  private onCommands(messages: readonly KafkaMessage[], _receivedAt: number): void {
    for (const message of messages) {
      if (!message.value) continue;
      const command = decodeCommand(message.value);
      if (command.type !== 'CompleteStep') continue;
      const data = command.data as StepData;
      if (!this.workflows.has(data.workflowId)) continue;
      this.reported.set(stepId(data.workflowId, data.stepKey, data.attempt), {
        commandId: command.commandId,
        issuedAt: Date.parse(command.issuedAt),
        producedAt: Number(message.timestamp),
      });
    }
  }
}

/**
 * A consumer of a group of its own, from the topic's start, joined before it returns (joining is
 * not timed); KafkaJS's fetch settings, as the agent's consumer has them.
 */
const joined = async (topic: string, onBatch: (messages: readonly KafkaMessage[], receivedAt: number) => void): Promise<Consumer> => {
  const consumer = testKafka().consumer({ groupId: `bench-orch-${uniqueSuffix()}` });
  const ready = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachBatch: async ({ batch }) => onBatch(batch.messages, Date.now()) });
  await ready;
  return consumer;
};
