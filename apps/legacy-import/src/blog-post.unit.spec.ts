import { readBlogPost, type SourceRow } from './blog-post';

const POST = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const CAMPAIGN = '5A0C7E2B-8D1F-4B3A-9E6C-2F4D6B8A0C1E';

const row = (values: SourceRow['values']): SourceRow => ({
  row: 7,
  values: {
    id: POST,
    campaign_id: CAMPAIGN,
    title: 'Why campaigns',
    content_markdown: '# Why',
    status: 'published',
    created_at: new Date('2024-02-01T10:00:00Z'),
    updated_at: '2024-02-02 10:00:00+00',
    ...values,
  },
});

describe('a legacy blog_posts row (seed 000 Migration Considerations: id, campaign_id, title, content_markdown, status, created_at, updated_at)', () => {
  it('reads every column the seed INSERT reads; instants as ISO, the campaign id in lower case', () => {
    expect(readBlogPost(row({}))).toEqual({
      id: POST,
      campaignId: CAMPAIGN.toLowerCase(),
      title: 'Why campaigns',
      contentMarkdown: '# Why',
      status: 'published',
      createdAt: '2024-02-01T10:00:00.000Z',
      updatedAt: '2024-02-02T10:00:00.000Z',
    });
  });

  // seed 000 Migration Considerations: UPDATE blog_posts SET campaign_id = (…legacy campaign…) WHERE campaign_id IS NULL
  it('reads a NULL (or empty) campaign_id as none: the post goes to the legacy campaign (seed 000: WHERE campaign_id IS NULL)', () => {
    expect(readBlogPost(row({ campaign_id: null }))).toMatchObject({ campaignId: null });
    expect(readBlogPost(row({ campaign_id: '' }))).toMatchObject({ campaignId: null });
  });

  it('keeps a post without markdown, or without timestamps, as NULLs', () => {
    expect(readBlogPost(row({ content_markdown: null, created_at: '', updated_at: null }))).toMatchObject({
      contentMarkdown: null,
      createdAt: null,
      updatedAt: null,
    });
  });

  it.each<[string, SourceRow['values'], string, string, string | null]>([
    ['an id missing', { id: null }, 'LEGACY_POST_ID_INVALID', 'id', null],
    ['an id unfit for an Idempotency-Key', { id: 'a b' }, 'LEGACY_POST_ID_INVALID', 'id', 'a b'],
    ['a campaign_id that is no UUID', { campaign_id: '42' }, 'LEGACY_POST_CAMPAIGN_ID_INVALID', 'campaign_id', POST],
    ['a title missing', { title: '  ' }, 'LEGACY_POST_TITLE_MISSING', 'title', POST],
    ['a status missing', { status: null }, 'LEGACY_POST_STATUS_MISSING', 'status', POST],
    ['markdown PostgreSQL cannot store (U+0000)', { content_markdown: 'a\u0000b' }, 'LEGACY_POST_TEXT_UNSTORABLE', 'content_markdown', POST],
    ['a title with an unpaired surrogate', { title: 'x\ud800' }, 'LEGACY_POST_TEXT_UNSTORABLE', 'title', POST],
    ['created_at that is no instant', { created_at: 'yesterday' }, 'LEGACY_POST_TIMESTAMP_INVALID', 'created_at', POST],
  ])('rejects the row whole, with a typed error, for %s', (_case, values, code, field, postId) => {
    expect(readBlogPost(row(values))).toEqual({ row: 7, postId, code, field, message: expect.any(String) });
  });
});
