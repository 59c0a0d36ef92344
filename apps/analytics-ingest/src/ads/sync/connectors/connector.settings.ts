/**
 * The connectors' settings, read from the environment beside the app's own config (the ads
 * sync's keys are its own). Credentials: one default per platform, and per account overrides in
 * ADS_PLATFORM_CREDENTIALS, a JSON object keyed `<platform>:<platformAccountId>`:
 *   {"google:1234567890": {"developerToken": "…", "accessToken": "…", "loginCustomerId": "…"},
 *    "meta:555": {"accessToken": "…"}}
 */
import { z } from '@campaign/runtime';
import { AdPlatformError } from './connector.errors';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const credentialsSchema = z.record(
  z.string().regex(/^[a-z]+:[A-Za-z0-9_-]+$/, 'keys are <platform>:<platformAccountId>'),
  z.object({ developerToken: z.string().min(1).optional(), accessToken: z.string().min(1).optional(), loginCustomerId: z.string().min(1).optional() }),
);

export const connectorSettingsSchema = z.object({
  /** Google Ads REST API root, version included (the stand-in's URL in tests and the demo). */
  ADS_GOOGLE_BASE_URL: z.string().url().default('https://googleads.googleapis.com/v17'),
  ADS_GOOGLE_DEVELOPER_TOKEN: z.string().optional(),
  /** An OAuth 2.0 access token for the Google Ads scope (kept fresh by whoever deploys the service). */
  ADS_GOOGLE_ACCESS_TOKEN: z.string().optional(),
  /** The manager account the access goes through, when the accounts are reached through one. */
  ADS_GOOGLE_LOGIN_CUSTOMER_ID: z.string().optional(),
  /** Meta Graph API root, version included. */
  ADS_META_BASE_URL: z.string().url().default('https://graph.facebook.com/v19.0'),
  ADS_META_ACCESS_TOKEN: z.string().optional(),
  /** The Meta action type counted as a conversion (its action_values entry as revenue). */
  ADS_META_CONVERSION_ACTION: z.string().min(1).default('offsite_conversion.fb_pixel_purchase'),
  /** Insights rows per page (Meta pages with paging.next). */
  ADS_META_PAGE_SIZE: int(1, 5_000, 500),
  ADS_PLATFORM_CREDENTIALS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return credentialsSchema.parse(JSON.parse(text));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `ADS_PLATFORM_CREDENTIALS is not valid: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  /** Per try; a platform's report can take a while. */
  ADS_HTTP_TIMEOUT_MS: int(100, 300_000, 30_000),
  ADS_HTTP_ATTEMPTS: int(1, 10, 4),
  ADS_HTTP_BACKOFF_MS: int(1, 60_000, 1_000),
});

export type ConnectorSettings = z.infer<typeof connectorSettingsSchema>;

export const readConnectorSettings = (env: NodeJS.ProcessEnv = process.env): ConnectorSettings => connectorSettingsSchema.parse(env);

export interface PlatformCredentials {
  readonly developerToken?: string;
  readonly accessToken?: string;
  readonly loginCustomerId?: string;
}

/** The account's credentials: its own entry over the platform's defaults. */
export const credentialsFor = (settings: ConnectorSettings, platform: string, platformAccountId: string): PlatformCredentials => {
  const defaults: PlatformCredentials =
    platform === 'google'
      ? {
          developerToken: settings.ADS_GOOGLE_DEVELOPER_TOKEN,
          accessToken: settings.ADS_GOOGLE_ACCESS_TOKEN,
          loginCustomerId: settings.ADS_GOOGLE_LOGIN_CUSTOMER_ID,
        }
      : { accessToken: settings.ADS_META_ACCESS_TOKEN };
  const own = settings.ADS_PLATFORM_CREDENTIALS[`${platform}:${platformAccountId}`] ?? {};
  const merged = { ...defaults, ...own };
  if (!merged.accessToken) throw new AdPlatformError('AD_PLATFORM_NOT_CONFIGURED', `no access token for ${platform} account ${platformAccountId}`);
  return merged;
};

export const httpSettingsOf = (settings: ConnectorSettings) => ({
  timeoutMs: settings.ADS_HTTP_TIMEOUT_MS,
  attempts: settings.ADS_HTTP_ATTEMPTS,
  backoffMs: settings.ADS_HTTP_BACKOFF_MS,
});
