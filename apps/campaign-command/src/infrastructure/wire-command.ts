import type { CommandEnvelope } from '@campaign/contracts';
import type { Command, CommandMetadata } from '@campaign/domain';
import type { Sender } from './context-commands.consumer';

/**
 * Avro cannot leave a field out, so a command's nulls on the wire mean "not given": dropped,
 * so that the decider's defaults apply as they do to absent fields.
 */
export const withoutNulls = (data: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([, value]) => value !== null));

/**
 * The decider's metadata for a command read from Kafka: decided at the instant it is read, as
 * the sender its signed token names (the envelope's own actor field is not trusted).
 */
export const metadataOf = (envelope: CommandEnvelope, sender: Sender): CommandMetadata => ({
  commandId: envelope.commandId,
  now: new Date().toISOString(),
  actor: sender.actor,
  correlationId: envelope.correlationId ?? envelope.commandId,
  causationId: envelope.causationId ?? undefined,
  tenant: sender.tenant ?? undefined,
  ...(sender.role ? { role: sender.role } : {}),
});

/** A command read from Kafka as the decider takes it; `data` is the envelope's, as its context reads it. */
export const domainCommandOf = (envelope: CommandEnvelope, sender: Sender, data: Record<string, unknown>): Command => ({
  type: envelope.type,
  data,
  metadata: metadataOf(envelope, sender),
});
