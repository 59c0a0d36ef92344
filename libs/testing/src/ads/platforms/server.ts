import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlRoutes } from './control.routes';
import { StandInDataset, type StandInPlatform } from './dataset';
import { googleRoutes } from './google.routes';
import type { Answer, Incoming } from './http';
import { metaRoutes } from './meta.routes';

export interface AdPlatformsStandInOptions {
  readonly port?: number;
  readonly googleAccessToken?: string;
  readonly googleDeveloperToken?: string;
  readonly metaAccessToken?: string;
  readonly metaConversionAction?: string;
  /** Added before each answer: a slow platform, for timeouts. */
  readonly delayMs?: number;
}

const ROOTS: Record<StandInPlatform, string> = { google: '/google/v17', meta: '/meta/v19.0' };

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const parseJson = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * A local stand-in for the ad platforms (seed 003: "Platforms → API Connectors"): one node:http
 * server answering Google Ads under `/google/v17` and Meta under `/meta/v19.0` from a dataset the
 * test, the demo or a bench controls. The connectors' HTTP code runs against it unchanged:
 * point ADS_GOOGLE_BASE_URL / ADS_META_BASE_URL at `googleBaseUrl` / `metaBaseUrl`.
 */
export class AdPlatformsStandIn {
  readonly data = new StandInDataset();
  readonly credentials;
  private readonly routes: Record<StandInPlatform, (request: Incoming) => Answer>;

  private constructor(
    private readonly server: Server,
    private readonly options: AdPlatformsStandInOptions,
  ) {
    this.credentials = {
      googleAccessToken: options.googleAccessToken ?? 'stand-in-google-token',
      googleDeveloperToken: options.googleDeveloperToken ?? 'stand-in-developer-token',
      metaAccessToken: options.metaAccessToken ?? 'stand-in-meta-token',
    };
    this.routes = {
      google: googleRoutes(this.data, { accessToken: this.credentials.googleAccessToken, developerToken: this.credentials.googleDeveloperToken }),
      meta: metaRoutes(this.data, {
        accessToken: this.credentials.metaAccessToken,
        conversionAction: options.metaConversionAction ?? 'offsite_conversion.fb_pixel_purchase',
        baseUrl: () => this.metaBaseUrl,
      }),
    };
  }

  static async start(options: AdPlatformsStandInOptions = {}): Promise<AdPlatformsStandIn> {
    let standIn: AdPlatformsStandIn | null = null;
    const server = createServer((request, response) => {
      void standIn?.answer(request).then((answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        response.end(JSON.stringify(answer.body));
      });
    });
    standIn = new AdPlatformsStandIn(server, options);
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return standIn;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get googleBaseUrl(): string {
    return `${this.url}${ROOTS.google}`;
  }

  get metaBaseUrl(): string {
    return `${this.url}${ROOTS.meta}`;
  }

  /** The settings that point the ads connectors here, with the stand-in's credentials. */
  connectorEnv(): Record<string, string> {
    return {
      ADS_GOOGLE_BASE_URL: this.googleBaseUrl,
      ADS_GOOGLE_ACCESS_TOKEN: this.credentials.googleAccessToken,
      ADS_GOOGLE_DEVELOPER_TOKEN: this.credentials.googleDeveloperToken,
      ADS_META_BASE_URL: this.metaBaseUrl,
      ADS_META_ACCESS_TOKEN: this.credentials.metaAccessToken,
    };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage): Promise<Answer> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const platform = (Object.keys(ROOTS) as StandInPlatform[]).find((p) => url.pathname.startsWith(`${ROOTS[p]}/`));
    const body = await readBody(request);
    if (url.pathname.startsWith('/_control/')) {
      return controlRoutes(this.data)({
        method: request.method ?? 'GET',
        path: url.pathname.slice('/_control'.length),
        query: url.searchParams,
        headers: request.headers,
        body,
        json: parseJson(body),
      });
    }
    if (!platform) return { status: 404, body: { error: { message: `no platform at ${url.pathname}` } } };
    const path = url.pathname.slice(ROOTS[platform].length);
    this.data.requests.push({ platform, method: request.method ?? 'GET', path, headers: request.headers, body });
    if (this.options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
    const failure = this.data.takeFailure(platform, path);
    if (failure !== null)
      return { status: failure, body: { error: { message: `stand-in failure ${failure}` } }, headers: failure === 429 ? { 'retry-after': '0' } : {} };
    return this.routes[platform]({ method: request.method ?? 'GET', path, query: url.searchParams, headers: request.headers, body, json: parseJson(body) });
  }
}
