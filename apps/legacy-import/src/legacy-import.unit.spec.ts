import type { SourceRow } from './blog-post';
import { type DoorOutcome, LegacyImportError } from './command-door.client';
import type { DoorRequest } from './content-commands';
import { type CommandDoor, importBlogPosts } from './legacy-import';

const LEGACY = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';
const OWN = '11111111-2222-4333-8444-555555555555';

/** The command side as the import relies on it: a key answered once, then repeated; content only in a known campaign. */
class RememberingDoor implements CommandDoor {
  readonly sent: DoorRequest[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly campaigns = new Set([LEGACY])) {}

  async send(request: DoorRequest): Promise<DoorOutcome> {
    this.sent.push(request);
    const campaign = /campaigns\/([^/]+)\/content/.exec(request.path)?.[1];
    if (campaign && !this.campaigns.has(campaign)) return { kind: 'rejected', code: 'CAMPAIGN_NOT_FOUND', message: 'no such campaign' };
    const duplicate = this.seen.has(request.idempotencyKey);
    this.seen.add(request.idempotencyKey);
    return { kind: duplicate ? 'already' : 'created', body: campaign ? {} : { campaignId: LEGACY } };
  }
}

const post = (row: number, id: string, campaignId: string | null = null, title = `Post ${id}`): SourceRow => ({
  row,
  values: { id, campaign_id: campaignId, title, content_markdown: 'text', status: 'published', created_at: '2024-01-01T00:00:00Z', updated_at: null },
});

describe('importing legacy blog posts through commands (seed 000 Migration Considerations)', () => {
  // seed 000 Migration Considerations: the legacy campaign first (UPDATE … WHERE campaign_id IS NULL), then the INSERT per post
  it('ensures the legacy campaign first, then creates each post; posts without a campaign go to it', async () => {
    const door = new RememberingDoor(new Set([LEGACY, OWN]));
    const report = await importBlogPosts([post(1, 'p1'), post(2, 'p2', OWN)], door);
    expect(door.sent.map((r) => r.path)).toEqual([
      '/v1/orchestration/campaigns',
      `/v1/orchestration/campaigns/${LEGACY}/content`,
      `/v1/orchestration/campaigns/${OWN}/content`,
    ]);
    expect(report).toMatchObject({ rows: 2, sent: true, campaign: { campaignId: LEGACY, outcome: 'created' }, imported: 2, alreadyThere: 0, rejected: 0 });
  });

  it('is idempotent: run twice, the second run creates nothing new and finds every post already there', async () => {
    const door = new RememberingDoor();
    const rows = [post(1, 'p1'), post(2, 'p2')];
    await importBlogPosts(rows, door);
    expect(await importBlogPosts(rows, door)).toMatchObject({ campaign: { outcome: 'already' }, imported: 0, alreadyThere: 2, rejected: 0 });
  });

  it('reports rows the command side refuses, counted by code, and imports the rest', async () => {
    const report = await importBlogPosts([post(1, 'p1'), post(2, 'p2', OWN), post(3, 'p3', OWN)], new RememberingDoor());
    expect(report).toMatchObject({ imported: 1, rejected: 2, rejectedByCode: { CAMPAIGN_NOT_FOUND: 2 } });
    expect(report.rejections.map((r) => [r.row, r.postId])).toEqual([
      [2, 'p2'],
      [3, 'p3'],
    ]);
  });

  it('rejects every row of a post id given twice, and sends neither: which one is the post cannot be told', async () => {
    const door = new RememberingDoor();
    const report = await importBlogPosts([post(1, 'p1'), post(2, 'p1', null, 'other'), post(3, 'p3')], door);
    expect(report).toMatchObject({ imported: 1, rejected: 2, rejectedByCode: { LEGACY_POST_ID_DUPLICATE: 2 } });
    expect(door.sent.filter((r) => r.idempotencyKey.endsWith('-p1'))).toEqual([]);
  });

  it('with all-or-nothing, sends nothing at all while any row is unfit', async () => {
    const door = new RememberingDoor();
    const report = await importBlogPosts([post(1, 'p1'), { row: 2, values: { id: 'p2' } }], door, { allOrNothing: true });
    expect(report).toMatchObject({ sent: false, campaign: null, imported: 0, rejected: 1, rejectedByCode: { LEGACY_POST_TITLE_MISSING: 1 } });
    expect(door.sent).toEqual([]);
  });

  it('uses a campaign id given by the operator without creating a campaign', async () => {
    const door = new RememberingDoor();
    const report = await importBlogPosts([post(1, 'p1')], door, { campaignId: LEGACY });
    expect(door.sent.map((r) => r.path)).toEqual([`/v1/orchestration/campaigns/${LEGACY}/content`]);
    expect(report.campaign).toMatchObject({ outcome: 'given' });
  });

  it('stops, naming the way on, when the campaign exists but its id is not answered', async () => {
    const door: CommandDoor = { send: async () => ({ kind: 'already', body: { code: 'CAMPAIGN_ALREADY_EXISTS' } }) };
    const stopped = importBlogPosts([post(1, 'p1')], door);
    await expect(stopped).rejects.toBeInstanceOf(LegacyImportError);
    await expect(stopped).rejects.toMatchObject({ code: 'LEGACY_CAMPAIGN_ID_UNKNOWN', message: expect.stringContaining('--campaign-id') });
  });
});
