import { randomUUID } from 'node:crypto';
import { orchestration as orchestrationWire } from '@campaign/contracts';
import { serviceToken, waitFor } from '@campaign/testing';
import { envelopeOf, useSchedulerOnKafka } from '../testing';
import { contentGraphOf, type Recorded, workflowOf } from './testing';

/** docs/orchestration.md "Timers": the whole scheduler, the orchestration events and commands on Kafka, a stand-in campaign-command. */
describe('timer-scheduler: orchestration timers over Kafka', () => {
  const bed = useSchedulerOnKafka('orchestration');

  /** Publishes events as campaign-command's relay would: keyed by stream, the org as tenant. */
  const publish = (...recorded: Recorded[]) =>
    bed.publish(
      recorded.map(({ streamId, streamVersion, event }) =>
        envelopeOf({ context: 'orchestration', streamId, streamVersion, tenant: (event.data as { orgId: string }).orgId, actor: 'service:test' }, event),
      ),
    );
  /** The first command of `type` whose data matches, and the key it came under. */
  const sentOf = (type: string, match: (data: Record<string, unknown>) => boolean) =>
    waitFor(`a ${type}`, async () => {
      const command = bed.commandSide.received.find((c) => c.type === type && match(c.data as Record<string, unknown>));
      return command && { command, key: bed.commandSide.keys.get(command.commandId) };
    });
  const soon = () => Date.now() + 300;
  const activeOf = async (campaignId: string) => {
    const listing = await fetch(`${bed.scheduler.url}/v1/timers?campaignId=${campaignId}&context=orchestration`, {
      headers: { authorization: `Bearer ${serviceToken(['timers:read'])}` },
    });
    return ((await listing.json()) as { orchestration: { active: { timer_type: string; payload: { command: { data: { stepKey?: string } } } }[] } })
      .orchestration.active;
  };

  it('STEP_TIMEOUT and STEP_RETRY: an attempt not answered in time is timed out, a failed one retried when due — each in its org', async () => {
    const w = workflowOf();
    await publish(w.dispatched('research', 1, soon()), w.dispatched('draft', 1, Date.now() + 1_500), w.failed('draft', 1, soon()));
    const timeout = await sentOf('TimeOutStep', (data) => data.workflowId === w.workflowId);
    expect(timeout).toMatchObject({
      key: w.streamId,
      command: { context: 'orchestration', tenant: w.orgId, commandId: expect.stringMatching(/^timer-/), data: { stepKey: 'research', attempt: 1 } },
    });
    const retry = await sentOf('RetryStep', (data) => data.workflowId === w.workflowId);
    expect(retry).toMatchObject({ key: w.streamId, command: { tenant: w.orgId, data: { stepKey: 'draft', attempt: 1 } } });
    // The failed attempt's own timeout (due 1.5 s after its dispatch) was cancelled by its failure: past it, it has not fired.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(bed.commandSide.commandsWith('workflowId', w.workflowId).filter((c) => c.type === 'TimeOutStep')).toHaveLength(1);
  });

  it('STEP_CONTENT and WORKFLOW_RELEASE: a step’s content is created after the step, derived from its step; the finished workflow is released', async () => {
    const w = workflowOf();
    const content = { title: 'Launch post', contentType: 'blog_post', platform: 'website', contentMarkdown: '# Launch', derivedFromStep: 'research' };
    await publish(w.dispatched('draft', 1, Date.now() + 600_000), w.completed('draft', 1, { content }), w.workflowCompleted());
    const created = await sentOf('CreateContent', (data) => data.workflowId === w.workflowId);
    // A campaign's listing shows its steps' timers (their subjects are the steps' attempts).
    await publish(w.dispatched('review', 1, Date.now() + 600_000));
    const review = await waitFor('the review step’s timeout listed under its campaign', async () =>
      (await activeOf(w.campaignId)).find((t) => t.payload.command.data.stepKey === 'review'),
    );
    expect(review).toMatchObject({ timer_type: 'STEP_TIMEOUT' });
    expect(created).toMatchObject({
      key: `orchestration-content-${w.orgId}-${w.campaignId}`,
      command: {
        tenant: w.orgId,
        data: {
          campaignId: w.campaignId,
          contentId: orchestrationWire.stepContentId(w.workflowId, 'draft'),
          parentContentId: orchestrationWire.stepContentId(w.workflowId, 'research'),
          stepKey: 'draft',
          title: 'Launch post',
        },
      },
    });
    const released = await sentOf('ReleaseWorkflow', (data) => data.workflowId === w.workflowId);
    expect(released).toMatchObject({
      key: `orchestration-orchestrator-${w.orgId}-${w.orchestratorId}`,
      command: { data: { orchestratorId: w.orchestratorId } },
    });
  });

  it('CONTENT_PUBLISH: scheduled content is published when due; deleted content never is', async () => {
    const c = contentGraphOf();
    const [kept, dropped] = [randomUUID(), randomUUID()];
    await publish(c.created(kept, null), c.scheduled(kept, soon()), c.created(dropped, Date.now() + 1_500), c.deleted(dropped));
    const published = await sentOf('PublishContent', (data) => data.contentId === kept);
    expect(published).toMatchObject({ key: c.streamId, command: { tenant: c.orgId, data: { campaignId: c.campaignId, contentId: kept } } });
    // The deleted content's timer was due 1.5 s after its creation: wait past it, then no publish of it was sent.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(bed.commandSide.commandsWith('contentId', dropped)).toEqual([]);
  });
});
