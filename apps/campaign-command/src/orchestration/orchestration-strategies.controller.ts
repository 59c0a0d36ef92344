import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { newIdOf, sendPersonCommand } from './orchestration.door';
import { createStrategyBody, emptyBody, updateStrategyBody } from './orchestration.requests';

/** HTTP doors to the org's campaign strategies (seed 000 `campaign_strategies`; editors and admins). */
@RequireTenant()
@Controller('v1/orchestration/strategies')
export class OrchestrationStrategiesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createStrategyBody, true, ({ name, strategy_type, description, settings }, metadata) => {
      const strategyId = newIdOf(metadata, 'strategy');
      return {
        command: { type: 'CreateStrategy', data: { strategyId, name, strategyType: strategy_type, description, settings }, metadata },
        ids: { strategyId },
      };
    });
  }

  /** Changes the fields given; a field left out (or null) keeps its value. */
  @Patch(':strategyId')
  @HttpCode(200)
  async update(@Param('strategyId') strategyId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateStrategyBody, false, ({ name, strategy_type, description, settings }, metadata) => ({
      command: { type: 'UpdateStrategy', data: { strategyId, name, strategyType: strategy_type, description, settings }, metadata },
      ids: { strategyId },
    }));
  }

  /** seed 000: ON DELETE SET NULL — the strategy's campaigns keep running without one. */
  @Delete(':strategyId')
  @HttpCode(200)
  async remove(@Param('strategyId') strategyId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteStrategy', data: { strategyId }, metadata },
      ids: { strategyId },
    }));
  }
}
