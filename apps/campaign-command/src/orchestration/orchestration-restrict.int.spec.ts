import { type CommandApp, startCommandApp } from '../testing';
import { idOf, newOrg, orchestrationClient, streams } from './testing';

const ROUNDS = 30;

/**
 * seed 000 RESTRICT: "CampaignOrchestrator cannot be deleted if it has active workflows". Both
 * StartWorkflow and DeleteOrchestrator append to the orchestrator's stream with an expected
 * version, so of the two sent at once exactly one wins and the loser re-decides against it.
 */
describe('orchestration RESTRICT race: StartWorkflow against DeleteOrchestrator', () => {
  let app: CommandApp;

  beforeAll(async () => {
    app = await startCommandApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it(`RESTRICT: in ${ROUNDS} rounds of a start and a delete sent at once, never both are accepted and the state agrees`, async () => {
    const client = orchestrationClient(app);
    const org = newOrg();
    const rounds = await Promise.all(
      Array.from({ length: ROUNDS }, async () => ({
        orchestratorId: idOf(await client.createOrchestrator(org.admin), 'orchestratorId'),
        campaignId: idOf(await client.createCampaign(org.editor), 'campaignId'),
      })),
    );
    // Every pair at once, all rounds together: the orchestrator streams race under load.
    const answers = await Promise.all(
      rounds.map(({ orchestratorId, campaignId }) =>
        Promise.all([client.startWorkflow(org.editor, orchestratorId, campaignId), client.deleteOrchestrator(org.admin, orchestratorId)]),
      ),
    );
    for (const [i, [start, remove]] of answers.entries()) {
      const started = start.status === 201;
      const deleted = remove.status === 200;
      expect({ round: i, outcomes: [started, deleted].filter(Boolean).length }).toEqual({ round: i, outcomes: 1 });
      // The loser says why: the winner's fact, seen on re-deciding.
      if (started) expect(remove.body).toMatchObject({ code: 'ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS', details: { workflows: 1 } });
      else expect(start.body).toMatchObject({ code: 'ORCHESTRATOR_NOT_FOUND' });
      const { orchestratorId } = rounds[i];
      // The recorded facts, read without the decider: deleted ⇒ no workflow bound; started ⇒ the accepted one bound, its stream opened.
      const { events } = await app.store.readStream(streams.orchestrator(org.orgId, orchestratorId));
      const workflowsOf = (type: string) => events.filter((e) => e.type === type).map((e) => (e.data as { workflowId: string }).workflowId);
      const released = new Set(workflowsOf('WorkflowReleased'));
      expect(events.some((e) => e.type === 'OrchestratorDeleted')).toBe(deleted);
      expect(workflowsOf('WorkflowBound').filter((id) => !released.has(id))).toEqual(started ? [start.body.workflowId] : []);
      if (started) {
        const workflow = await app.store.readStream(streams.workflow(org.orgId, start.body.workflowId as string));
        expect(workflow.events[0]).toMatchObject({ type: 'WorkflowStarted', data: { orchestratorId } });
      }
    }
  }, 120_000);
});
