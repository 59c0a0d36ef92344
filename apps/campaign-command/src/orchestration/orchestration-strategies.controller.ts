import type { orchestration } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Headers as RequestHeaders, parseBody, personMetadata } from '../shared/request-context';
import { newIdOf, sendOrchestrationCommand } from './orchestration.door';
import { createStrategyBody, emptyBody, updateStrategyBody } from './orchestration.requests';

/** HTTP doors to the org's campaign strategies (seed 000 `campaign_strategies`; editors and admins). */
@RequireTenant()
@Controller('v1/orchestration/strategies')
export class OrchestrationStrategiesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { name, strategy_type, description, settings } = parseBody(createStrategyBody, body);
    const strategyId = newIdOf(metadata, 'strategy');
    const command: orchestration.CreateStrategy = {
      type: 'CreateStrategy',
      data: { strategyId, name, strategyType: strategy_type, description, settings },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, true, { strategyId });
  }

  /** Changes the fields given; a field left out (or null) keeps its value. */
  @Patch(':strategyId')
  @HttpCode(200)
  async update(@Param('strategyId') strategyId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { name, strategy_type, description, settings } = parseBody(updateStrategyBody, body);
    const command: orchestration.UpdateStrategy = {
      type: 'UpdateStrategy',
      data: { strategyId, name, strategyType: strategy_type, description, settings },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, false, { strategyId });
  }

  /** seed 000: ON DELETE SET NULL — the strategy's campaigns keep running without one. */
  @Delete(':strategyId')
  @HttpCode(200)
  async remove(@Param('strategyId') strategyId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    parseBody(emptyBody, body);
    const command: orchestration.DeleteStrategy = { type: 'DeleteStrategy', data: { strategyId }, metadata };
    return sendOrchestrationCommand(this.bus, command, false, { strategyId });
  }
}
