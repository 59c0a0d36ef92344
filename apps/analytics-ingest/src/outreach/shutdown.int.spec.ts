import { REDIS } from '@campaign/runtime';
import { waitFor } from '@campaign/testing';
import type Redis from 'ioredis';
import { newSubject, startIngestTestbed, WEBHOOK_SECRET } from './testing';

describe('graceful shutdown', () => {
  it('stops accepting, finishes the facts in flight, then closes Redis and Kafka', async () => {
    const bed = await startIngestTestbed();
    try {
      bed.commandSide.answerDelayMs = 1_500;
      const contact = newSubject();
      const inFlight = fetch(`${bed.url}/v1/webhooks/bounces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_SECRET}` },
        body: JSON.stringify({ token: contact.token, bounceType: 'hard', providerEventId: `evt-${contact.contactId}` }),
      });
      await bed.commandSide.waitForCommands(contact.contactId);
      const closing = bed.app.close();
      // Refused while the fact in flight (held 1.5 s by the command side) is still being answered.
      await waitFor(
        'new requests to be refused',
        () =>
          fetch(`${bed.url}/health`).then(
            () => false,
            () => true,
          ),
        { timeoutMs: 1_000 },
      );

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ACCEPTED' });
      const started = Date.now();
      await closing;
      // No keep-alive connection holds the close for Fastify's 72 s keep-alive timeout.
      expect(Date.now() - started).toBeLessThan(10_000);
      const redis = bed.app.get<Redis>(REDIS);
      await waitFor('the Redis connection to end', async () => redis.status === 'end');
    } finally {
      await bed.commandSide.stop();
    }
  });
});
