import { createHash } from 'node:crypto';
import type { BlogPost } from './blog-post';

/**
 * The commands a legacy import sends to campaign-command's HTTP doors (docs/orchestration.md,
 * "Commands": bodies snake_case as seed 000's columns). Each has an Idempotency-Key that is a
 * function of what it imports, so a second run of the same import is a repeat of the first:
 * the command side answers it from the first outcome and creates nothing new. The ids of the
 * campaign and the content are derived by the door from the key and the operator's org.
 */
export interface DoorRequest {
  readonly path: string;
  readonly idempotencyKey: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** seed 000: `WHERE c.name = 'Legacy Blog Post Campaign'` — where posts without a campaign go. */
export const LEGACY_CAMPAIGN_NAME = 'Legacy Blog Post Campaign';

const KEY_PREFIX = 'legacy-import';

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/**
 * The campaign's key is its name's: readable, plus a digest so that two names with the same
 * slug ("Legacy blog post campaign!") stay two campaigns.
 */
export const campaignKeyOf = (name: string): string => `${KEY_PREFIX}-campaign-${slug(name)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;

export const postKeyOf = (post: Pick<BlogPost, 'id'>): string => `${KEY_PREFIX}-blog-post-${post.id}`;

/** CreateCampaign of the campaign posts without one go to; the same body every run, or the key would be refused as reused. */
export const legacyCampaignRequest = (name: string = LEGACY_CAMPAIGN_NAME): DoorRequest => ({
  path: '/v1/orchestration/campaigns',
  idempotencyKey: campaignKeyOf(name),
  body: { name, description: 'Blog posts imported from the legacy blog_posts table' },
});

/**
 * seed 000's INSERT … SELECT as one CreateContent per post: content_type 'blog_post', platform
 * 'website', status as text, in the post's campaign or, when it has none, the legacy campaign.
 * New content is active (is_active true), as the seed's INSERT sets it.
 */
export const contentRequest = (post: BlogPost, legacyCampaignId: string): DoorRequest => ({
  path: `/v1/orchestration/campaigns/${encodeURIComponent(post.campaignId ?? legacyCampaignId)}/content`,
  idempotencyKey: postKeyOf(post),
  body: {
    title: post.title,
    content_type: 'blog_post',
    platform: 'website',
    content_markdown: post.contentMarkdown,
    status: post.status,
  },
});
