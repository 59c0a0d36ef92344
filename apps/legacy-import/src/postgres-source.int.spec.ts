import { testPool, uniqueSuffix } from '@campaign/testing';
import type { Pool } from 'pg';
import { isRowError, readBlogPost } from './blog-post';
import { contentRequest } from './content-commands';
import { readBlogPostsTable } from './postgres-source';

/**
 * A legacy blog_posts table as seed 000's migration reads it (id, campaign_id, title,
 * content_markdown, status, created_at, updated_at), with the types a legacy schema would give
 * them: UUID ids, the status an enum (hence the seed's `bp.status::TEXT`), timestamps.
 */
const legacyTable = (schema: string) => `
  CREATE TYPE ${schema}.post_status AS ENUM ('draft', 'published', 'archived');
  CREATE TABLE ${schema}.blog_posts (
    id UUID PRIMARY KEY,
    campaign_id UUID,
    title TEXT,
    content_markdown TEXT,
    status ${schema}.post_status NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ
  );
  INSERT INTO ${schema}.blog_posts VALUES
    ('3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b', NULL, 'First post', '# First', 'published', '2023-01-02T10:00:00Z', '2023-01-03T10:00:00Z'),
    ('4a3b2c1d-6e5f-4071-8b9a-1d2e3f4a5b6c', '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e', 'Second post', NULL, 'draft', '2023-02-02T10:00:00Z', NULL),
    ('5b4c3d2e-7f60-4172-8cab-2e3f4a5b6c7d', NULL, NULL, 'no title', 'archived', '2023-03-02T10:00:00Z', NULL);`;

describe('reading a legacy blog_posts table from PostgreSQL (seed 000 Migration Considerations)', () => {
  const schema = `legacy_${uniqueSuffix()}`;
  let pool: Pool;

  beforeAll(async () => {
    pool = testPool(2);
    await pool.query(`CREATE SCHEMA ${schema}`);
    await pool.query(legacyTable(schema));
  });

  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool?.end();
  });

  it("reads every row in creation order, the enum status as text (bp.status::TEXT), NULL campaign_id as none, and maps it as the seed's INSERT", async () => {
    const rows = await readBlogPostsTable(pool, `${schema}.blog_posts`);
    const posts = rows.map(readBlogPost);
    expect(posts[0]).toEqual({
      id: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
      campaignId: null,
      title: 'First post',
      contentMarkdown: '# First',
      status: 'published',
      createdAt: '2023-01-02T10:00:00.000Z',
      updatedAt: '2023-01-03T10:00:00.000Z',
    });
    expect(posts[1]).toMatchObject({ campaignId: '5a0c7e2b-8d1f-4b3a-9e6c-2f4d6b8a0c1e', contentMarkdown: null, status: 'draft', updatedAt: null });
    // A row the seed's INSERT would copy with a NULL title is refused here, before anything is sent.
    expect(posts[2]).toEqual({
      row: 3,
      postId: '5b4c3d2e-7f60-4172-8cab-2e3f4a5b6c7d',
      code: 'LEGACY_POST_TITLE_MISSING',
      field: 'title',
      message: 'title is required',
    });
    const first = posts[0];
    if (isRowError(first)) throw new Error(first.message);
    expect(contentRequest(first, '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e').body).toEqual({
      title: 'First post',
      content_type: 'blog_post',
      platform: 'website',
      content_markdown: '# First',
      status: 'published',
    });
  });

  it('refuses a table that does not exist, or lacks a column the migration reads, with a typed error', async () => {
    await expect(readBlogPostsTable(pool, `${schema}.posts`)).rejects.toMatchObject({ code: 'SOURCE_TABLE_NOT_FOUND' });
    await pool.query(`CREATE TABLE ${schema}.thin_posts (id UUID, title TEXT, status TEXT)`);
    await expect(readBlogPostsTable(pool, `${schema}.thin_posts`)).rejects.toMatchObject({ code: 'SOURCE_COLUMN_MISSING' });
  });

  it('refuses a table name that is not a plain identifier, without running any statement', async () => {
    await expect(readBlogPostsTable(pool, 'blog_posts; DROP TABLE x')).rejects.toMatchObject({ code: 'SOURCE_TABLE_INVALID' });
  });
});
