import type { DoorRequest } from './content-commands';

/** What became of one command: created now, created by an earlier run, or refused with the command side's code. */
export type DoorOutcome =
  | { readonly kind: 'created'; readonly body: Readonly<Record<string, unknown>> }
  | { readonly kind: 'already'; readonly body: Readonly<Record<string, unknown>> }
  | { readonly kind: 'rejected'; readonly code: string; readonly message: string };

/** A failure that ends the run: each further row would meet it too. */
export class LegacyImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'LegacyImportError';
  }
}

export interface DoorClientOptions {
  readonly baseUrl: string;
  /** The operator's bearer token: a person of the org (org_id, sub, role editor or admin). */
  readonly token: string;
  /** Sent as X-Correlation-Id: every command of one run can be found together. */
  readonly correlationId: string;
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

type Body = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * How an answer reads for an import. A created thing answered again is `duplicate: true` (the
 * key was seen within the idempotency window); after the window a new command meets the thing
 * its key names, which the decider refuses as `*_ALREADY_EXISTS`: both mean "already there".
 */
export const outcomeOf = (status: number, body: Body): DoorOutcome => {
  if (status >= 200 && status < 300) return { kind: body.duplicate === true ? 'already' : 'created', body };
  const code = text(body.code) ?? `HTTP_${status}`;
  if (status === 401 || status === 403)
    throw new LegacyImportError(code, `campaign-command refused the operator's token (${status} ${code}): ${text(body.message) ?? ''}`.trim());
  if (status === 409 && code.endsWith('_ALREADY_EXISTS')) return { kind: 'already', body };
  return { kind: 'rejected', code, message: text(body.message) ?? `HTTP ${status}` };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends commands to campaign-command over HTTP; a repeat after a lost answer carries the same key, so it is safe. */
export class CommandDoorClient {
  constructor(private readonly options: DoorClientOptions) {}

  async send(request: DoorRequest): Promise<DoorOutcome> {
    const attempts = this.options.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      const answer = await this.post(request).catch((error: Error) => ({ status: 0, body: { message: error.message } as Body }));
      // Unreachable or failing (5xx, 429): worth another try under the same key.
      const transient = answer.status === 0 || answer.status === 429 || answer.status >= 500;
      if (!transient) return outcomeOf(answer.status, answer.body);
      if (attempt >= attempts)
        throw new LegacyImportError(
          'COMMAND_SIDE_UNAVAILABLE',
          `campaign-command did not take ${request.path} after ${attempts} attempts (${answer.status || 'unreachable'}: ${text(answer.body.message) ?? ''}); ` +
            'run the import again: what it already imported is recognised',
        );
      await sleep((this.options.retryDelayMs ?? 500) * 2 ** (attempt - 1));
    }
  }

  private async post(request: DoorRequest): Promise<{ status: number; body: Body }> {
    const response = await fetch(new URL(request.path, this.options.baseUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.options.token}`,
        'content-type': 'application/json',
        'idempotency-key': request.idempotencyKey,
        'x-correlation-id': this.options.correlationId,
      },
      body: JSON.stringify(request.body),
    });
    const raw = await response.text();
    let body: Body = {};
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      if (typeof parsed === 'object' && parsed !== null) body = parsed as Body;
    } catch {
      body = { message: raw.slice(0, 500) };
    }
    return { status: response.status, body };
  }
}
