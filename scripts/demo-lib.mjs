// What the quick-start demos (scripts/demo*.mjs, run by scripts/up.sh) share: tokens signed with
// the local JWT_SECRET, HTTP calls that print what they did, polling, and reading a schema.
import { createHmac } from 'node:crypto';
import pg from 'pg';

/** Where the apps answer: up.sh's ports, or the *_URL variables. */
export const COMMAND = process.env.COMMAND_URL ?? 'http://127.0.0.1:3001';
export const QUERY = process.env.QUERY_URL ?? 'http://127.0.0.1:3002';
export const SCHEDULER = process.env.SCHEDULER_URL ?? 'http://127.0.0.1:3003';
export const INGEST = process.env.INGEST_URL ?? 'http://127.0.0.1:3004';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token (HS256) with `claims`, valid for an hour: a user (sub, org_id, role) or a service (scope). */
export const jwt = (claims) => {
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + 3600 })}`;
  return `${input}.${createHmac('sha256', process.env.JWT_SECRET).update(input).digest('base64url')}`;
};

/** One HTTP call; the answer's status and body (JSON when it is JSON). */
export const call = async (method, url, { token, body, headers = {}, redirect } = {}) => {
  const response = await fetch(url, {
    method,
    redirect,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
};

/** A command sent over HTTP, printed as `METHOD path → status code`; a refusal stops the demo. */
export const command = async (method, url, token, body = {}) => {
  const answer = await call(method, url, { token, body });
  const { pathname, search } = new URL(url);
  console.log(`  ${method} ${pathname}${search} → ${answer.status}${answer.body.code ? ` ${answer.body.code}` : ''}`);
  if (answer.status >= 300) throw new Error(JSON.stringify(answer.body));
  return answer.body;
};

/** Polls `probe` every 300 ms until it returns something truthy (which it resolves with). */
export const until = async (what, probe, timeoutMs = 90_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(300);
  }
};

/** Queries run in `schema` (and in UTC), as the seeds print them; `end()` closes the pool. */
export const schemaReader = (schema) => {
  const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const sql = async (text, params = []) => {
    const client = await db.connect();
    try {
      await client.query(`SET search_path TO ${schema}`);
      await client.query(`SET TIME ZONE 'UTC'`);
      return (await client.query(text, params)).rows;
    } finally {
      await client.query('RESET search_path');
      await client.query('RESET TIME ZONE');
      client.release();
    }
  };
  return { sql, end: () => db.end() };
};
