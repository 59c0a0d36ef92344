/**
 * The generators of the hostile-input suite: a seeded PRNG (a failing case can be replayed with
 * the same HOSTILE_SEED), text PostgreSQL and Avro cannot hold, forged JWTs, raw Avro bytes that
 * lie about their lengths, and the catalogue of every HTTP route with a valid request to spoil.
 */
import { createHmac } from 'node:crypto';
import { envelopeSchemas, FORMAT_V1, parseSchema } from '@campaign/contracts';
import { type AppName, SeededRandom } from '@campaign/testing';
import { adsRoutes } from './hostile-ads';

/** The suite's generator: the seed (HOSTILE_SEED) makes a run reproducible. */
export class Rng extends SeededRandom {
  constructor(readonly seed: number) {
    super(seed);
  }

  word(min = 3, max = 12): string {
    return Array.from({ length: this.int(min, max) }, () => String.fromCharCode(this.int(97, 122))).join('');
  }

  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(0, 255)));
  }
}

// ---------------------------------------------------------------------------------------------
// Text

/** Code units PostgreSQL (`text`, `jsonb`) cannot store: NUL, and surrogates without their pair. */
const UNSTORABLE = ['\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00'];

/** `count` strings, each holding at least one unstorable code unit somewhere among honest text. */
export const hostileTexts = (rng: Rng, count: number, units: readonly string[] = UNSTORABLE): string[] => {
  const fixed = ['\u0000', 'a\u0000b', '\u0000\u0000\u0000', '\uD800', 'x\uDFFF', '\uD83D', '\uDE00x', 'ok\u0000\uD800', '😀\uD800😀'];
  const given = fixed.filter((text) => units.some((unit) => text.includes(unit)));
  const generated = Array.from({ length: Math.max(0, count - given.length) }, () => {
    const word = rng.word(1, 20);
    const at = rng.int(0, word.length);
    return `${word.slice(0, at)}${rng.pick(units)}${word.slice(at)}`;
  });
  return [...given, ...generated].slice(0, count);
};

/** Only NUL: what survives UTF-8 (Avro strings, percent-encoded paths and queries) intact. */
export const nulTexts = (rng: Rng, count: number): string[] => hostileTexts(rng, count, ['\u0000']);

/**
 * Percent-encodes text for a URL, lone surrogates too (as the WTF-8 bytes a careless client
 * sends; encodeURIComponent refuses them).
 */
export const percentEncode = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const pairs = unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pairs) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
};

/** Names Object.prototype answers to: a lookup in a plain object finds them all. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'prototype',
] as const;

/** Command-id prefixes the platform's own services use (the brief's four, and the rest the store reserves). */
export const RESERVED_PREFIXES = ['timer-', 'ingest-', 'dispatch-', 'system-', 'suppress-', 'previously-bounced-', 'auto-complete-'] as const;

