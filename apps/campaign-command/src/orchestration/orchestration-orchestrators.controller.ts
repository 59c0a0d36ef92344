import type { orchestration } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Headers as RequestHeaders, parseBody, personMetadata } from '../shared/request-context';
import { newIdOf, sendOrchestrationCommand } from './orchestration.door';
import { createOrchestratorBody, emptyBody, reviseTemplateBody, stepsOf } from './orchestration.requests';

/**
 * HTTP doors to the org's orchestrators (seed 000 `campaign_orchestrators`; admins only: their
 * templates are what the agents run) and to the workflows started from them.
 */
@RequireTenant()
@Controller('v1/orchestration')
export class OrchestrationOrchestratorsController {
  constructor(private readonly bus: CommandBus) {}

  @Post('orchestrators')
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { name, description, steps } = parseBody(createOrchestratorBody, body);
    const orchestratorId = newIdOf(metadata, 'orchestrator');
    const command: orchestration.CreateOrchestrator = {
      type: 'CreateOrchestrator',
      data: { orchestratorId, name, description, steps: stepsOf(steps) },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, true, { orchestratorId });
  }

  /** A new template version; workflows already running keep the version they started with. */
  @Post('orchestrators/:orchestratorId/template-revisions')
  @HttpCode(201)
  async revise(@Param('orchestratorId') orchestratorId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { steps } = parseBody(reviseTemplateBody, body);
    const command: orchestration.ReviseOrchestratorTemplate = { type: 'ReviseOrchestratorTemplate', data: { orchestratorId, steps: stepsOf(steps) }, metadata };
    return sendOrchestrationCommand(this.bus, command, true, { orchestratorId });
  }

  /** seed 000 RESTRICT: refused with ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS (409) while a workflow is bound to it. */
  @Delete('orchestrators/:orchestratorId')
  @HttpCode(200)
  async remove(@Param('orchestratorId') orchestratorId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    parseBody(emptyBody, body);
    const command: orchestration.DeleteOrchestrator = { type: 'DeleteOrchestrator', data: { orchestratorId }, metadata };
    return sendOrchestrationCommand(this.bus, command, false, { orchestratorId });
  }
}
