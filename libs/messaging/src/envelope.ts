import type { EventEnvelope } from '@campaign/contracts';
import type { StoredEvent } from '@campaign/eventstore';

/** The wire envelope of a stored event: what the relay publishes and a rebuild replays. */
export const envelopeOf = (event: StoredEvent): EventEnvelope => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion,
  context: event.context,
  streamId: event.streamId,
  streamVersion: event.streamVersion,
  globalPosition: event.globalPosition,
  occurredAt: event.occurredAt,
  correlationId: event.correlationId,
  causationId: event.causationId,
  actor: event.actor,
  tenant: event.tenant,
  data: event.data,
});
