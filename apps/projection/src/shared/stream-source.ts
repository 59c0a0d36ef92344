import type { PostgresEventStore } from '@campaign/eventstore';
import { envelopeOf } from '@campaign/messaging';
import type { StreamSource } from './batch-order';

/** The event store as a projection's source of missing versions (the same envelopes a rebuild replays). */
export const eventStoreSource = (store: PostgresEventStore): StreamSource => ({
  async readRange(streamId, afterVersion, upTo) {
    const { events } = await store.readStream(streamId, afterVersion);
    return events.filter((event) => upTo === null || event.streamVersion <= upTo).map(envelopeOf);
  },
});
