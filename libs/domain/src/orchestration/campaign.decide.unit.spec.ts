import { accepted, given, history } from '../testing';
import type { CampaignFlowEvent } from './campaign.flow';
import { campaignDecider } from './campaign.decide';
import { orchestratorDecider } from './orchestrator.decide';
import { strategyDecider } from './strategy.decide';
import { after, at, CAMPAIGN_ID, command, NOW, ORCHESTRATOR_ID, ORG_ID, STRATEGY_ID } from './testing';

const strategy = history(strategyDecider, [command.createStrategy()]);
const orchestrator = history(orchestratorDecider, [command.createOrchestrator()]).filter((e) => e.type === 'OrchestratorCreated') as CampaignFlowEvent[];
const draft = history(campaignDecider, [command.createCampaign({ deadline: at(86_400) })]);

describe('when no campaign exists', () => {
  it('CreateCampaign records CampaignCreated as a draft of medium priority by default', () => {
    given(campaignDecider)
      .when(command.createCampaign({ budget: '1500' }))
      .then([
        {
          type: 'CampaignCreated',
          data: {
            orgId: ORG_ID,
            campaignId: CAMPAIGN_ID,
            name: 'Spring launch',
            description: null,
            strategyId: null,
            orchestratorId: null,
            priority: 'medium',
            scheduledStart: null,
            deadline: null,
            budget: '1500.00',
            targetAudience: null,
            status: 'draft',
            createdAt: NOW,
          },
        },
      ]);
  });

  it('chk_campaign_timeline: the deadline comes strictly after scheduled_start', () => {
    // seed 000: chk_campaign_timeline — deadline > scheduled_start
    given(campaignDecider)
      .when(command.createCampaign({ scheduledStart: at(3_600), deadline: at(3_600) }))
      .thenRejects('CAMPAIGN_TIMELINE_INVALID', { details: { rule: 'chk_campaign_timeline', field: 'scheduledStart' } });
    expect(accepted(given(campaignDecider).when(command.createCampaign({ scheduledStart: at(3_600), deadline: at(3_601) })))).toHaveLength(1);
  });

  it('chk_campaign_priority: one of low, medium, high, critical, urgent', () => {
    // seed 000: chk_campaign_priority
    given(campaignDecider)
      .when(command.createCampaign({ priority: 'asap' as 'low' }))
      .thenRejects('CAMPAIGN_PRIORITY_INVALID', { details: { rule: 'chk_campaign_priority' } });
    for (const priority of ['low', 'medium', 'high', 'critical', 'urgent'] as const)
      expect(accepted(given(campaignDecider).when(command.createCampaign({ priority })))).toHaveLength(1);
  });

  it('a strategy or orchestrator named must exist: STRATEGY_NOT_FOUND, ORCHESTRATOR_NOT_FOUND', () => {
    given(campaignDecider)
      .when(command.createCampaign({ strategyId: STRATEGY_ID }))
      .thenRejects('STRATEGY_NOT_FOUND');
    given(campaignDecider)
      .when(command.createCampaign({ orchestratorId: ORCHESTRATOR_ID }))
      .thenRejects('ORCHESTRATOR_NOT_FOUND');
    const both = given(campaignDecider, [...strategy, ...orchestrator]).when(
      command.createCampaign({ strategyId: STRATEGY_ID, orchestratorId: ORCHESTRATOR_ID }),
    );
    expect(accepted(both)[0].data).toMatchObject({ strategyId: STRATEGY_ID, orchestratorId: ORCHESTRATOR_ID });
  });

  it('reads the strategy and orchestrator streams it names, in the tenant', () => {
    expect(campaignDecider.alsoReads?.(command.createCampaign({ strategyId: STRATEGY_ID, orchestratorId: ORCHESTRATOR_ID }))).toEqual([
      `orchestration-strategy-${ORG_ID}-${STRATEGY_ID}`,
      `orchestration-orchestrator-${ORG_ID}-${ORCHESTRATOR_ID}`,
    ]);
    expect(campaignDecider.alsoReads?.(command.createCampaign())).toEqual([]);
  });

  it('a budget is a DECIMAL(12,2): CAMPAIGN_INVALID otherwise', () => {
    given(campaignDecider)
      .when(command.createCampaign({ budget: '12.345' }))
      .thenRejects('CAMPAIGN_INVALID', { details: { field: 'budget' } });
    given(campaignDecider)
      .when(command.createCampaign({ budget: '-1' }))
      .thenRejects('CAMPAIGN_INVALID', { details: { field: 'budget' } });
  });
});