/** Instants no campaign may start at: past year 2999, before 2000, or no instant at all. */
export const outOfRangeInstants = (rng: Rng, count: number): string[] => {
  const fixed = [
    '9999-12-31T23:59:59Z',
    '3000-01-01T00:00:00Z',
    '2999-12-31T23:30:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '0000-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '1999-12-31T23:59:59Z',
    '+010000-01-01T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '2024-01-01T25:00:00Z',
    'now',
    '',
    'Infinity',
    '9'.repeat(30),
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  const generated = Array.from({ length: Math.max(0, count - fixed.length) }, () => {
    const year = rng.int(3000, 9999);
    return `${year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}T${pad(rng.int(0, 23))}:${pad(rng.int(0, 59))}:00Z`;
  });
  return [...fixed, ...generated].slice(0, count);
};

// ---------------------------------------------------------------------------------------------
// JWTs

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** A JWT written by hand, so that its header may lie; `key` null leaves the signature empty. */
export const craftJwt = (header: object, claims: object, key: string | null, hash = 'sha256'): string => {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(claims))}`;
  return key === null ? `${input}.` : `${input}.${b64(createHmac(hash, key).update(input).digest())}`;
};

export interface Forgery {
  readonly name: string;
  readonly token: string;
}

const seconds = () => Math.floor(Date.now() / 1000);

/** Tokens claiming `claims` that no honest verifier accepts: each breaks one rule. */
export const forgedTokens = (claims: Record<string, unknown>, secret: string, now = seconds()): Forgery[] => {
  const hs = { alg: 'HS256', typ: 'JWT' };
  const fresh = { iat: now, exp: now + 600, ...claims };
  const genuine = craftJwt(hs, fresh, secret);
  const [head, body, signature] = genuine.split('.');
  const signed = (extra: object, drop: string[] = []) =>
    craftJwt(hs, Object.fromEntries(Object.entries({ ...fresh, ...extra }).filter(([k]) => !drop.includes(k))), secret);
  return [
    { name: 'alg none', token: craftJwt({ alg: 'none', typ: 'JWT' }, fresh, null) },
    { name: 'alg NONE, signed', token: craftJwt({ alg: 'NONE' }, fresh, secret) },
    { name: 'another secret', token: craftJwt(hs, fresh, `${secret}-but-not-quite`) },
    { name: 'HS512 with the secret', token: craftJwt({ alg: 'HS512', typ: 'JWT' }, fresh, secret, 'sha512') },
    { name: 'RS256 header over an HMAC (key confusion)', token: craftJwt({ alg: 'RS256', typ: 'JWT' }, fresh, secret) },
    { name: 'ES256 header over an HMAC', token: craftJwt({ alg: 'ES256' }, fresh, secret) },
    { name: 'jku pointing elsewhere', token: craftJwt({ alg: 'RS256', jku: 'https://attacker.example/jwks.json', kid: 'x' }, fresh, secret) },
    { name: 'kid path traversal, empty key', token: craftJwt({ alg: 'HS256', kid: '../../../../dev/null' }, fresh, '') },
    { name: 'unknown critical header', token: craftJwt({ alg: 'HS256', crit: ['hostile'], hostile: true }, fresh, secret) },
    {
      name: 'claims rewritten after signing',
      token: `${head}.${b64(JSON.stringify({ ...fresh, sub: 'someone-else', scope: 'projection:admin' }))}.${signature}`,
    },
    { name: 'signature stripped', token: `${head}.${body}.` },
    { name: 'signature truncated', token: genuine.slice(0, -8) },
    { name: 'expired an hour ago', token: signed({ iat: now - 7_200, exp: now - 3_600 }) },
    { name: 'no exp', token: signed({}, ['exp']) },
    { name: 'no iat', token: signed({}, ['iat']) },
    { name: 'no sub', token: signed({}, ['sub']) },
    { name: 'not valid for another hour', token: signed({ nbf: now + 3_600 }) },
    { name: 'issued an hour from now', token: signed({ iat: now + 3_600, exp: now + 4_000 }) },
    { name: 'lives two days (beyond the maximum lifetime)', token: signed({ exp: now + 2 * 86_400 }) },
    { name: 'issued two days ago', token: signed({ iat: now - 2 * 86_400 }) },
    { name: 'exp as a string', token: signed({ exp: String(now + 600) }) },
    { name: 'sub an object', token: signed({ sub: { $ne: null } }) },
    { name: 'scope with a space-smuggled name', token: signed({ scope: 'lifecycle:write\u0000 projection:admin' }) },
    { name: 'org_id not a UUID', token: signed({ org_id: "' OR 1=1 --" }) },
    { name: 'two segments', token: `${head}.${body}` },
    { name: 'four segments', token: `${genuine}.${signature}` },
    { name: 'header not JSON', token: `${b64('{alg:HS256')}.${body}.${signature}` },
    { name: 'claims an array', token: craftJwt(hs, [fresh], secret) },
  ];
};

// ---------------------------------------------------------------------------------------------
// Avro bytes

/** An Avro long (zigzag varint), any size: the bytes a liar writes to declare a length. */
export const avroLong = (value: number | bigint): Buffer => {
  const n = BigInt(value);
  let zigzag = n >= 0n ? n << 1n : (-n << 1n) - 1n;
  const bytes: number[] = [];
  do {
    const low = Number(zigzag & 0x7fn);
    zigzag >>= 7n;
    bytes.push(zigzag > 0n ? low | 0x80 : low);
  } while (zigzag > 0n);
  return Buffer.from(bytes);
};

export const avroString = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([avroLong(bytes.length), bytes]);
};

const commandEnvelopeType = parseSchema(envelopeSchemas.CommandEnvelope);

export interface RawEnvelope {
  readonly commandId: string;
  readonly type: string;
  readonly context: string;
  readonly tenant: string | null;
  readonly actor?: string;
}

/** A well-framed command envelope around `data` bytes nobody checked. */
export const rawEnvelope = (envelope: RawEnvelope, data: Buffer): Buffer =>
  Buffer.concat([
    Buffer.of(FORMAT_V1),
    commandEnvelopeType.toBuffer({
      schemaVersion: 1,
      issuedAt: new Date().toISOString(),
      actor: 'service:hostile',
      correlationId: null,
      causationId: null,
      ...envelope,
      data,
    }),
  ]);

/** Declared item or byte counts that outgrow any message: the heap, not the message, pays for them. */
export const LYING_COUNTS: readonly bigint[] = [2n ** 31n - 1n, 2n ** 30n, 10n ** 9n, 2n ** 53n - 1n, 2n ** 62n];

export interface DataBomb {
  readonly name: string;
  readonly context: 'lifecycle' | 'outreach' | 'ads';
  readonly type: string;
  readonly data: Buffer;
}

/** Command data whose declared array lengths, string lengths or instants the bytes cannot back. */
export const dataBombs = (rng: Rng): DataBomb[] =>
  LYING_COUNTS.flatMap((count): DataBomb[] => [
    {
      name: `AddContacts declaring ${count} contacts`,
      context: 'outreach',
      type: 'AddContacts',
      data: Buffer.concat([avroString(rng.uuid()), avroLong(count)]),
    },
    {
      name: `AddContacts, a negative block of ${count} items`,
      context: 'outreach',
      type: 'AddContacts',
      data: Buffer.concat([avroString(rng.uuid()), avroLong(-count), avroLong(count)]),
    },
    {
      name: `CreateCampaign declaring ${count} target locations`,
      context: 'outreach',
      type: 'CreateCampaign',
      data: Buffer.concat([avroString(rng.uuid()), Buffer.alloc(5), avroLong(1), avroLong(count)]),
    },
    {
      name: `JoinCampaign, a participantId of ${count} bytes`,
      context: 'lifecycle',
      type: 'JoinCampaign',
      data: Buffer.concat([avroString(rng.uuid()), avroLong(count)]),
    },
    {
      name: `CreateCampaign starting ${count} ms after 1970`,
      context: 'lifecycle',
      type: 'CreateCampaign',
      data: Buffer.concat([avroString(rng.uuid()), avroLong(24), avroLong(0), avroLong(0), avroLong(1), avroLong(count), avroLong(0)]),
    },
    {
      name: `SetBudgetAllocation declaring ${count} platforms`,
      context: 'ads',
      type: 'SetBudgetAllocation',
      data: Buffer.concat([avroString(rng.uuid()), avroString('2026-06-01'), avroString('2026-07-01'), avroString('5000.00'), avroLong(count)]),
    },
    {
      name: `ConnectAdAccount, a name of ${count} bytes`,
      context: 'ads',
      type: 'ConnectAdAccount',
      data: Buffer.concat([avroString(rng.uuid()), avroString('google'), avroString('1234567890'), avroLong(count)]),
    },
  ]);

/** Values that are no command envelope at all (undecodable: the dead-letter topic's). */
export const garbageValues = (rng: Rng): { readonly name: string; readonly value: Buffer }[] => [
  { name: 'empty', value: Buffer.alloc(0) },
  { name: 'the format byte alone', value: Buffer.of(FORMAT_V1) },
  ...LYING_COUNTS.map((count) => ({ name: `a commandId declaring ${count} bytes`, value: Buffer.concat([Buffer.of(FORMAT_V1), avroLong(count)]) })),
  { name: 'format byte 0x00', value: Buffer.concat([Buffer.of(0), avroString(rng.uuid())]) },
  { name: 'format byte 0xff', value: Buffer.concat([Buffer.of(0xff), avroString(rng.uuid())]) },
  { name: 'JSON instead of Avro', value: Buffer.from('{"type":"CreateCampaign","data":{}}') },
  ...Array.from({ length: 10 }, (_, i) => ({
    name: `random bytes #${i}`,
    value: Buffer.concat([Buffer.of(rng.pick([0, 2, 0x7b, 0xff])), rng.bytes(rng.int(0, 64))]),
  })),
];

