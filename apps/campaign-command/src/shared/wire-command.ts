import type { CommandEnvelope } from '@campaign/contracts';
import type { Command, CommandMetadata } from '@campaign/domain';
import type { Sender } from './context-commands.consumer';

/**
 * Avro cannot leave a field out, so a command's nulls on the wire mean "not given": dropped,
 * so that the decider's defaults apply as they do to absent fields — except the `meaningful` fields,
 * whose null is a value (a move to the top of a hierarchy: parentId null).
 */
export const withoutNulls = (data: unknown, meaningful: readonly string[] = []): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([name, value]) => value !== null || meaningful.includes(name)));

/** How far ahead of this process's clock a service's issuedAt may be and still be its decision time. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * When a command is judged. An internal service's command carries its own instant — a timer's
 * due time on the database clock, the moment a fact arrived — and time rules decide on that
 * one clock: a campaign-command running 50 ms behind must not find "today" still yesterday
 * for the timer that fired at midnight. A user's command, or an instant too far ahead, is
 * judged when it is read.
 */
export const decisionTime = (envelope: CommandEnvelope, sender: Sender, receivedAt = Date.now()): string => {
  const issued = Date.parse(envelope.issuedAt);
  const trusted = sender.service && Number.isFinite(issued) && issued <= receivedAt + MAX_CLOCK_SKEW_MS;
  return new Date(trusted ? issued : receivedAt).toISOString();
};

/**
 * The decider's metadata for a command read from Kafka, as the sender its signed token names
 * (the envelope's own actor field is not trusted).
 */
export const metadataOf = (envelope: CommandEnvelope, sender: Sender, receivedAt = Date.now()): CommandMetadata => ({
  commandId: envelope.commandId,
  now: decisionTime(envelope, sender, receivedAt),
  actor: sender.actor,
  correlationId: envelope.correlationId ?? envelope.commandId,
  causationId: envelope.causationId ?? undefined,
  tenant: sender.tenant ?? undefined,
  ...(sender.role ? { role: sender.role } : {}),
});

/** A command read from Kafka as the decider takes it; `data` is the envelope's, as its context reads it. */
export const domainCommandOf = (envelope: CommandEnvelope, sender: Sender, data: Record<string, unknown>): Command => ({
  type: envelope.type,
  data: plainData(data) as Record<string, unknown>,
  metadata: metadataOf(envelope, sender),
});

/**
 * The data as plain values: Avro decodes a nested record as an instance of a generated class,
 * which rules that take only plain objects (a template's steps, a JSON object) would refuse —
 * so a command sent over Kafka must read exactly as the same command sent over HTTP.
 */
export const plainData = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(plainData);
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plainData(field)]));
};
