import { Caller, type Principal, RequireTenant, type z } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { createGoalBody, goalParentBody, goalProgressBody, statusBody, updateGoalBody } from './commerce.requests';

/** The fields a create and an update both carry, under the command's names. */
const goalInputOf = (fields: z.infer<typeof createGoalBody> | z.infer<typeof updateGoalBody>) => ({
  description: fields.description,
  ownerAgentId: fields.owner_agent_id,
  targetValue: fields.target_value,
  unit: fields.unit,
  dueDate: fields.due_date,
});

/**
 * HTTP doors to the org's goal tree (seed 001 "Goals and Workflows": goals, hierarchical,
 * "Goals can exist without owners"; editors and admins). Goals are archived, not deleted.
 */
@RequireTenant()
@Controller('v1/commerce/goals')
export class CommerceGoalsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createGoalBody, true, (fields, metadata, newId) => {
      const goalId = newId('goal');
      const data = { goalId, title: fields.title, parentGoalId: fields.parent_goal_id, ...goalInputOf(fields) };
      return { command: { type: 'CreateGoal', data, metadata }, ids: { goalId } };
    });
  }

  /** Changes the fields given; a field left out or null keeps its value. */
  @Patch(':goalId')
  @HttpCode(200)
  async update(@Param('goalId') goalId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateGoalBody, false, (fields, metadata) => ({
      command: { type: 'UpdateGoal', data: { goalId, title: fields.title ?? undefined, ...goalInputOf(fields) }, metadata },
      ids: { goalId },
    }));
  }

  /** seed 001 goals.parent_goal_id: a move that would close a cycle is GOAL_HIERARCHY_CYCLE (details.cycle); null is the top. */
  @Put(':goalId/parent')
  @HttpCode(200)
  async move(@Param('goalId') goalId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, goalParentBody, false, ({ parent_goal_id }, metadata) => ({
      command: { type: 'MoveGoal', data: { goalId, parentGoalId: parent_goal_id }, metadata },
      ids: { goalId },
    }));
  }

  /** seed 001 parent_goal_id NO ACTION: archiving a goal with live sub-goals is 409 GOAL_HAS_CHILDREN. */
  @Put(':goalId/status')
  @HttpCode(200)
  async changeStatus(@Param('goalId') goalId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, statusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeGoalStatus', data: { goalId, status }, metadata },
      ids: { goalId },
    }));
  }

  @Post(':goalId/progress')
  @HttpCode(200)
  async progress(@Param('goalId') goalId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, goalProgressBody, false, ({ current_value }, metadata) => ({
      command: { type: 'RecordGoalProgress', data: { goalId, currentValue: current_value }, metadata },
      ids: { goalId },
    }));
  }
}