// ---------------------------------------------------------------------------------------------
// Routes

/** Who may call a route: a scope, a user of an org, a provider (webhook secret) or anyone with a tracking token. */
export type Door =
  | 'lifecycle:write'
  | 'lifecycle:read'
  | 'timers:read'
  | 'timers:operate'
  | 'projection:admin'
  | 'tenant'
  | 'webhook'
  | 'tracking'
  /** seed 003: a person of the org acting on ads (role marketer or admin; the suite's is an admin). */
  | 'ads'
  /** The ads query API: a person of the org with a reading role, or a service with ads:read naming the org. */
  | 'ads-read'
  /** The ads figures (performance): a person of the org, any role. */
  | 'ads-tenant';

/** Doors a person's token (org_id, sub, role) opens. */
export const PERSON_DOORS: readonly Door[] = ['tenant', 'ads', 'ads-read', 'ads-tenant'];

/**
 * A route with a request it would take: the base each family spoils in one place. Path and
 * query placeholders (`:lifecycleId`, `:outreachId`, `:contactId`, `:timerId`, `:token`,
 * `:ghostToken`, `:decoy`) are the suite's fixtures.
 */
export interface Route {
  readonly app: AppName;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly door: Door;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: Readonly<Record<string, unknown>>;
  /** The route's body limit, when it is not the apps' 1 MiB. */
  readonly bodyLimitBytes?: number;
}

