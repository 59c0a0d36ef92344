import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RunningApp, startApp, TEST_JWT_SECRET, testPool, uniqueSuffix, userToken } from '@campaign/testing';
import type { Pool } from 'pg';
import { runLegacyImport } from './legacy-import.cli';

const LEGACY_POSTS = ['3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b', '4a3b2c1d-6e5f-4071-8b9a-1d2e3f4a5b6c'];
/** A campaign_id no campaign of the org has: the command side refuses the post (CAMPAIGN_NOT_FOUND). */
const UNKNOWN_CAMPAIGN = '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e';

const legacyTable = (schema: string) => `
  CREATE TABLE ${schema}.blog_posts (id UUID PRIMARY KEY, campaign_id UUID, title TEXT, content_markdown TEXT, status TEXT, created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ);
  INSERT INTO ${schema}.blog_posts VALUES
    ('${LEGACY_POSTS[0]}', NULL, 'First post', '# First', 'published', '2023-01-02T10:00:00Z', NULL),
    ('${LEGACY_POSTS[1]}', NULL, 'Second post', NULL, 'draft', '2023-02-02T10:00:00Z', NULL),
    ('6c5d4e3f-8071-4283-9dbc-3f4a5b6c7d8e', '${UNKNOWN_CAMPAIGN}', 'Orphan post', 'x', 'draft', '2023-03-02T10:00:00Z', NULL),
    ('7d6e5f40-9182-4394-8ecd-4a5b6c7d8e9f', NULL, NULL, 'no title', 'draft', '2023-04-02T10:00:00Z', NULL);`;

/**
 * The import end to end: a legacy table in PostgreSQL, campaign-command started from its build
 * output, the CLI run as an operator would run it — twice, then from a CSV export of the table.
 */
describe('legacy-import → campaign-command (seed 000 Migration Considerations, through commands)', () => {
  const suffix = uniqueSuffix();
  const schema = `legacy_${suffix}`;
  const eventstore = `es_${suffix}`;
  const orgId = randomUUID();
  const token = userToken(orgId, randomUUID(), 'editor');
  let pool: Pool;
  let app: RunningApp;

  beforeAll(async () => {
    pool = testPool(2);
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(legacyTable(schema));
    app = await startApp('campaign-command', await freePort(), {
      JWT_SECRET: TEST_JWT_SECRET,
      TRACKING_SECRET: 'test-tracking-secret-at-least-32-characters',
      LOG_LEVEL: 'warn',
      TOPIC_PREFIX: `t${suffix}.`,
      EVENTSTORE_SCHEMA: eventstore,
      PERSONAL_DATA_SCHEMA: `privacy_${suffix}`,
      COMMAND_CONSUMER_GROUP: `campaign-command-${suffix}`,
      DISPATCH_SCHEMA: `dispatch_${suffix}`,
      DISPATCH_GROUP: `dispatch-${suffix}`,
      REDIS_KEY_PREFIX: `t${suffix}:`,
    });
  });

  afterAll(async () => {
    await app?.stop();
    for (const name of [schema, eventstore, `privacy_${suffix}`, `dispatch_${suffix}`]) await pool?.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await pool?.end();
  });

  const run = (...source: string[]) =>
    runLegacyImport([...source, '--command-url', app.url], { LEGACY_IMPORT_TOKEN: token, LEGACY_DATABASE_URL: process.env.DATABASE_URL });

  const eventCounts = async () => {
    const { rows } = await pool.query<{ event_type: string; n: number }>(
      `SELECT event_type, count(*)::int AS n FROM ${eventstore}.events WHERE tenant = $1 GROUP BY event_type ORDER BY event_type`,
      [orgId],
    );
    return Object.fromEntries(rows.map((r) => [r.event_type, r.n]));
  };

  it('ensures "Legacy Blog Post Campaign", creates each fit post in it, and reports the rows refused with their codes', async () => {
    const { code, output } = await run('--table', `${schema}.blog_posts`);
    expect(output).toMatchObject({
      rows: 4,
      sent: true,
      campaign: { name: 'Legacy Blog Post Campaign', outcome: 'created' },
      imported: 2,
      alreadyThere: 0,
      rejected: 2,
      rejectedByCode: { CAMPAIGN_NOT_FOUND: 1, LEGACY_POST_TITLE_MISSING: 1 },
    });
    expect(code).toBe(1);
    expect(await eventCounts()).toEqual({ CampaignCreated: 1, ContentCreated: 2 });
    const { rows } = await pool.query(`SELECT data FROM ${eventstore}.events WHERE tenant = $1 AND event_type = 'ContentCreated' ORDER BY global_position`, [
      orgId,
    ]);
    // Posts are sent a few at a time: their events' order is not the table's.
    const byTitle = rows.map((r) => r.data).sort((x, y) => String(x.title).localeCompare(String(y.title)));
    expect(byTitle).toEqual([
      expect.objectContaining({ title: 'First post', contentType: 'blog_post', platform: 'website', contentMarkdown: '# First', status: 'published' }),
      expect.objectContaining({ title: 'Second post', contentType: 'blog_post', platform: 'website', status: 'draft' }),
    ]);
  });

  it('run again, creates nothing new: every post it imported is already there', async () => {
    const { output } = await run('--table', `${schema}.blog_posts`);
    expect(output).toMatchObject({ campaign: { outcome: 'already' }, imported: 0, alreadyThere: 2, rejected: 2 });
    expect(await eventCounts()).toEqual({ CampaignCreated: 1, ContentCreated: 2 });
  });

  it('from a CSV export of the same table, recognises the same posts (keys derived from the post ids)', async () => {
    const file = join(tmpdir(), `blog_posts_${suffix}.csv`);
    const lines = [
      'id,campaign_id,title,content_markdown,status,created_at,updated_at',
      `${LEGACY_POSTS[0]},,First post,# First,published,2023-01-02T10:00:00Z,`,
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const { code, output } = await run('--csv', file);
    expect(output).toMatchObject({ rows: 1, imported: 0, alreadyThere: 1, rejected: 0 });
    expect(code).toBe(0);
    expect(await eventCounts()).toEqual({ CampaignCreated: 1, ContentCreated: 2 });
  });
});
