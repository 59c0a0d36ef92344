import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { newIdOf, sendPersonCommand } from './orchestration.door';
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
    return sendPersonCommand(this.bus, { caller, headers, body }, createOrchestratorBody, true, ({ name, description, steps }, metadata) => {
      const orchestratorId = newIdOf(metadata, 'orchestrator');
      return { command: { type: 'CreateOrchestrator', data: { orchestratorId, name, description, steps: stepsOf(steps) }, metadata }, ids: { orchestratorId } };
    });
  }

  /** A new template version; workflows already running keep the version they started with. */
  @Post('orchestrators/:orchestratorId/template-revisions')
  @HttpCode(201)
  async revise(@Param('orchestratorId') orchestratorId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, reviseTemplateBody, true, ({ steps }, metadata) => ({
      command: { type: 'ReviseOrchestratorTemplate', data: { orchestratorId, steps: stepsOf(steps) }, metadata },
      ids: { orchestratorId },
    }));
  }

  /** seed 000 RESTRICT: refused with ORCHESTRATOR_HAS_ACTIVE_WORKFLOWS (409) while a workflow is bound to it. */
  @Delete('orchestrators/:orchestratorId')
  @HttpCode(200)
  async remove(@Param('orchestratorId') orchestratorId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteOrchestrator', data: { orchestratorId }, metadata },
      ids: { orchestratorId },
    }));
  }
}
