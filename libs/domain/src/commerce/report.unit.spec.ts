import type { CommandMetadata } from '../shared/decider';
import { given, unchecked } from '../testing';
import type { AgentEvent } from './agents';
import { agentsDecider } from './agents.decide';
import { type CreateReport, reportDecider, type ReportEvent } from './report';
import { AS_SERVICE, AS_VIEWER, agentId, command, decided, METADATA, NOW, ORG_ID, registryOf } from './testing';

const reportId = (n: number) => `f6000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const createReport = (data: Partial<CreateReport['data']> = {}, metadata: Partial<CommandMetadata> = {}): CreateReport => ({
  type: 'CreateReport',
  data: { reportId: reportId(1), title: 'April sales', reportType: 'sales', content: { revenue: '1200.00' }, ...data },
  metadata: { ...METADATA, ...metadata },
});

const registry: (AgentEvent | ReportEvent)[] = decided(agentsDecider, registryOf(2), command.changeAgentStatus({ agentId: agentId(2), status: 'archived' }));

describe('when no report exists', () => {
  it('CreateReport records ReportCreated with its creator, period and content', () => {
    given(reportDecider, registry)
      .when(createReport({ createdByAgentId: agentId(1), periodStart: '2026-04-01', periodEnd: '2026-04-30' }, AS_SERVICE))
      .then([
        {
          type: 'ReportCreated',
          data: {
            orgId: ORG_ID,
            reportId: reportId(1),
            createdByAgentId: agentId(1),
            title: 'April sales',
            reportType: 'sales',
            periodStart: '2026-04-01',
            periodEnd: '2026-04-30',
            content: { revenue: '1200.00' },
            createdAt: NOW,
          },
        },
      ]);
  });

  it('"Track report creator": a creator is a registered agent, archived ones included', () => {
    // seed 001: reports.created_by_agent_id REFERENCES agents(id); "Reports preserved if agent deleted"
    given(reportDecider, registry)
      .when(createReport({ createdByAgentId: agentId(9) }))
      .thenRejects('AGENT_NOT_FOUND', { details: { field: 'createdByAgentId' } });
    given(reportDecider, registry)
      .when(createReport({ createdByAgentId: agentId(2) }))
      .then([expect.objectContaining({ data: expect.objectContaining({ createdByAgentId: agentId(2) }) })]);
  });

  it('a period ends on or after its start, both dates', () => {
    given(reportDecider, registry)
      .when(createReport({ periodStart: '2026-04-30', periodEnd: '2026-04-01' }))
      .thenRejects('REPORT_INVALID', { details: { field: 'periodEnd' } });
    given(reportDecider, registry)
      .when(createReport({ periodStart: '2026-04-31' }))
      .thenRejects('REPORT_INVALID', { details: { field: 'periodStart' } });
    given(reportDecider, registry)
      .when(createReport({ periodStart: '2026-04-01', periodEnd: '2026-04-01' }))
      .then([expect.objectContaining({ type: 'ReportCreated' })]);
  });

  it('title and type are required text; the content is a JSON object', () => {
    given(reportDecider, registry)
      .when(createReport({ title: '' }))
      .thenRejects('REPORT_INVALID', { details: { field: 'title' } });
    given(reportDecider, registry)
      .when(createReport({ reportType: 'x'.repeat(51) }))
      .thenRejects('REPORT_INVALID', { details: { field: 'reportType' } });
    given(reportDecider, registry)
      .when(createReport({ content: unchecked([1, 2]) }))
      .thenRejects('REPORT_INVALID', { details: { field: 'content' } });
  });

  it('a viewer may not create a report', () => {
    given(reportDecider, registry).when(createReport({}, AS_VIEWER)).thenRejects('COMMERCE_ROLE_REQUIRED');
  });
});

describe('when the report exists', () => {
  it('CreateReport again is REPORT_ALREADY_EXISTS', () => {
    given(reportDecider, decided(reportDecider, registry, createReport()))
      .when(createReport())
      .thenRejects('REPORT_ALREADY_EXISTS');
  });
});
