import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { agentParentBody, capabilityBody, collaborationBody, emptyBody, registerAgentBody, statusBody, updateAgentBody } from './commerce.requests';

/**
 * HTTP doors to the org's agent registry (seed 001 "Agent System": agents, agent_capabilities,
 * agent_collaborations; editors and admins). Agents are archived, never deleted: tasks,
 * attributions and logs keep naming them.
 */
@RequireTenant()
@Controller('v1/commerce')
export class CommerceAgentsController {
  constructor(private readonly bus: CommandBus) {}

  /** seed 001 idx_agents_name: a name another agent holds is 409 AGENT_NAME_TAKEN. */
  @Post('agents')
  @HttpCode(201)
  async register(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, registerAgentBody, true, (fields, metadata, newId) => {
      const agentId = newId('agent');
      const { name, type, parent_id, description, settings } = fields;
      return { command: { type: 'RegisterAgent', data: { agentId, name, type, parentId: parent_id, description, settings }, metadata }, ids: { agentId } };
    });
  }

  /** Changes the fields given; a field left out or null keeps its value. */
  @Patch('agents/:agentId')
  @HttpCode(200)
  async update(@Param('agentId') agentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateAgentBody, false, ({ name, description, settings }, metadata) => ({
      command: { type: 'UpdateAgent', data: { agentId, name, description, settings }, metadata },
      ids: { agentId },
    }));
  }

  /** seed 001 agents.parent_id: a hierarchy — a move that would close a cycle is AGENT_HIERARCHY_CYCLE (details.cycle); null is the top. */
  @Put('agents/:agentId/parent')
  @HttpCode(200)
  async move(@Param('agentId') agentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, agentParentBody, false, ({ parent_id }, metadata) => ({
      command: { type: 'MoveAgent', data: { agentId, parentId: parent_id }, metadata },
      ids: { agentId },
    }));
  }

  /** seed 001 parent_id NO ACTION: archiving an agent that still leads others is 409 AGENT_HAS_CHILDREN. */
  @Put('agents/:agentId/status')
  @HttpCode(200)
  async changeStatus(@Param('agentId') agentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, statusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeAgentStatus', data: { agentId, status }, metadata },
      ids: { agentId },
    }));
  }

  /** seed 001 agent_capabilities: CHECK (score BETWEEN 0 AND 100); no score is 50. */
  @Put('agents/:agentId/capabilities/:capability')
  @HttpCode(200)
  async grant(
    @Param('agentId') agentId: string,
    @Param('capability') capability: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, capabilityBody, false, ({ score }, metadata) => ({
      command: { type: 'GrantAgentCapability', data: { agentId, capability, score }, metadata },
      ids: { agentId, capability },
    }));
  }

  @Delete('agents/:agentId/capabilities/:capability')
  @HttpCode(200)
  async revoke(
    @Param('agentId') agentId: string,
    @Param('capability') capability: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'RevokeAgentCapability', data: { agentId, capability }, metadata },
      ids: { agentId, capability },
    }));
  }

  /** seed 001 agent_collaborations: the allowed patterns between two distinct agents. */
  @Post('agent-collaborations')
  @HttpCode(200)
  async allow(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, collaborationBody, false, (fields, metadata) => {
      const data = {
        requestingAgentId: fields.requesting_agent_id,
        respondingAgentId: fields.responding_agent_id,
        collaborationType: fields.collaboration_type,
      };
      return { command: { type: 'AllowAgentCollaboration', data, metadata }, ids: {} };
    });
  }

  @Delete('agent-collaborations/:requestingAgentId/:respondingAgentId/:collaborationType')
  @HttpCode(200)
  async revokeCollaboration(
    @Param('requestingAgentId') requestingAgentId: string,
    @Param('respondingAgentId') respondingAgentId: string,
    @Param('collaborationType') collaborationType: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'RevokeAgentCollaboration', data: { requestingAgentId, respondingAgentId, collaborationType }, metadata },
      ids: {},
    }));
  }
}
