/**
 * The connectors' typed errors. A sync or an action reports the code (RecordAdAccountSyncFailed,
 * RecordAdActionFailed), so a person reading the account's or the action's history sees why.
 */
export type PlatformErrorCode =
  /** The platform refused the credentials (401/403). */
  | 'AD_PLATFORM_AUTH_FAILED'
  /** The platform kept answering 429 after every retry. */
  | 'AD_PLATFORM_RATE_LIMITED'
  /** The platform kept answering 5xx, or could not be reached, after every retry. */
  | 'AD_PLATFORM_UNAVAILABLE'
  /** The platform answered no within the timeout. */
  | 'AD_PLATFORM_TIMEOUT'
  /** The platform refused the request itself (4xx other than auth and 429): it will not change on a retry. */
  | 'AD_PLATFORM_REQUEST_REJECTED'
  /** The platform's answer is not in its documented shape. */
  | 'AD_PLATFORM_DATA_INVALID'
  /** No connector, credentials or campaign to act on. */
  | 'AD_PLATFORM_NOT_CONFIGURED';

export class AdPlatformError extends Error {
  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'AdPlatformError';
  }

  /** What a command records: the code first, so it reads and groups well. */
  describe(): string {
    return `${this.code}: ${this.message}`.slice(0, 1_000);
  }
}

export class PlatformDataError extends AdPlatformError {
  constructor(message: string) {
    super('AD_PLATFORM_DATA_INVALID', message);
  }
}

/** Any error as the text a failure command carries. */
export const describeFailure = (error: unknown): string =>
  error instanceof AdPlatformError ? error.describe() : `AD_PLATFORM_UNAVAILABLE: ${(error as Error).message ?? String(error)}`.slice(0, 1_000);
