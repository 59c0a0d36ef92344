import { ContractError } from '@campaign/contracts';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import type { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { configSchema } from '../config';
import { replyFact } from './engagement-facts';
import type { OutgoingReply } from '../shared/http';
import { ingestMetrics } from '../shared/ingest.metrics';
import type { DedupeStore } from '../shared/redis.stores';
import type { CounterStore } from './engagement-counters.store';
import { IngestService } from './ingest.service';
import { answerOf } from './outreach-http';

const subject = {
  orgId: '11111111-1111-4111-8111-111111111111',
  campaignId: '22222222-2222-4222-8222-222222222222',
  contactId: '33333333-3333-4333-8333-333333333333',
};
const fact = replyFact(subject, { token: 't', providerEventId: 'evt-1', text: 'Interested' }, { eventTtlSeconds: 60, hitWindowSeconds: 60 });

/** The service with its command client's send replaced: what happens when sending fails this way. */
const serviceWhoseSendFails = (error: Error) => {
  const config = configSchema.parse({ TRACKING_SECRET: 't'.repeat(32), WEBHOOK_SECRET: 'w'.repeat(32), JWT_SECRET: 'j'.repeat(32) });
  const released: string[] = [];
  const dedupe = { claim: async () => true, release: async (d: { key: string }) => void released.push(d.key) } as unknown as DedupeStore;
  const counters = { add: async () => undefined } as unknown as CounterStore;
  jest.spyOn(KafkaCommandClient.prototype, 'send').mockRejectedValue(error);
  const service = new IngestService(config, new JsonLogger('test', 'error'), {} as Kafka, ingestMetrics(new Registry()), dedupe, counters);
  return { service, released };
};

const headers: Record<string, string> = {};
const reply = { header: (name: string, value: string) => ((headers[name] = value), reply) } as unknown as OutgoingReply;
const statusOf = (run: () => unknown): number => {
  try {
    run();
  } catch (error) {
    return (error as { getStatus(): number }).getStatus();
  }
  return 200;
};

describe('delivering a fact whose command cannot be sent', () => {
  afterEach(() => jest.restoreAllMocks());

  it('a fact that does not fit its command contract is rejected (422), never answered as retryable', async () => {
    const { service, released } = serviceWhoseSendFails(new ContractError('SCHEMA_MISMATCH', 'RecordResponse does not fit its schema at: responseText'));
    const outcome = await service.ingest(fact);
    expect(outcome).toMatchObject({ status: 'REJECTED', code: 'SCHEMA_MISMATCH' });
    expect(statusOf(() => answerOf(outcome, reply, 5))).toBe(422);
    // Sent again, it is refused again, not acknowledged as a duplicate.
    expect(released).toEqual([fact.dedupe.key]);
  });

  it('a broker or command side that does not answer is unavailable: 503 with Retry-After', async () => {
    const { service } = serviceWhoseSendFails(new Error('KafkaJSConnectionError: Connection error'));
    const outcome = await service.ingest(fact);
    expect(outcome).toMatchObject({ status: 'UNAVAILABLE' });
    expect(statusOf(() => answerOf(outcome, reply, 5))).toBe(503);
    expect(headers['Retry-After']).toBe('5');
  });
});

describe('a fact whose identity was recorded before with other details', () => {
  afterEach(() => jest.restoreAllMocks());

  it('IDEMPOTENCY_KEY_REUSED (e.g. a second unsubscribe with another reason) is the same fact again: a duplicate, not an error', async () => {
    const config = configSchema.parse({ TRACKING_SECRET: 't'.repeat(32), WEBHOOK_SECRET: 'w'.repeat(32), JWT_SECRET: 'j'.repeat(32) });
    const dedupe = { claim: async () => true, release: async () => undefined } as unknown as DedupeStore;
    const counters = { add: async () => undefined } as unknown as CounterStore;
    jest.spyOn(KafkaCommandClient.prototype, 'send').mockResolvedValue({
      commandId: fact.dedupe.commandId,
      context: 'outreach',
      status: 'REJECTED',
      streamId: null,
      streamVersion: null,
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'the key was used for another request',
      details: null,
      processedAt: new Date().toISOString(),
    });
    const service = new IngestService(config, new JsonLogger('test', 'error'), {} as Kafka, ingestMetrics(new Registry()), dedupe, counters);
    expect(await service.ingest(fact)).toEqual({ status: 'DUPLICATE' });
  });
});
