import { type BlogPost, isRowError, readBlogPost, ROW_ERROR_CODES, type RowError, type SourceRow } from './blog-post';
import { type DoorOutcome, LegacyImportError } from './command-door.client';
import { contentRequest, type DoorRequest, LEGACY_CAMPAIGN_NAME, legacyCampaignRequest } from './content-commands';

export interface ImportOptions {
  readonly campaignName?: string;
  /** The legacy campaign's id when it is known already: no CreateCampaign is sent. */
  readonly campaignId?: string;
  /** Commands in flight at once. */
  readonly concurrency?: number;
  /** Send nothing at all when any row is not fit to import. */
  readonly allOrNothing?: boolean;
}

export interface Rejection {
  readonly row: number;
  readonly postId: string | null;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export interface ImportReport {
  readonly rows: number;
  /** False when --all-or-nothing held every command back because some row is not fit. */
  readonly sent: boolean;
  readonly campaign: { readonly name: string; readonly campaignId: string; readonly outcome: 'created' | 'already' | 'given' } | null;
  readonly imported: number;
  readonly alreadyThere: number;
  readonly rejected: number;
  readonly rejectedByCode: Readonly<Record<string, number>>;
  readonly rejections: readonly Rejection[];
}

export interface CommandDoor {
  send(request: DoorRequest): Promise<DoorOutcome>;
}

/** Every row of a post id that appears more than once: which of them is the post cannot be told, so none is imported. */
const duplicatesRejected = (posts: readonly { source: SourceRow; read: BlogPost | RowError }[]): (BlogPost | RowError)[] => {
  const seen = new Map<string, number>();
  for (const { read } of posts) if (!isRowError(read)) seen.set(read.id, (seen.get(read.id) ?? 0) + 1);
  return posts.map(({ source, read }) =>
    !isRowError(read) && (seen.get(read.id) ?? 0) > 1
      ? { row: source.row, postId: read.id, code: ROW_ERROR_CODES.ID_DUPLICATE, field: 'id', message: `id ${read.id} appears in ${seen.get(read.id)} rows` }
      : read,
  );
};

const legacyCampaign = async (door: CommandDoor, options: ImportOptions): Promise<NonNullable<ImportReport['campaign']>> => {
  const name = options.campaignName ?? LEGACY_CAMPAIGN_NAME;
  if (options.campaignId) return { name, campaignId: options.campaignId, outcome: 'given' };
  const outcome = await door.send(legacyCampaignRequest(name));
  if (outcome.kind === 'rejected') throw new LegacyImportError(outcome.code, `the campaign "${name}" could not be ensured: ${outcome.message}`);
  const campaignId = outcome.body.campaignId;
  if (typeof campaignId !== 'string')
    // Past the idempotency window the door refuses the campaign as existing without naming it.
    throw new LegacyImportError('LEGACY_CAMPAIGN_ID_UNKNOWN', `the campaign "${name}" exists but its id was not answered; pass it with --campaign-id`);
  return { name, campaignId, outcome: outcome.kind };
};

/** Runs `work` over `items`, at most `limit` at once, keeping the results in the items' order. */
const inPool = async <T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

const tally = (
  rows: number,
  sent: boolean,
  campaign: ImportReport['campaign'],
  outcomes: readonly (DoorOutcome | null)[],
  rejections: Rejection[],
): ImportReport => {
  const rejectedByCode: Record<string, number> = {};
  for (const { code } of rejections) rejectedByCode[code] = (rejectedByCode[code] ?? 0) + 1;
  return {
    rows,
    sent,
    campaign,
    imported: outcomes.filter((o) => o?.kind === 'created').length,
    alreadyThere: outcomes.filter((o) => o?.kind === 'already').length,
    rejected: rejections.length,
    rejectedByCode,
    rejections: [...rejections].sort((a, b) => a.row - b.row),
  };
};

/**
 * seed 000 "Migration Considerations", through commands: ensures the legacy campaign, then one
 * CreateContent per post. Rows are all checked before anything is sent. A row rejected here or
 * by the command side changes nothing; run twice, the second run finds every post already there.
 */
export const importBlogPosts = async (rows: readonly SourceRow[], door: CommandDoor, options: ImportOptions = {}): Promise<ImportReport> => {
  const read = duplicatesRejected(rows.map((source) => ({ source, read: readBlogPost(source) })));
  const rejections: Rejection[] = read.filter(isRowError);
  const posts = read.filter((post): post is BlogPost => !isRowError(post));
  if (options.allOrNothing && rejections.length > 0) return tally(rows.length, false, null, [], rejections);
  const campaign = await legacyCampaign(door, options);
  const rowOf = new Map(rows.map((source, index) => [read[index], source.row]));
  const outcomes = await inPool(posts, options.concurrency ?? 4, async (post) => {
    const outcome = await door.send(contentRequest(post, campaign.campaignId));
    if (outcome.kind === 'rejected') rejections.push({ row: rowOf.get(post) ?? 0, postId: post.id, code: outcome.code, message: outcome.message });
    return outcome;
  });
  return tally(rows.length, true, campaign, outcomes, rejections);
};
