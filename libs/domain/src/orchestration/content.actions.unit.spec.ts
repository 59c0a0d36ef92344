import { accepted, given, history } from '../testing';
import type { CampaignEvent } from './campaign';
import { campaignDecider } from './campaign.decide';
import type { ContentEvent } from './content';
import { contentDecider } from './content.decide';
import { after, AS_SERVICE, at, CAMPAIGN_ID, command, contentId, NOW, ORG_ID } from './testing';

type Seen = ContentEvent | CampaignEvent;

const campaign = history(campaignDecider, [command.createCampaign()]) as Seen[];
const create = (n: number) => command.createContent({ contentId: contentId(n), title: `Piece ${n}` });
/** The campaign, then `commands` decided in turn on the content stream. */
const contentAfter = (...commands: Parameters<typeof contentDecider.decide>[0][]): Seen[] =>
  commands.reduce<Seen[]>((events, next) => [...events, ...accepted(given(contentDecider, events).when(next))], [...campaign]);

describe('when content is related', () => {
  const two = contentAfter(create(1), create(2));

  it('RelateContent records ContentRelated once; relating twice changes nothing', () => {
    const related = [...two, ...accepted(given(contentDecider, two).when(command.relate()))];
    expect(related[related.length - 1]).toEqual({
      type: 'ContentRelated',
      data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, sourceContentId: contentId(1), targetContentId: contentId(2), relationshipType: 'references', at: NOW },
    });
    given(contentDecider, related).when(command.relate()).thenNothing();
    expect(accepted(given(contentDecider, related).when(command.unrelate()))[0].type).toBe('ContentUnrelated');
  });

  it('no self relation, both ends exist, a known type', () => {
    given(contentDecider, two)
      .when(command.relate({ targetContentId: contentId(1) }))
      .thenRejects('CONTENT_RELATION_INVALID');
    given(contentDecider, two)
      .when(command.relate({ targetContentId: contentId(9) }))
      .thenRejects('CONTENT_NOT_FOUND', { details: { field: 'targetContentId' } });
    given(contentDecider, two)
      .when(command.relate({ relationshipType: 'likes' as 'references' }))
      .thenRejects('CONTENT_RELATION_INVALID');
  });
});

describe('when content is scheduled and published', () => {
  const one = contentAfter(create(1));

  it('ScheduleContentPublish in the future records ContentPublishScheduled; now or earlier is refused', () => {
    // seed 000: chk_content_schedule_timing — "Ensure scheduled publishing is in future"
    given(contentDecider, one)
      .when(command.schedule({ scheduledPublishAt: NOW }))
      .thenRejects('CONTENT_SCHEDULE_TIMING_INVALID');
    given(contentDecider, one)
      .when(command.schedule())
      .then([
        { type: 'ContentPublishScheduled', data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, contentId: contentId(1), scheduledPublishAt: at(3_600), at: NOW } },
      ]);
  });

  it('chk_content_publish_timing: published_at >= created_at', () => {
    // seed 000: chk_content_publish_timing
    given(contentDecider, one)
      .when(command.publish({}, after(-1)))
      .thenRejects('CONTENT_PUBLISH_TIMING_INVALID', { details: { rule: 'chk_content_publish_timing' } });
    given(contentDecider, one)
      .when(command.publish({}, after(0)))
      .then([{ type: 'ContentPublished', data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, contentId: contentId(1), publishedAt: NOW } }]);
  });

  it("published once: a person is told CONTENT_ALREADY_PUBLISHED, the timer's repeat is a no-op", () => {
    const published = [...one, ...accepted(given(contentDecider, one).when(command.publish({}, after(10))))];
    given(contentDecider, published)
      .when(command.publish({}, after(20)))
      .thenRejects('CONTENT_ALREADY_PUBLISHED');
    given(contentDecider, published)
      .when(command.publish({}, after(20, AS_SERVICE)))
      .thenNothing();
    given(contentDecider, published)
      .when(command.schedule({}, after(20)))
      .thenRejects('CONTENT_ALREADY_PUBLISHED');
  });

  it('a scheduled content is "scheduled" until it is published, then "published"', () => {
    const scheduled = [...one, ...accepted(given(contentDecider, one).when(command.schedule()))];
    expect(given(contentDecider, scheduled).state().contents.get(contentId(1))?.status).toBe('scheduled');
    const published = [...scheduled, ...accepted(given(contentDecider, scheduled).when(command.publish({}, after(10))))];
    expect(given(contentDecider, published).state().contents.get(contentId(1))).toMatchObject({ status: 'published', publishedAt: at(10) });
  });

  it('SetContentActive records a change only', () => {
    expect(accepted(given(contentDecider, one).when(command.setActive()))[0]).toMatchObject({ type: 'ContentActivationChanged', data: { isActive: false } });
    given(contentDecider, one)
      .when(command.setActive({ isActive: true }))
      .thenNothing();
  });
});

describe('when analytics arrive', () => {
  const one = contentAfter(create(1));

  it('RecordContentAnalytics records the measurement with revenue as DECIMAL(12,2)', () => {
    const [recorded] = accepted(given(contentDecider, one).when(command.recordAnalytics({ revenue: '5' }, AS_SERVICE)));
    expect(recorded.data).toMatchObject({
      contentId: contentId(1),
      measurementDate: '2026-04-01',
      platform: null,
      views: 100,
      revenue: '5.00',
      recordedAt: NOW,
    });
  });

  it('counts are non-negative integers, the date a calendar date, the content one of the campaign', () => {
    given(contentDecider, one)
      .when(command.recordAnalytics({ views: -1 }))
      .thenRejects('CONTENT_ANALYTICS_INVALID', { details: { field: 'views' } });
    given(contentDecider, one)
      .when(command.recordAnalytics({ measurementDate: '2026-02-30' }))
      .thenRejects('CONTENT_ANALYTICS_INVALID', { details: { field: 'measurementDate' } });
    given(contentDecider, one)
      .when(command.recordAnalytics({ revenue: '10000000000.00' }))
      .thenRejects('CONTENT_ANALYTICS_INVALID', { details: { field: 'revenue' } });
    given(contentDecider, one)
      .when(command.recordAnalytics({ contentId: contentId(7) }))
      .thenRejects('CONTENT_NOT_FOUND');
  });
});
