import type { CommandEnvelope } from '@campaign/contracts';
import type { Sender } from './context-commands.consumer';
import { decisionTime, MAX_CLOCK_SKEW_MS, metadataOf, plainData } from './wire-command';

const envelope = (issuedAt: string): CommandEnvelope => ({
  commandId: 'timer-1',
  type: 'CompleteCampaign',
  schemaVersion: 1,
  context: 'outreach',
  issuedAt,
  actor: 'ignored',
  correlationId: null,
  causationId: null,
  tenant: 'org',
  data: {},
});
const service: Sender = { actor: 'service:timer-scheduler', tenant: 'org', role: undefined, service: true, scopes: new Set<string>() };
const user: Sender = { actor: 'user:u', tenant: 'org', role: 'admin', service: false, scopes: new Set<string>() };

describe("one clock for decisions (the command carries its source's time)", () => {
  const midnight = Date.parse('2026-12-05T00:00:00.000Z');

  it('a timer fired at midnight on the database clock is judged at midnight, though this process is 50 ms behind', () => {
    const now = metadataOf(envelope(new Date(midnight).toISOString()), service, midnight - 50).now;
    expect(now).toBe('2026-12-05T00:00:00.000Z');
    // seed 004 auto_complete_campaigns: end_date <= CURRENT_DATE — "today" is the timer's day.
    expect(new Date(now).toISOString().slice(0, 10)).toBe('2026-12-05');
  });

  it("a user's command is judged when it is read: a client cannot choose its own time", () => {
    expect(decisionTime(envelope('2020-01-01T00:00:00.000Z'), user, midnight)).toBe(new Date(midnight).toISOString());
  });

  it('an instant too far ahead of this clock is not believed', () => {
    const ahead = new Date(midnight + MAX_CLOCK_SKEW_MS + 1).toISOString();
    expect(decisionTime(envelope(ahead), service, midnight)).toBe(new Date(midnight).toISOString());
  });
});

describe('a decoded command is plain data', () => {
  it('nested records (class instances when Avro decodes them) become plain objects, arrays and values kept', () => {
    class Backoff {
      constructor(readonly initialDelayMs: number) {}
    }
    class Step {
      constructor(
        readonly key: string,
        readonly backoff: Backoff,
      ) {}
    }
    const plain = plainData({ steps: [new Step('draft', new Backoff(500))], tags: ['a'], note: null }) as { steps: object[] };
    expect(plain).toEqual({ steps: [{ key: 'draft', backoff: { initialDelayMs: 500 } }], tags: ['a'], note: null });
    expect(Object.getPrototypeOf(plain.steps[0])).toBe(Object.prototype);
    expect(Object.getPrototypeOf((plain.steps[0] as { backoff: object }).backoff)).toBe(Object.prototype);
  });
});