describe('when the campaign is a draft', () => {
  it('CreateCampaign again is CAMPAIGN_ALREADY_EXISTS', () => {
    given(campaignDecider, draft).when(command.createCampaign()).thenRejects('CAMPAIGN_ALREADY_EXISTS');
  });

  it('chk_campaign_progress: progress_percentage BETWEEN 0 AND 100', () => {
    // seed 000: chk_campaign_progress
    given(campaignDecider, draft)
      .when(command.updateCampaign({ progressPercentage: 101 }))
      .thenRejects('CAMPAIGN_PROGRESS_OUT_OF_RANGE', { details: { rule: 'chk_campaign_progress' } });
    given(campaignDecider, draft)
      .when(command.updateCampaign({ progressPercentage: -1 }))
      .thenRejects('CAMPAIGN_PROGRESS_OUT_OF_RANGE');
    given(campaignDecider, draft)
      .when(command.updateCampaign({ progressPercentage: 100 }))
      .then([{ type: 'CampaignUpdated', data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, changes: { progressPercentage: 100 }, updatedAt: NOW } }]);
  });

  it('chk_campaign_timeline holds on the merged values of an update', () => {
    // seed 000: chk_campaign_timeline — the stored deadline against a new scheduled start.
    given(campaignDecider, draft)
      .when(command.updateCampaign({ scheduledStart: at(90_000) }))
      .thenRejects('CAMPAIGN_TIMELINE_INVALID');
  });

  it('draft → active: the first activation sets actual_start = now', () => {
    given(campaignDecider, draft)
      .when(command.changeStatus({ status: 'active' }, after(60)))
      .then([
        {
          type: 'CampaignStatusChanged',
          data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, from: 'draft', to: 'active', actualStart: at(60), changedAt: at(60) },
        },
      ]);
  });

  it('chk_campaign_timeline: an activation at or after the deadline is refused (deadline > actual_start)', () => {
    // seed 000: chk_campaign_timeline — (actual_start IS NULL OR deadline > actual_start)
    given(campaignDecider, draft)
      .when(command.changeStatus({ status: 'active' }, after(86_400)))
      .thenRejects('CAMPAIGN_TIMELINE_INVALID', { details: { field: 'actualStart' } });
  });

  it('draft → paused or completed is CAMPAIGN_STATUS_TRANSITION_INVALID', () => {
    given(campaignDecider, draft)
      .when(command.changeStatus({ status: 'paused' }))
      .thenRejects('CAMPAIGN_STATUS_TRANSITION_INVALID', { details: { from: 'draft', to: 'paused' } });
    given(campaignDecider, draft)
      .when(command.changeStatus({ status: 'completed' }))
      .thenRejects('CAMPAIGN_STATUS_TRANSITION_INVALID');
  });
});

describe('when the campaign is active', () => {
  const active = [...draft, ...accepted(given(campaignDecider, draft).when(command.changeStatus({ status: 'active' }, after(60))))];

  it('active ⇄ paused keeps the first actual_start', () => {
    const paused = [...active, ...accepted(given(campaignDecider, active).when(command.changeStatus({ status: 'paused' }, after(120))))];
    const resumed = accepted(given(campaignDecider, paused).when(command.changeStatus({ status: 'active' }, after(180))));
    expect(resumed[0].data).toMatchObject({ from: 'paused', to: 'active', actualStart: at(60) });
  });

  it('chk_campaign_timeline: the deadline cannot move to before actual_start', () => {
    given(campaignDecider, active)
      .when(command.updateCampaign({ deadline: at(30) }))
      .thenRejects('CAMPAIGN_TIMELINE_INVALID', { details: { field: 'actualStart' } });
  });

  it('completed is final', () => {
    const done = [...active, ...accepted(given(campaignDecider, active).when(command.changeStatus({ status: 'completed' })))];
    given(campaignDecider, done)
      .when(command.changeStatus({ status: 'active' }))
      .thenRejects('CAMPAIGN_STATUS_TRANSITION_INVALID');
  });
});

describe('when its strategy was deleted', () => {
  const withStrategy = [...strategy, ...accepted(given(campaignDecider, strategy).when(command.createCampaign({ strategyId: STRATEGY_ID })))];
  const strategyGone = [...withStrategy, ...accepted(given(strategyDecider, strategy).when(command.deleteStrategy()))];

  it('SET NULL: the campaign keeps working — an update of other fields is accepted', () => {
    // seed 000: fk_campaigns_strategy ON DELETE SET NULL — a deleted strategy does not break its campaigns.
    given(campaignDecider, strategyGone)
      .when(command.updateCampaign({ name: 'Renamed' }))
      .then([{ type: 'CampaignUpdated', data: { orgId: ORG_ID, campaignId: CAMPAIGN_ID, changes: { name: 'Renamed' }, updatedAt: NOW } }]);
  });

  it('but it cannot be named again', () => {
    const other = [...history(strategyDecider, [command.createStrategy(), command.deleteStrategy()]), ...draft];
    given(campaignDecider, other)
      .when(command.updateCampaign({ strategyId: STRATEGY_ID }))
      .thenRejects('STRATEGY_NOT_FOUND');
  });
});

describe('when the campaign was deleted', () => {
  const deleted = history(campaignDecider, [command.createCampaign(), command.deleteCampaign()]);

  it('every command answers CAMPAIGN_NOT_FOUND, and its id is not reused', () => {
    given(campaignDecider, deleted)
      .when(command.updateCampaign({ name: 'x' }))
      .thenRejects('CAMPAIGN_NOT_FOUND');
    given(campaignDecider, deleted).when(command.changeStatus()).thenRejects('CAMPAIGN_NOT_FOUND');
    given(campaignDecider, deleted).when(command.deleteCampaign()).thenRejects('CAMPAIGN_NOT_FOUND');
    given(campaignDecider, deleted).when(command.createCampaign()).thenRejects('CAMPAIGN_ALREADY_EXISTS');
  });
});
