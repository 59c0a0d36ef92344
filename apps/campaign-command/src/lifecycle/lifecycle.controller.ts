import type { lifecycle } from '@campaign/domain';
import type { Executed } from '@campaign/eventstore';
import { Body, Controller, Headers, HttpCode, HttpException, NotFoundException, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Caller, type Principal, RequireScopes, contextScope } from '@campaign/runtime';
import { derivedId } from '../shared/derived-id';
import { httpStatusOf } from '../shared/http-status';
import { type Headers as RequestHeaders, metadataFromRequest, parseBody } from '../shared/request-context';
import { ExecuteContextCommand } from '../shared/execute-context-command.handler';
import { createCampaignBody, engagementBody, joinBody, rewardClaimBody, TRANSITION_ROUTES, transitionBody } from './lifecycle.requests';

type Route = keyof typeof TRANSITION_ROUTES;

/**
 * HTTP door to the lifecycle commands: builds a command, hands it to the bus, maps the outcome.
 * Lifecycle has no tenants: callers are services granted `lifecycle:write`.
 */
@Controller('v1/lifecycle/campaigns')
@RequireScopes(contextScope('lifecycle', 'write'))
export class LifecycleController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { commandId, campaignId, ...data } = parseBody(createCampaignBody, body);
    const metadata = metadataFromRequest(headers, caller, commandId);
    const command: lifecycle.CreateCampaign = {
      type: 'CreateCampaign',
      // Derived from the command id: a retry with the same Idempotency-Key is the same request.
      data: { ...data, campaignId: campaignId ?? derivedId('lifecycle', metadata.commandId, 'campaign') },
      metadata,
    };
    return this.dispatch(command, true);
  }

  @Post(':campaignId/participants')
  @HttpCode(200)
  async join(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { commandId, participantId } = parseBody(joinBody, body);
    return this.dispatch({ type: 'JoinCampaign', data: { campaignId, participantId }, metadata: metadataFromRequest(headers, caller, commandId) });
  }

  @Post(':campaignId/engagements')
  @HttpCode(200)
  async engage(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { commandId, ...data } = parseBody(engagementBody, body);
    return this.dispatch({ type: 'RecordEngagement', data: { campaignId, ...data }, metadata: metadataFromRequest(headers, caller, commandId) });
  }

  @Post(':campaignId/reward-claims')
  @HttpCode(200)
  async claim(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const { commandId, ...data } = parseBody(rewardClaimBody, body);
    return this.dispatch({ type: 'ClaimReward', data: { campaignId, ...data }, metadata: metadataFromRequest(headers, caller, commandId) });
  }

  // Declared after the fixed sub-resources so that they win the route match.
  @Post(':campaignId/:action')
  @HttpCode(200)
  async transition(
    @Param('campaignId') campaignId: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    // An own property only: `constructor` or `__proto__` is no action, whatever Object.prototype holds.
    if (!Object.hasOwn(TRANSITION_ROUTES, action)) throw new NotFoundException(`no lifecycle action '${action}'`);
    const { commandId, ...data } = parseBody(transitionBody, body);
    const type = TRANSITION_ROUTES[action as Route];
    return this.dispatch({ type, data: { campaignId, ...data }, metadata: metadataFromRequest(headers, caller, commandId) });
  }

  private async dispatch(command: lifecycle.CampaignCommand, creates = false) {
    const { outcome, duplicate }: Executed = await this.commandBus.execute(new ExecuteContextCommand('lifecycle', command));
    const body = { ...outcome, duplicate };
    if (outcome.status === 'REJECTED') throw new HttpException(body, httpStatusOf(outcome, creates));
    return body;
  }
}
