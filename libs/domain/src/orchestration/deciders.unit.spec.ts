import { ORCHESTRATION_DECIDERS } from './deciders';
import { ORCHESTRATION_EVENT_TYPES } from './types';

describe('the orchestration deciders', () => {
  it('take each command type of docs/orchestration.md in exactly one decider', () => {
    const types = ORCHESTRATION_DECIDERS.flatMap((entry) => entry.commandTypes);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual(
      [
        'CreateStrategy',
        'UpdateStrategy',
        'DeleteStrategy',
        'CreateOrchestrator',
        'ReviseOrchestratorTemplate',
        'DeleteOrchestrator',
        'StartWorkflow',
        'ReleaseWorkflow',
        'CreateCampaign',
        'UpdateCampaign',
        'ChangeCampaignStatus',
        'DeleteCampaign',
        'CreateContent',
        'UpdateContent',
        'RelateContent',
        'UnrelateContent',
        'ScheduleContentPublish',
        'PublishContent',
        'SetContentActive',
        'DeleteContent',
        'RecordContentAnalytics',
        'ReportStepStarted',
        'CompleteStep',
        'FailStep',
        'TimeOutStep',
        'RetryStep',
      ].sort(),
    );
  });

  it('record the event types of docs/orchestration.md, each once', () => {
    expect(new Set(ORCHESTRATION_EVENT_TYPES).size).toBe(ORCHESTRATION_EVENT_TYPES.length);
    expect(ORCHESTRATION_EVENT_TYPES).toHaveLength(3 + 5 + 4 + 9 + 7);
  });
});
