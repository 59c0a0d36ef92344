import { accepted, given, history } from '../testing';
import { campaignDecider } from './campaign.decide';
import type { ContentEvent } from './content';
import { contentDecider } from './content.decide';
import { after, AS_SERVICE, at, CAMPAIGN_ID, command, contentId, NOW, ORG_ID, WORKFLOW_ID } from './testing';
import type { CampaignEvent } from './campaign';

type Seen = ContentEvent | CampaignEvent;

const campaign = history(campaignDecider, [command.createCampaign()]) as Seen[];
const create = (n: number, parent: number | null = null, seconds = 0) =>
  command.createContent({ contentId: contentId(n), title: `Piece ${n}`, parentContentId: parent === null ? null : contentId(parent) }, after(seconds));
/** The campaign, then `commands` decided in turn on the content stream. */
const contentAfter = (...commands: Parameters<typeof contentDecider.decide>[0][]): Seen[] =>
  commands.reduce<Seen[]>((events, next) => [...events, ...accepted(given(contentDecider, events).when(next))], [...campaign]);
/** 1 ← 2 ← 3 ← 4: each derived from the one before. */
const chain = contentAfter(create(1), create(2, 1), create(3, 2), create(4, 3));
const reparent = (n: number, parent: number | null) =>
  command.updateContent({ contentId: contentId(n), parentContentId: parent === null ? null : contentId(parent) });

describe('when the campaign has no content', () => {
  it('CreateContent records ContentCreated as a draft in the campaign', () => {
    given(contentDecider, campaign)
      .when(command.createContent({ workflowId: WORKFLOW_ID, stepKey: 'draft' }))
      .then([
        {
          type: 'ContentCreated',
          data: {
            orgId: ORG_ID,
            campaignId: CAMPAIGN_ID,
            contentId: contentId(1),
            title: 'Launch post',
            contentMarkdown: null,
            status: 'draft',
            parentContentId: null,
            reviewDeadline: null,
            contentType: 'blog_post',
            platform: 'website',
            workflowId: WORKFLOW_ID,
            stepKey: 'draft',
            scheduledPublishAt: null,
            createdAt: NOW,
          },
        },
      ]);
  });

  it('chk_content_no_self_parent: a content cannot be its own parent', () => {
    // seed 000: chk_content_no_self_parent CHECK (id != parent_content_id)
    given(contentDecider, campaign)
      .when(create(1, 1))
      .thenRejects('CONTENT_SELF_PARENT', { details: { rule: 'chk_content_no_self_parent' } });
  });

  it('a parent must be a content of the campaign: CONTENT_PARENT_NOT_FOUND', () => {
    given(contentDecider, campaign).when(create(2, 1)).thenRejects('CONTENT_PARENT_NOT_FOUND');
  });

  it('chk_content_schedule_timing: a schedule in the future when created', () => {
    // seed 000: chk_content_schedule_timing — scheduled_publish_at > created_at ("in future when created")
    given(contentDecider, campaign)
      .when(command.createContent({ scheduledPublishAt: NOW }))
      .thenRejects('CONTENT_SCHEDULE_TIMING_INVALID', { details: { rule: 'chk_content_schedule_timing' } });
    given(contentDecider, campaign)
      .when(command.createContent({ scheduledPublishAt: at(-60) }))
      .thenRejects('CONTENT_SCHEDULE_TIMING_INVALID');
    expect(accepted(given(contentDecider, campaign).when(command.createContent({ scheduledPublishAt: at(1) })))[0].data).toMatchObject({
      scheduledPublishAt: at(1),
    });
  });

  it('title, type and platform are required: CONTENT_INVALID with the field', () => {
    given(contentDecider, campaign)
      .when(command.createContent({ title: '' }))
      .thenRejects('CONTENT_INVALID', { details: { field: 'title' } });
    given(contentDecider, campaign)
      .when(command.createContent({ platform: 'x'.repeat(51) }))
      .thenRejects('CONTENT_INVALID', { details: { field: 'platform' } });
    given(contentDecider, campaign)
      .when(command.createContent({ status: 'lost' as 'draft' }))
      .thenRejects('CONTENT_INVALID', { details: { field: 'status' } });
  });

  it("reads the campaign's stream", () => {
    expect(contentDecider.alsoReads?.(command.createContent())).toEqual([`orchestration-campaign-${ORG_ID}-${CAMPAIGN_ID}`]);
    expect(contentDecider.streamIdOf(command.createContent())).toBe(`orchestration-content-${ORG_ID}-${CAMPAIGN_ID}`);
  });
});

