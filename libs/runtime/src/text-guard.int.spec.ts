import { connect } from 'node:net';
import { Body, Controller, Get, Headers, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
import { INVALID_TEXT_MESSAGE, installTextGuard } from './text-guard';

@Controller('things')
class ThingsController {
  @Post(':id')
  create(@Param('id') id: string, @Query() query: unknown, @Body() body: unknown) {
    return { id, query, body };
  }

  @Get(':id')
  read(@Param('id') id: string, @Query() query: unknown, @Headers('x-label') label: unknown) {
    return { id, query, label };
  }

  @Post('outside/:id')
  @RouteConfig({ outsideText: true })
  outside(@Param('id') id: string, @Query() query: unknown, @Body() body: unknown) {
    return { id: id.length, query, body };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

/** One HTTP/1.1 request written byte for byte, past any client-side header checks; the raw answer. */
const rawRequest = (port: number, head: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from(`${head}\r\nHost: localhost\r\nConnection: close\r\n\r\n`, 'latin1')));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });

const statusOf = (answer: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

describe('installTextGuard: text PostgreSQL cannot store is refused before the handler', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), { logger: false });
    installTextGuard(app.getHttpAdapter().getInstance());
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => app.close());

  const post = (url: string, payload: string) => app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });
  const invalidText = (where: string) => ({ status: 'REJECTED', code: 'INVALID_TEXT', message: INVALID_TEXT_MESSAGE, details: { where } });

  it('answers a request whose text is all storable from the handler', async () => {
    const reply = await post('/things/a%20b?q=Zo%C3%AB', JSON.stringify({ name: 'Spring 🌱', tags: ['漢字'] }));
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toEqual({ id: 'a b', query: { q: 'Zoë' }, body: { name: 'Spring 🌱', tags: ['漢字'] } });
  });

  it('refuses U+0000 in a body string, naming its dotted path', async () => {
    const contacts = ['a', 'b', 'c', 'd\\u0000'].map((name) => `{"name":"${name}"}`).join(',');
    const reply = await post('/things/1', `{"contacts":[${contacts}]}`);
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toEqual(invalidText('body.contacts.3.name'));
  });

  it('refuses a lone surrogate in a body string and in a body key (JSON escapes let both through the parser)', async () => {
    expect((await post('/things/1', '{"reason":"bad \\ud800 half"}')).json()).toEqual(invalidText('body.reason'));
    expect((await post('/things/1', '{"metadata":{"k\\udc00":1}}')).json()).toEqual(invalidText('body.metadata.k\udc00'));
  });

  it('refuses %00 in a path parameter: Fastify decodes it to U+0000', async () => {
    const reply = await post('/things/abc%00def', '{}');
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toEqual(invalidText('params.id'));
    // Over a real connection too: Node's parser lets %00 through, only a raw NUL byte is refused.
    const answer = await rawRequest(port, 'GET /things/abc%00 HTTP/1.1');
    expect(statusOf(answer)).toBe(400);
    expect(answer).toContain('"details":{"where":"params.id"}');
    expect(statusOf(await rawRequest(port, 'GET /things/abc\u0000 HTTP/1.1'))).toBe(400);
  });

  it('refuses %00 in a query parameter, on a GET route as on a POST route', async () => {
    expect((await app.inject({ method: 'GET', url: '/things/1?participantId=x%00' })).json()).toEqual(invalidText('query.participantId'));
    expect((await post('/things/1?commandId=%00', '{}')).json()).toEqual(invalidText('query.commandId'));
  });

  // A surrogate percent-encoded as UTF-8 bytes (%ED%A0%80) is not valid UTF-8, so no URL can carry one.
  it('cannot receive a lone surrogate through the URL: Fastify refuses it in the path and leaves it encoded in the query', async () => {
    const path = await app.inject({ method: 'GET', url: '/things/%ED%A0%80' });
    expect(path.statusCode).toBe(400);
    expect(path.json()).toMatchObject({ code: 'FST_ERR_BAD_URL' });
    const query = await app.inject({ method: 'GET', url: '/things/1?q=%ED%A0%80' });
    expect(query.statusCode).toBe(200);
    expect(query.json().query).toEqual({ q: '%ED%A0%80' });
  });

  // Node's parser refuses a NUL byte in a header and reads other bytes as latin1 (no surrogates):
  // the guard's header check is for what arrives without that parser (inject, a proxy's rewrite).
  it('refuses U+0000 in a header value, whether the Node parser or the guard sees it first', async () => {
    const answer = await rawRequest(port, 'GET /things/1 HTTP/1.1\r\nX-Label: a\u0000b');
    expect(statusOf(answer)).toBe(400);
    expect(answer).not.toContain('"id"');
    const injected = await app.inject({ method: 'GET', url: '/things/1', headers: { 'x-label': 'a\u0000b' } });
    expect(injected.statusCode).toBe(400);
    expect(injected.json()).toEqual(invalidText('headers.x-label'));
  });

  it('lets a route marked outsideText through with the same text: its handler cleans it instead', async () => {
    const reply = await post('/things/outside/a%00?ua=x%00', '{"userAgent":"bot\\u0000"}');
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toEqual({ id: 2, query: { ua: 'x\u0000' }, body: { userAgent: 'bot\u0000' } });
  });
});
