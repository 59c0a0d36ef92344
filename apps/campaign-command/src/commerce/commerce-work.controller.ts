import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { emptyBody, statusBody } from './commerce.requests';
import {
  assignTaskBody,
  defineKpiBody,
  defineWorkflowBody,
  finishExecutionBody,
  type KpiBody,
  measurementBody,
  reportBody,
  systemEventBody,
  updateKpiBody,
  updateWorkflowBody,
} from './commerce-work.requests';

/** The fields a definition and an update both carry, under the command's names. */
const kpiInputOf = (fields: KpiBody) => ({
  description: fields.description,
  unit: fields.unit,
  targetValue: fields.target_value,
  direction: fields.direction,
  ownerAgentId: fields.owner_agent_id,
});

/**
 * HTTP doors to the org's work (seed 001 "Goals and Workflows", "Analytics", "System":
 * workflows with their executions and tasks, KPIs and their measurements, reports, system
 * events; editors and admins).
 */
@RequireTenant()
@Controller('v1/commerce')
export class CommerceWorkController {
  constructor(private readonly bus: CommandBus) {}

  /** seed 001 workflows.owner_agent_id NOT NULL: "Workflows must have an owner" — an active agent. */
  @Post('workflows')
  @HttpCode(201)
  async defineWorkflow(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, defineWorkflowBody, true, (fields, metadata, newId) => {
      const workflowId = newId('workflow');
      const { name, description, goal_id, owner_agent_id, definition } = fields;
      const data = { workflowId, name, description, goalId: goal_id, ownerAgentId: owner_agent_id, definition };
      return { command: { type: 'DefineWorkflow', data, metadata }, ids: { workflowId } };
    });
  }

  /** Changes the fields given; a field left out or null keeps its value (a new owner is an active agent). */
  @Patch('workflows/:workflowId')
  @HttpCode(200)
  async updateWorkflow(@Param('workflowId') workflowId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateWorkflowBody, false, (fields, metadata) => {
      const { name, description, goal_id, owner_agent_id, definition } = fields;
      const data = { workflowId, name, description, goalId: goal_id, ownerAgentId: owner_agent_id, definition };
      return { command: { type: 'UpdateWorkflow', data, metadata }, ids: { workflowId } };
    });
  }

  @Put('workflows/:workflowId/status')
  @HttpCode(200)
  async changeWorkflowStatus(@Param('workflowId') workflowId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, statusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeWorkflowStatus', data: { workflowId, status }, metadata },
      ids: { workflowId },
    }));
  }

  /** seed 001 workflow_executions ON DELETE RESTRICT ("Preserve execution history"): 409 WORKFLOW_HAS_EXECUTIONS. */
  @Delete('workflows/:workflowId')
  @HttpCode(200)
  async deleteWorkflow(@Param('workflowId') workflowId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteWorkflow', data: { workflowId }, metadata },
      ids: { workflowId },
    }));
  }

  /** Only an active workflow is started (409 WORKFLOW_NOT_ACTIVE). */
  @Post('workflows/:workflowId/executions')
  @HttpCode(201)
  async start(@Param('workflowId') workflowId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, true, (_, metadata, newId) => {
      const executionId = newId('execution');
      return { command: { type: 'StartWorkflowExecution', data: { workflowId, executionId }, metadata }, ids: { workflowId, executionId } };
    });
  }

  /** A running execution is finished once (409 EXECUTION_NOT_RUNNING after). */
  @Post('workflows/:workflowId/executions/:executionId/finish')
  @HttpCode(200)
  async finish(
    @Param('workflowId') workflowId: string,
    @Param('executionId') executionId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, finishExecutionBody, false, ({ status, result, error }, metadata) => ({
      command: { type: 'FinishWorkflowExecution', data: { workflowId, executionId, status, result, error }, metadata },
      ids: { workflowId, executionId },
    }));
  }

  /** seed 001 tasks ON DELETE CASCADE: "Tasks deleted with execution". */
  @Delete('workflows/:workflowId/executions/:executionId')
  @HttpCode(200)
  async deleteExecution(
    @Param('workflowId') workflowId: string,
    @Param('executionId') executionId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteWorkflowExecution', data: { workflowId, executionId }, metadata },
      ids: { workflowId, executionId },
    }));
  }

  /** seed 001 tasks.assigned_agent_id NOT NULL: "Must be assigned to an agent" — an active one, in a running execution. */
  @Post('workflows/:workflowId/executions/:executionId/tasks')
  @HttpCode(201)
  async assign(
    @Param('workflowId') workflowId: string,
    @Param('executionId') executionId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, assignTaskBody, true, (fields, metadata, newId) => {
      const taskId = newId('task');
      const { agent_id, title, description, priority, due_at } = fields;
      const data = { workflowId, executionId, taskId, agentId: agent_id, title, description, priority, dueAt: due_at };
      return { command: { type: 'AssignTask', data, metadata }, ids: { workflowId, executionId, taskId } };
    });
  }

  @Put('workflows/:workflowId/tasks/:taskId/status')
  @HttpCode(200)
  async changeTaskStatus(
    @Param('workflowId') workflowId: string,
    @Param('taskId') taskId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, statusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeTaskStatus', data: { workflowId, taskId, status }, metadata },
      ids: { workflowId, taskId },
    }));
  }

  /** seed 001 kpis: "KPIs can exist without owner"; an owner named is an agent of the org. */
  @Post('kpis')
  @HttpCode(201)
  async defineKpi(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, defineKpiBody, true, (fields, metadata, newId) => {
      const kpiId = newId('kpi');
      return { command: { type: 'DefineKpi', data: { kpiId, name: fields.name, ...kpiInputOf(fields) }, metadata }, ids: { kpiId } };
    });
  }

  @Patch('kpis/:kpiId')
  @HttpCode(200)
  async updateKpi(@Param('kpiId') kpiId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateKpiBody, false, (fields, metadata) => ({
      command: { type: 'UpdateKpi', data: { kpiId, name: fields.name, ...kpiInputOf(fields) }, metadata },
      ids: { kpiId },
    }));
  }

  /** seed 001 kpi_measurements ("Time-series data"): a DECIMAL(15,4) value, measured now unless measured_at says when. */
  @Post('kpis/:kpiId/measurements')
  @HttpCode(201)
  async measure(@Param('kpiId') kpiId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, measurementBody, true, ({ value, measured_at }, metadata, newId) => {
      const measurementId = newId('measurement');
      return {
        command: { type: 'RecordKpiMeasurement', data: { kpiId, measurementId, value, measuredAt: measured_at }, metadata },
        ids: { kpiId, measurementId },
      };
    });
  }

  /** seed 001 kpi_measurements ON DELETE CASCADE: "Measurements deleted with KPI". */
  @Delete('kpis/:kpiId')
  @HttpCode(200)
  async deleteKpi(@Param('kpiId') kpiId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteKpi', data: { kpiId }, metadata },
      ids: { kpiId },
    }));
  }

  /** seed 001 reports: written once; the period's end is not before its start. */
  @Post('reports')
  @HttpCode(201)
  async createReport(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, reportBody, true, (fields, metadata, newId) => {
      const reportId = newId('report');
      const { title, report_type, period_start, period_end, content, created_by_agent_id } = fields;
      const data = {
        reportId,
        title,
        reportType: report_type,
        periodStart: period_start,
        periodEnd: period_end,
        content,
        createdByAgentId: created_by_agent_id,
      };
      return { command: { type: 'CreateReport', data, metadata }, ids: { reportId } };
    });
  }

  /** seed 001 system_events: a severity of info, warning, error or critical; the source is an agent ("Track event source"). */
  @Post('system-events')
  @HttpCode(201)
  async recordSystemEvent(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, systemEventBody, true, (fields, metadata, newId) => {
      const systemEventId = newId('system-event');
      const data = { systemEventId, eventType: fields.event_type, severity: fields.severity, payload: fields.payload, sourceAgentId: fields.source_agent_id };
      return { command: { type: 'RecordSystemEvent', data, metadata }, ids: { systemEventId } };
    });
  }
}
