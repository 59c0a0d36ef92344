/**
 * The connectors' HTTP: node's fetch with a timeout per try, retries with exponential back-off
 * (honouring Retry-After) on 429, 5xx, timeouts and refused connections, and typed errors for
 * the rest. Platforms throttle per account and fail transiently; a sync runs again in 15
 * minutes, so the retries stay short.
 */
import { AdPlatformError, type PlatformErrorCode } from './connector.errors';

export interface HttpSettings {
  readonly timeoutMs: number;
  /** Tries in all, the first included. */
  readonly attempts: number;
  /** The first back-off; each further one doubles, capped at 30 s. */
  readonly backoffMs: number;
}

export interface PlatformRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Record<string, string>;
  /** JSON body (serialized here) or a form (URL-encoded). */
  readonly json?: unknown;
  readonly form?: Record<string, string>;
}

const MAX_BACKOFF_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const codeOfStatus = (status: number): PlatformErrorCode => {
  if (status === 401 || status === 403) return 'AD_PLATFORM_AUTH_FAILED';
  if (status === 429) return 'AD_PLATFORM_RATE_LIMITED';
  if (status >= 500) return 'AD_PLATFORM_UNAVAILABLE';
  return 'AD_PLATFORM_REQUEST_REJECTED';
};

const retriable = (error: AdPlatformError): boolean =>
  error.code === 'AD_PLATFORM_RATE_LIMITED' || error.code === 'AD_PLATFORM_UNAVAILABLE' || error.code === 'AD_PLATFORM_TIMEOUT';

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
const retryAfterMs = (header: string | null): number | null => {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
};

/** The platform's own words on a failure, short: its error message is what a person needs. */
const errorText = (body: string): string => {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } } | { error?: { message?: string } }[];
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    if (first?.error?.message) return first.error.message.slice(0, 300);
  } catch {
    // not JSON: the text itself
  }
  return body.slice(0, 300);
};

export class PlatformHttp {
  constructor(
    private readonly platform: string,
    private readonly settings: HttpSettings,
  ) {}

  /** The answer's JSON, after the retries; an AdPlatformError when there is none. */
  async json<T>(request: PlatformRequest): Promise<T> {
    let delay = this.settings.backoffMs;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.once<T>(request);
      if (!(outcome instanceof RetryableFailure)) return outcome;
      if (!retriable(outcome.error) || attempt >= this.settings.attempts) throw outcome.error;
      await sleep(Math.min(MAX_BACKOFF_MS, Math.max(delay, outcome.retryAfterMs ?? 0)));
      delay *= 2;
    }
  }

  private async once<T>(request: PlatformRequest): Promise<T | RetryableFailure> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(request.url, { method: request.method, headers, body, signal: AbortSignal.timeout(this.settings.timeoutMs) });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      const code: PlatformErrorCode = timedOut ? 'AD_PLATFORM_TIMEOUT' : 'AD_PLATFORM_UNAVAILABLE';
      const why = timedOut ? `no answer within ${this.settings.timeoutMs} ms` : `unreachable: ${(error as Error).message}`;
      return new RetryableFailure(new AdPlatformError(code, `${this.platform} ${why}`), null);
    }
    if (!response.ok) {
      const error = new AdPlatformError(codeOfStatus(response.status), `${this.platform} answered ${response.status}: ${errorText(text)}`, response.status);
      return new RetryableFailure(error, retryAfterMs(response.headers.get('retry-after')));
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AdPlatformError('AD_PLATFORM_DATA_INVALID', `${this.platform} answered ${response.status} with a body that is not JSON`);
    }
  }
}

/** A failed try: the error, and how long the platform asked us to wait. */
class RetryableFailure {
  constructor(
    readonly error: AdPlatformError,
    readonly retryAfterMs: number | null,
  ) {}
}
