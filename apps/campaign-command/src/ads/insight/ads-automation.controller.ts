import { ads } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { derivedId } from '../../shared/derived-id';
import { type Headers as RequestHeaders, parseBody } from '../../shared/request-context';
import { sendAdsCommand } from '../core/ads-core.door';
import { insightPersonMetadata } from './ads-insight.door';
import { actionBody, guardrailsBody, reviewBody } from './ads-insight.requests';

/**
 * HTTP doors to the org's guarded actions (seed 003 `ai_actions_log`, issue 12 point 7): a
 * marketer or an admin asks for an action (asking approves it), approves or rejects one the
 * guardrails held; an admin sets the guardrails. The org's automation is one stream, so another
 * org's action is not found.
 */
@RequireTenant()
@Controller('v1/ads')
export class AdsAutomationController {
  constructor(private readonly bus: CommandBus) {}

  @Post('actions')
  @HttpCode(201)
  async request(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = insightPersonMetadata(caller, headers, body);
    const fields = parseBody(actionBody, body);
    const actionId = derivedId(metadata.tenant, metadata.commandId, 'ad-action');
    const command: ads.RequestAdAction = {
      type: 'RequestAdAction',
      data: {
        actionId,
        recommendationId: fields.recommendation_id ?? null,
        campaignId: fields.campaign_id ?? null,
        actionType: (fields.action_type ?? null) as ads.AdActionType | null,
        platform: fields.platform ?? null,
        previousState: fields.previous_state ?? null,
        newState: fields.new_state ?? null,
        reasoning: fields.reasoning ?? null,
        confidence: fields.confidence ?? null,
        changeAmount: fields.change_amount ?? null,
      },
      metadata,
    };
    return sendAdsCommand(this.bus, command, true, { actionId });
  }

  @Post('actions/:actionId/approve')
  @HttpCode(200)
  async approve(@Param('actionId') actionId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = insightPersonMetadata(caller, headers, body);
    parseBody(reviewBody, body);
    const command: ads.ApproveAdAction = { type: 'ApproveAdAction', data: { actionId }, metadata };
    return sendAdsCommand(this.bus, command, false, { actionId });
  }

  @Post('actions/:actionId/reject')
  @HttpCode(200)
  async reject(@Param('actionId') actionId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = insightPersonMetadata(caller, headers, body);
    parseBody(reviewBody, body);
    const command: ads.RejectAdAction = { type: 'RejectAdAction', data: { actionId }, metadata };
    return sendAdsCommand(this.bus, command, false, { actionId });
  }

  @Put('guardrails')
  @HttpCode(200)
  async guardrails(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = insightPersonMetadata(caller, headers, body);
    const fields = parseBody(guardrailsBody, body);
    const command: ads.SetAutomationGuardrails = {
      type: 'SetAutomationGuardrails',
      data: {
        autonomousEnabled: fields.autonomous_enabled,
        confidenceFloor: fields.confidence_floor,
        maxChangePerAction: fields.max_change_per_action,
        maxChangePerDay: fields.max_change_per_day,
        approvalTtlHours: fields.approval_ttl_hours ?? ads.DEFAULT_GUARDRAILS.approvalTtlHours,
      },
      metadata,
    };
    return sendAdsCommand(this.bus, command);
  }
}