describe('when content is derived from content', () => {
  it('CONTENT_ALREADY_EXISTS for a second create of the id; the step reactor firing again writes nothing', () => {
    given(contentDecider, chain).when(create(1)).thenRejects('CONTENT_ALREADY_EXISTS');
    const fromStep = contentAfter(command.createContent({ workflowId: WORKFLOW_ID, stepKey: 'draft' }, AS_SERVICE));
    given(contentDecider, fromStep)
      .when(command.createContent({ workflowId: WORKFLOW_ID, stepKey: 'draft' }, AS_SERVICE))
      .thenNothing();
  });

  it('a derivation cycle of length 2 is CONTENT_DERIVATION_CYCLE', () => {
    // seed 000: "Tracks repurposing and adaptation chains" — a chain never loops back.
    given(contentDecider, chain).when(reparent(1, 2)).thenRejects('CONTENT_DERIVATION_CYCLE');
  });

  it('a derivation cycle of any length (here 4) is CONTENT_DERIVATION_CYCLE, with its path', () => {
    given(contentDecider, chain)
      .when(reparent(1, 4))
      .thenRejects('CONTENT_DERIVATION_CYCLE', { details: { cycle: [1, 4, 3, 2, 1].map(contentId).join(' → ') } });
  });

  it('chk_content_no_self_parent holds on update too', () => {
    // seed 000: chk_content_no_self_parent
    given(contentDecider, chain).when(reparent(3, 3)).thenRejects('CONTENT_SELF_PARENT');
  });

  it('moving a content under a sibling branch that does not loop is accepted', () => {
    given(contentDecider, chain)
      .when(reparent(4, 1))
      .then([
        {
          type: 'ContentUpdated',
          data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, contentId: contentId(4), changes: { parentContentId: contentId(1) }, updatedAt: NOW },
        },
      ]);
  });

  it('SET NULL: deleting a parent leaves its children without parent, and they live on', () => {
    // seed 000: fk_content_parent ON DELETE SET NULL — "When a CampaignContent parent is deleted, child parent_content_id is set to NULL"
    const deleted = [...chain, ...accepted(given(contentDecider, chain).when(command.deleteContent({ contentId: contentId(2) })))];
    const state = given(contentDecider, deleted).state();
    expect(state.contents.has(contentId(2))).toBe(false);
    expect(state.contents.get(contentId(3))?.parentContentId).toBeNull();
    expect(accepted(given(contentDecider, deleted).when(command.updateContent({ contentId: contentId(3), title: 'Orphan' })))).toHaveLength(1);
    // and the chain that went through it no longer loops: 1 may now derive from 3.
    expect(accepted(given(contentDecider, deleted).when(reparent(1, 3)))).toHaveLength(1);
  });

  it('a deleted content is not found, and cannot be a parent', () => {
    const deleted = [...chain, ...accepted(given(contentDecider, chain).when(command.deleteContent({ contentId: contentId(4) })))];
    given(contentDecider, deleted)
      .when(command.updateContent({ contentId: contentId(4), title: 'x' }))
      .thenRejects('CONTENT_NOT_FOUND');
    given(contentDecider, deleted).when(reparent(3, 4)).thenRejects('CONTENT_PARENT_NOT_FOUND');
  });
});

describe('when the campaign was deleted', () => {
  it('content commands of the campaign answer CAMPAIGN_NOT_FOUND', () => {
    const gone = [...contentAfter(create(1)), ...(accepted(given(campaignDecider, campaign as CampaignEvent[]).when(command.deleteCampaign())) as Seen[])];
    given(contentDecider, gone)
      .when(command.updateContent({ title: 'x' }))
      .thenRejects('CAMPAIGN_NOT_FOUND');
    given(contentDecider, gone).when(create(2)).thenRejects('CAMPAIGN_NOT_FOUND');
    given(contentDecider, []).when(create(2)).thenRejects('CAMPAIGN_NOT_FOUND');
  });
});
