import type { orchestration } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Headers as RequestHeaders, parseBody } from '../shared/request-context';
import { newIdOf, type OrchestrationMetadata, reporterMetadata, sendOrchestrationCommand, sendPersonCommand } from './orchestration.door';
import { type StepReportBody, startWorkflowBody, stepReportBody } from './orchestration.requests';

type StepReport = orchestration.ReportStepStarted | orchestration.CompleteStep | orchestration.FailStep;

/** The step report's command: its kind names the command, its fields that command's data. */
const reportCommand = (workflowId: string, stepKey: string, report: StepReportBody, metadata: OrchestrationMetadata): StepReport => {
  const step = { workflowId, stepKey, attempt: report.attempt };
  switch (report.kind) {
    case 'started':
      return { type: 'ReportStepStarted', data: step, metadata };
    case 'completed': {
      const { output, cost_cents, tokens, quality_score, duration_ms } = report;
      return { type: 'CompleteStep', data: { ...step, output, costCents: cost_cents, tokens, qualityScore: quality_score, durationMs: duration_ms }, metadata };
    }
    case 'failed':
      return { type: 'FailStep', data: { ...step, error: report.error, retryable: report.retryable }, metadata };
  }
};

/**
 * HTTP doors to workflow executions (seed 000 `campaign_workflows`, `campaign_workflow_steps`):
 * starting one for a campaign (on its orchestrator's stream, seed 000 RESTRICT) and the agents'
 * reports about the attempts they were dispatched.
 */
@RequireTenant()
@Controller('v1/orchestration/workflows')
export class OrchestrationWorkflowsController {
  constructor(private readonly bus: CommandBus) {}

  /** seed 000: "one campaign can have multiple workflow executions … retry, versioning, and A/B testing". */
  @Post()
  @HttpCode(201)
  async start(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, startWorkflowBody, true, ({ orchestrator_id, campaign_id, variant }, metadata) => {
      const workflowId = newIdOf(metadata, 'workflow');
      return {
        command: { type: 'StartWorkflow', data: { orchestratorId: orchestrator_id, workflowId, campaignId: campaign_id, variant }, metadata },
        ids: { workflowId },
      };
    });
  }

  /** A report for an attempt already given up (timed out, retried) is accepted and changes nothing. */
  @Post(':workflowId/steps/:stepKey/reports')
  @HttpCode(200)
  async report(
    @Param('workflowId') workflowId: string,
    @Param('stepKey') stepKey: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const metadata = reporterMetadata(caller, headers, body);
    const report = parseBody(stepReportBody, body);
    return sendOrchestrationCommand(this.bus, reportCommand(workflowId, stepKey, report, metadata), false, { workflowId, stepKey });
  }
}
