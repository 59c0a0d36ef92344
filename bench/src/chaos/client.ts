import { CONTEXT_CONTRACTS } from '@campaign/contracts';
/**
 * A careful HTTP client of campaign-command's lifecycle door: every command carries its own
 * command id, and a command that gets no answer (instance killed, database restarting, 5xx) is
 * sent again with the same id to the next instance until it is answered. An answer is an
 * acknowledgement: ACCEPTED with its event ids, or REJECTED with a code.
 */
import { signJwt, allScopes } from '@campaign/runtime';
import { sleep } from '@campaign/testing';
import type { Instance } from './fleet';

export interface Ack {
  readonly commandId: string;
  readonly campaignId: string;
  readonly step: string;
  readonly status: 'ACCEPTED' | 'REJECTED';
  readonly eventIds: readonly string[];
  readonly code?: string;
  /** Sent → answered, in ms, retries included. */
  readonly latencyMs: number;
  readonly answeredAt: number;
}

export const operatorToken = (secret: string): string =>
  signJwt({ sub: 'chaos', scope: allScopes(CONTEXT_CONTRACTS.map((c) => c.context)).join(' '), exp: Math.floor(Date.now() / 1000) + 6 * 3_600 }, secret);

const REQUEST_TIMEOUT_MS = 15_000;

export class CommandClient {
  readonly acks: Ack[] = [];
  /** Commands given up on at the deadline: never answered, so never acknowledged. */
  readonly unanswered: string[] = [];
  attempts = 0;
  retries = 0;
  private turn = 0;

  constructor(
    private readonly targets: () => readonly Instance[],
    private readonly token: string,
    private readonly giveUpAt: () => number,
  ) {}

  /** Sends until answered (or the give-up deadline, or `until`, read again before each attempt); records and returns the acknowledgement. */
  async send(
    campaignId: string,
    step: string,
    path: string,
    body: Record<string, unknown>,
    until: () => number = () => Number.POSITIVE_INFINITY,
  ): Promise<Ack | undefined> {
    const commandId = body.commandId as string;
    const started = Date.now();
    const payload = JSON.stringify(body);
    for (let attempt = 0; Date.now() < Math.min(this.giveUpAt(), until()); attempt++) {
      const targets = this.targets();
      const target = targets[this.turn++ % targets.length];
      this.attempts++;
      if (attempt > 0) this.retries++;
      const answer = await this.post(`${target.url}/v1/lifecycle/campaigns${path}`, payload);
      if (answer) {
        const ack: Ack = {
          commandId,
          campaignId,
          step,
          status: answer.status === 'ACCEPTED' ? 'ACCEPTED' : 'REJECTED',
          eventIds: (answer.eventIds as string[] | undefined) ?? [],
          code: answer.code as string | undefined,
          latencyMs: Date.now() - started,
          answeredAt: Date.now(),
        };
        this.acks.push(ack);
        return ack;
      }
      await sleep(Math.min(1_000, 50 * 2 ** Math.min(attempt, 4)));
    }
    this.unanswered.push(commandId);
    return undefined;
  }

  /** The answer's body when the door decided (2xx/4xx with a status); undefined to retry. */
  private async post(url: string, payload: string): Promise<Record<string, unknown> | undefined> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: payload,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status >= 500) return undefined;
      const body = JSON.parse(text) as Record<string, unknown>;
      if (body.status === 'ACCEPTED' || body.status === 'REJECTED') return body;
      // Every answer of the door carries an outcome; anything else means the suite is wrong: say so.
      throw new Error(`unexpected answer ${response.status} from ${url}: ${text.slice(0, 300)}`);
    } catch (error) {
      if ((error as Error).message.startsWith('unexpected answer')) throw error;
      return undefined;
    }
  }
}
