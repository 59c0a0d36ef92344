import type { CommandEnvelope } from '@campaign/contracts';
import type { Command, CommandMetadata } from '@campaign/domain';

/**
 * Avro cannot leave a field out, so a command's nulls on the wire mean "not given": dropped,
 * so that the decider's defaults apply as they do to absent fields.
 */
export const withoutNulls = (data: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([, value]) => value !== null));

/** The decider's metadata for a command read from Kafka: decided at the instant it is read. */
export const metadataOf = (envelope: CommandEnvelope): CommandMetadata => ({
  commandId: envelope.commandId,
  now: new Date().toISOString(),
  actor: envelope.actor,
  correlationId: envelope.correlationId ?? envelope.commandId,
  causationId: envelope.causationId ?? undefined,
  tenant: envelope.tenant ?? undefined,
});

/** A command read from Kafka as the decider takes it; `data` is the envelope's, as its context reads it. */
export const domainCommandOf = (envelope: CommandEnvelope, data: Record<string, unknown>): Command => ({
  type: envelope.type,
  data,
  metadata: metadataOf(envelope),
});
