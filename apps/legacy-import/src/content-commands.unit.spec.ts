import type { BlogPost } from './blog-post';
import { campaignKeyOf, contentRequest, LEGACY_CAMPAIGN_NAME, legacyCampaignRequest, postKeyOf } from './content-commands';

const post: BlogPost = {
  id: '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b',
  campaignId: null,
  title: 'Why campaigns',
  contentMarkdown: '# Why',
  status: 'published',
  createdAt: '2024-02-01T10:00:00.000Z',
  updatedAt: null,
};
const LEGACY = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';

describe('the commands of a legacy import', () => {
  // seed 000 Migration Considerations: SELECT c.id FROM campaigns c WHERE c.name = 'Legacy Blog Post Campaign'
  it("ensures the campaign the seed's migration names, under a key derived from that name", () => {
    expect(LEGACY_CAMPAIGN_NAME).toBe('Legacy Blog Post Campaign');
    expect(legacyCampaignRequest()).toEqual({
      path: '/v1/orchestration/campaigns',
      idempotencyKey: campaignKeyOf('Legacy Blog Post Campaign'),
      body: { name: 'Legacy Blog Post Campaign', description: expect.any(String) },
    });
    expect(campaignKeyOf('Legacy Blog Post Campaign')).toMatch(/^legacy-import-campaign-legacy-blog-post-campaign-[0-9a-f]{12}$/);
  });

  it('gives names with the same slug different keys: they are different campaigns', () => {
    expect(campaignKeyOf('Legacy blog post campaign!')).not.toBe(campaignKeyOf('Legacy Blog Post Campaign'));
  });

  // seed 000 Migration Considerations: INSERT INTO campaign_content … 'blog_post', 'website', bp.status::TEXT, … true
  it("maps a post as seed 000's INSERT does: content_type 'blog_post', platform 'website', status as text, into the legacy campaign when it has none", () => {
    expect(contentRequest(post, LEGACY)).toEqual({
      path: `/v1/orchestration/campaigns/${LEGACY}/content`,
      idempotencyKey: `legacy-import-blog-post-${post.id}`,
      body: { title: 'Why campaigns', content_type: 'blog_post', platform: 'website', content_markdown: '# Why', status: 'published' },
    });
  });

  it('keeps a post in the campaign it names', () => {
    const own = '11111111-2222-4333-8444-555555555555';
    expect(contentRequest({ ...post, campaignId: own }, LEGACY).path).toBe(`/v1/orchestration/campaigns/${own}/content`);
  });

  it('derives the key from the post id alone: the same post gives the same key on every run', () => {
    expect(postKeyOf(post)).toBe(contentRequest({ ...post, title: 'other' }, LEGACY).idempotencyKey);
    expect(postKeyOf({ id: 'other' })).not.toBe(postKeyOf(post));
  });
});
