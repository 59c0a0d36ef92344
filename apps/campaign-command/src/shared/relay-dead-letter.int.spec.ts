import { randomUUID } from 'node:crypto';
import { decodeEvent, partitionKeyOf, topicsFor } from '@campaign/contracts';
import { fold, lifecycle } from '@campaign/domain';
import { collectMessages, testKafka } from '@campaign/testing';
import { type CommandApp, startCommandApp } from '../testing';

/** A campaign's first two events as the decider makes them: CampaignCreated, then StateTransitioned. */
const createdAndStarted = (campaignId: string): lifecycle.CampaignEvent[] => {
  const events: lifecycle.CampaignEvent[] = [];
  for (const type of ['CreateCampaign', 'StartCampaign'] as const) {
    const data = type === 'CreateCampaign' ? { campaignId, durationHours: 2 } : { campaignId };
    const command = { type, data, metadata: { commandId: randomUUID(), now: new Date().toISOString(), actor: 'user:test' } } as lifecycle.CampaignCommand;
    const decided = lifecycle.campaignDecider.decide(command, fold(lifecycle.campaignDecider, events));
    if (!Array.isArray(decided)) throw new Error(`${type} was rejected`);
    events.push(...decided);
  }
  return events;
};

/**
 * The relay as campaign-command runs it (Avro encoding of the contracts): an event stored with
 * data its schema cannot carry is named on `<context>.dead-letter` by a pointer, and the
 * events after it — on its own stream, hence its partition — are still published.
 */
describe('outbox relay: an event that does not fit its Avro schema', () => {
  let app: CommandApp;
  const kafka = testKafka();

  beforeAll(async () => {
    app = await startCommandApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const store = async (streamId: string, version: number, event: { type: string; data: unknown }) => {
    const eventId = randomUUID();
    const commandId = randomUUID();
    const metadata = {
      context: 'lifecycle',
      occurredAt: new Date().toISOString(),
      correlationId: commandId,
      causationId: null,
      actor: 'user:test',
      tenant: null,
      commandId,
    };
    await app.store.append(streamId, version, [{ eventId, type: event.type, schemaVersion: 1, data: event.data }], metadata, (streamVersion) => ({
      status: 'ACCEPTED',
      commandId,
      streamId,
      streamVersion,
      eventIds: [eventId],
    }));
    return eventId;
  };

  it('is sent to lifecycle.dead-letter as a pointer (not its data), and the next event of its stream is published', async () => {
    const topics = topicsFor('lifecycle', app.config.TOPIC_PREFIX);
    const campaignId = randomUUID();
    const streamId = lifecycle.campaignStreamId(campaignId);
    const [created, started] = createdAndStarted(campaignId);
    // Written straight to the store, as a bug or a hand edit could: a duration Avro's int cannot hold.
    const poisonId = await store(streamId, 0, { type: created.type, data: { ...created.data, durationHours: 'forty-eight' } });
    const laterId = await store(streamId, 1, started);

    const published = await collectMessages(kafka, topics.events, (all) => all.some((m) => m.message.headers?.['event-id']?.toString() === laterId), 60_000);
    const later = published.find((m) => m.message.headers?.['event-id']?.toString() === laterId);
    expect(later && decodeEvent(later.message.value!)).toMatchObject({ eventId: laterId, type: 'StateTransitioned', streamId, streamVersion: 2 });
    expect(published.filter((m) => m.message.headers?.['event-id']?.toString() === poisonId)).toEqual([]);

    const letters = await collectMessages(kafka, topics.deadLetter, (all) => all.some((m) => m.message.value?.toString().includes(poisonId)), 60_000);
    const letter = letters.find((m) => m.message.value?.toString().includes(poisonId));
    const pointer = JSON.parse(letter?.message.value?.toString() ?? '{}');
    expect(pointer).toMatchObject({ eventId: poisonId, streamId, streamVersion: 1, type: 'CampaignCreated', context: 'lifecycle' });
    expect(pointer.data).toBeUndefined();
    expect(letter?.message.value?.toString()).not.toContain('forty-eight');
    expect(letter?.message.key?.toString()).toBe(partitionKeyOf(streamId));
  });
});
