import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stand-in received, as it arrived. */
export interface RecordedAnthropicRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body (null when it was not JSON). */
  readonly body: unknown;
}

/** How the stand-in answers the next requests: canned content text, or a raw status and body. */
export type AnthropicAnswer =
  | { readonly text: string }
  | { readonly status: number; readonly body: unknown }
  | { readonly delayMs: number; readonly text: string };

export interface AnthropicStandIn {
  /** The base URL to put in ANTHROPIC_BASE_URL. */
  readonly url: string;
  readonly requests: RecordedAnthropicRequest[];
  /** Sets what every following request is answered with (a Messages API reply with this text by default). */
  answer(answer: AnthropicAnswer): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const apiError = (res: ServerResponse, status: number, type: string, message: string): void => json(res, status, { type: 'error', error: { type, message } });

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

/**
 * Anthropic's Messages API played locally (no internet in tests): `POST /v1/messages` checks
 * the `x-api-key`, `anthropic-version` and JSON content type as the real API does (401 / 400 in
 * its error shape), records the request, and answers a message whose content is the canned text.
 */
export const startAnthropicStandIn = async (apiKey: string, initial: AnthropicAnswer = { text: '{"proposals":[]}' }): Promise<AnthropicStandIn> => {
  const requests: RecordedAnthropicRequest[] = [];
  let current = initial;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const body = parse(raw);
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== '/v1/messages') return apiError(res, 404, 'not_found_error', 'Not found');
      if (req.headers['x-api-key'] !== apiKey) return apiError(res, 401, 'authentication_error', 'invalid x-api-key');
      if (!req.headers['anthropic-version']) return apiError(res, 400, 'invalid_request_error', 'anthropic-version header is required');
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json') || body === null) {
        return apiError(res, 400, 'invalid_request_error', 'the body must be JSON');
      }
      const model = (body as { model?: unknown }).model;
      if (typeof model !== 'string' || !Array.isArray((body as { messages?: unknown }).messages)) {
        return apiError(res, 400, 'invalid_request_error', 'model and messages are required');
      }
      const answer = current;
      if ('status' in answer) return json(res, answer.status, answer.body);
      if ('delayMs' in answer) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      json(res, 200, {
        id: `msg_${randomUUID().replace(/-/g, '')}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text: answer.text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: raw.length, output_tokens: answer.text.length },
      });
    })().catch(() => {
      if (!res.headersSent) apiError(res, 500, 'api_error', 'stand-in failure');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (answer) => (current = answer),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