const lifecycle = (path: string, body: Record<string, unknown>): Route => ({
  app: 'campaign-command',
  method: 'POST',
  path: `/v1/lifecycle/campaigns${path}`,
  door: 'lifecycle:write',
  body,
});
const outreachCommand = (path: string, body: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST'): Route => ({
  app: 'campaign-command',
  method,
  path: `/v1/outreach${path}`,
  door: 'tenant',
  body,
});
const outreachContacts = (body: Record<string, unknown>): Route => ({
  ...outreachCommand('/campaigns/:outreachId/contacts', body),
  bodyLimitBytes: 64 * 1_048_576,
});
const contactFact = (fact: string, body: Record<string, unknown>) => outreachCommand(`/campaigns/:outreachId/contacts/:contactId/${fact}`, body);
const query = (door: Door, path: string, params?: Record<string, string>): Route => ({ app: 'projection', method: 'GET', path, door, query: params });
const webhook = (kind: string, body: Record<string, unknown>): Route => ({
  app: 'analytics-ingest',
  method: 'POST',
  path: `/v1/webhooks/${kind}`,
  door: 'webhook',
  body,
});

/** A campaign starting in a month: accepted, and no timer of it fires while the suite runs. */
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** Every HTTP route of the four apps (their controllers), except /health, /metrics and /openapi.json. */
export const routes = (): Route[] => [
  lifecycle('', { durationHours: 24, startTime: inAMonth(), metadata: { name: 'hostile' } }),
  lifecycle('/:lifecycleId/participants', { participantId: 'participant-1' }),
  lifecycle('/:lifecycleId/engagements', { participantId: 'participant-1', engagementType: 'click' }),
  lifecycle('/:lifecycleId/reward-claims', { participantId: 'participant-1', rewardId: 'reward-1' }),
  ...['start', 'close', 'open-reward-claim', 'expire'].map((action) => lifecycle(`/:lifecycleId/${action}`, { reason: 'hostile suite' })),
  outreachCommand('/organizations', { orgId: ':orgId', name: 'Hostile Org' }),
  outreachCommand('/users', { userId: ':newId', email: 'hostile@example.com', fullName: 'Hos Tile', role: 'recruiter' }),
  outreachCommand('/templates', { name: 'Hostile template', channel: 'email', subject: 'Hello', body: 'Hi {{first_name}}' }),
  outreachCommand('/leads', {
    firstName: 'Ho',
    lastName: 'Stile',
    email: 'lead@example.com',
    linkedinUrl: 'https://www.linkedin.com/in/hostile',
    companyName: 'Acme',
    title: 'Engineer',
  }),
  outreachCommand('/campaigns', {
    name: 'Hostile campaign',
    description: 'spoiled',
    campaign_type: 'talent_sourcing',
    channel: 'email',
    target_audience: 'engineers',
    target_locations: ['Berlin'],
    target_skills: ['Java'],
  }),
  outreachCommand('/campaigns/:outreachId', { name: 'Renamed', description: 'changed', target_skills: ['Go'] }, 'PATCH'),
  ...['activate', 'pause'].map((action) => outreachCommand(`/campaigns/:outreachId/${action}`, {})),
  ...['complete', 'archive'].map((action) => outreachCommand(`/campaigns/:outreachId/${action}`, { reason: 'manual' })),
  outreachContacts({
    contacts: [
      {
        email: 'new@example.com',
        first_name: 'New',
        last_name: 'Contact',
        linkedin_url: 'https://www.linkedin.com/in/new',
        contact_type: 'candidate',
        company_name: 'Acme',
        title: 'Dev',
      },
    ],
  }),
  contactFact('sends', { dispatchId: 'dispatch-1', provider: 'smtp', messageId: '<m1@example.com>' }),
  contactFact('send-failures', { dispatchId: 'dispatch-1', reason: 'mailbox full', retryable: false }),
  contactFact('conversions', { conversion_type: 'phone_screen', conversion_entity_id: 'entity-1' }),
  contactFact('responses', { channel: 'phone', response_text: 'Interested' }),
  outreachCommand('/personal-data/erasures', { email: 'forget.me@example.com', reason: 'hostile suite' }),
  query('lifecycle:read', '/v1/lifecycle/campaigns', { status: 'CREATED', limit: '10', offset: '0' }),
  query('lifecycle:read', '/v1/lifecycle/campaigns/:lifecycleId'),
  query('lifecycle:read', '/v1/lifecycle/campaigns/:lifecycleId/state-log'),
  query('lifecycle:read', '/v1/lifecycle/campaigns/:lifecycleId/metrics', { type: 'participants' }),
  query('lifecycle:read', '/v1/lifecycle/campaigns/:lifecycleId/timers'),
  ...['state-distribution', 'active-campaigns', 'stuck-timers', 'failed-timers', 'timer-execution-times', 'pending-timers'].map((r) =>
    query('lifecycle:read', `/v1/lifecycle/reports/${r}`),
  ),
  query('tenant', '/v1/outreach/campaigns', {
    status: 'draft',
    campaign_type: 'talent_sourcing',
    channel: 'email',
    owner_id: ':ownerId',
    orderBy: 'name',
    order: 'asc',
    limit: '10',
    offset: '0',
  }),
  query('tenant', '/v1/outreach/campaigns/:outreachId'),
  query('tenant', '/v1/outreach/campaigns/:outreachId/ab-test-results'),
  query('tenant', '/v1/outreach/campaigns/:outreachId/report'),
  query('tenant', '/v1/outreach/campaigns/:outreachId/contacts', { status: 'pending', limit: '10', offset: '0' }),
  query('tenant', '/v1/outreach/performance'),
  ...['lifecycle', 'outreach'].map(
    (context): Route => ({
      app: 'projection',
      method: 'POST',
      path: `/v1/admin/rebuild/${context}`,
      door: 'projection:admin',
      query: { swap: 'false', into: ':decoy' },
    }),
  ),
  { app: 'timer-scheduler', method: 'GET', path: '/v1/timers', door: 'timers:read', query: { campaignId: ':lifecycleId', context: 'lifecycle' } },
  { app: 'timer-scheduler', method: 'POST', path: '/v1/timers/:timerId/fire-now', door: 'timers:operate' },
  { app: 'timer-scheduler', method: 'POST', path: '/v1/timers/lifecycle/:timerId/retry', door: 'timers:operate' },
  query('projection:admin', '/v1/lifecycle/admin/table-sizes'),
  webhook('bounces', { token: ':ghostToken', bounceType: 'hard', reason: '550 mailbox unavailable', providerEventId: ':newId' }),
  webhook('replies', { token: ':ghostToken', channel: 'email', text: 'Interested', subject: 'Re: a role', providerEventId: ':newId' }),
  webhook('linkedin', { token: ':ghostToken', activity: 'replied', text: 'Sounds good', providerEventId: ':newId' }),
  { app: 'analytics-ingest', method: 'GET', path: '/v1/ingest/campaigns/:outreachId/counters', door: 'webhook' },
  { app: 'analytics-ingest', method: 'GET', path: '/v1/track/open/:ghostToken', door: 'tracking' },
  { app: 'analytics-ingest', method: 'GET', path: '/v1/track/click/:ghostToken', door: 'tracking', query: { url: 'https://example.com/jobs', text: 'View' } },
  { app: 'analytics-ingest', method: 'GET', path: '/v1/track/unsubscribe/:ghostToken', door: 'tracking' },
  { app: 'analytics-ingest', method: 'POST', path: '/v1/track/unsubscribe/:ghostToken', door: 'tracking', body: { 'List-Unsubscribe': 'One-Click' } },
  ...adsRoutes(),
];

/** The dotted paths of every string in a request body, array items and object keys' owners included. */
export const stringSlots = (value: unknown, prefix: string[] = []): string[][] => {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringSlots(item, [...prefix, String(i)]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => stringSlots(item, [...prefix, key]));
  return [];
};

/** A deep copy of `value` with the leaf at `path` replaced. */
export const replacedAt = (value: unknown, path: readonly string[], leaf: unknown): unknown => {
  if (path.length === 0) return leaf;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[path[0]] = replacedAt((value as Record<string, unknown>)[path[0]], path.slice(1), leaf);
  return copy;
};

/** The `:name` placeholders of a path. */
export const placeholders = (path: string): string[] => [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);

export type { AppName };
