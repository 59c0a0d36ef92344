import type { ads } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, HttpException, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { derivedId } from '../../shared/derived-id';
import { type Headers as RequestHeaders, parseBody } from '../../shared/request-context';
import { sendAdsCommand } from '../core/ads-core.door';
import { insightPersonMetadata } from './ads-insight.door';
import { acceptBody, reviewBody } from './ads-insight.requests';

/**
 * HTTP doors to a recommendation (seed 003 `ai_recommendations`: pending → accepted / rejected
 * → executed). A marketer or an admin accepting one also asks for its action, which their
 * acceptance approves: the executor carries it out and the recommendation becomes executed.
 */
@RequireTenant()
@Controller('v1/ads/recommendations')
export class AdsRecommendationsController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':recommendationId/accept')
  @HttpCode(200)
  async accept(@Param('recommendationId') recommendationId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = insightPersonMetadata(caller, headers, body);
    const { execute = true } = parseBody(acceptBody, body);
    const accept: ads.AcceptRecommendation = { type: 'AcceptRecommendation', data: { recommendationId }, metadata };
    const accepted = await sendAdsCommand(this.bus, accept, false, { recommendationId });
    if (!execute) return { ...accepted, action: null };
    // Its own command id, derived, so a retried acceptance asks for the same action once.
    const actionId = derivedId(metadata.tenant, metadata.commandId, 'ad-action');
    const request: ads.RequestAdAction = {
      type: 'RequestAdAction',
      data: { actionId, recommendationId },
      metadata: { ...metadata, commandId: `${metadata.commandId}:action`, causationId: metadata.commandId },
    };
    return { ...accepted, action: await this.requestAction(request) };
  }

  @Post(':recommendationId/reject')
  @HttpCode(200)
  async reject(@Param('recommendationId') recommendationId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = insightPersonMetadata(caller, headers, body);
    parseBody(reviewBody, body);
    const command: ads.RejectRecommendation = { type: 'RejectRecommendation', data: { recommendationId }, metadata };
    return sendAdsCommand(this.bus, command, false, { recommendationId });
  }

  /** The action's outcome, or its rejection (a recommendation without an action, one already under way): the acceptance stands. */
  private async requestAction(request: ads.RequestAdAction) {
    try {
      return await sendAdsCommand(this.bus, request, true, { actionId: request.data.actionId });
    } catch (error) {
      if (error instanceof HttpException) return error.getResponse();
      throw error;
    }
  }
}
