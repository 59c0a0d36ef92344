import type { orchestration } from '@campaign/domain';
import { Caller, type Principal, RequireTenant, type z } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { newIdOf, sendPersonCommand } from './orchestration.door';
import { campaignStatusBody, createCampaignBody, emptyBody, updateCampaignBody } from './orchestration.requests';

/** Enumerated values travel as the caller wrote them: the decider answers a wrong one with its code (CAMPAIGN_PRIORITY_INVALID, …). */
type Priority = orchestration.CampaignPriority;

/** The fields a create and an update both carry, under the command's names. */
const campaignInputOf = (fields: z.infer<typeof createCampaignBody> | z.infer<typeof updateCampaignBody>) => ({
  description: fields.description,
  strategyId: fields.strategy_id,
  orchestratorId: fields.orchestrator_id,
  priority: fields.priority as Priority | undefined,
  scheduledStart: fields.scheduled_start,
  deadline: fields.deadline,
});

/** HTTP doors to the org's campaigns (seed 000 `campaigns`, "Campaign as root entity for all operations"; editors and admins). */
@RequireTenant()
@Controller('v1/orchestration/campaigns')
export class OrchestrationCampaignsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createCampaignBody, true, (fields, metadata) => {
      const campaignId = newIdOf(metadata, 'campaign');
      const data = { campaignId, name: fields.name, ...campaignInputOf(fields), budget: fields.budget, targetAudience: fields.target_audience };
      return { command: { type: 'CreateCampaign', data, metadata }, ids: { campaignId } };
    });
  }

  /** Changes the fields given; the seed's CHECKs hold on the merged values. */
  @Patch(':campaignId')
  @HttpCode(200)
  async update(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateCampaignBody, false, (fields, metadata) => {
      const data = { campaignId, name: fields.name, ...campaignInputOf(fields), progressPercentage: fields.progress_percentage };
      return { command: { type: 'UpdateCampaign', data, metadata }, ids: { campaignId } };
    });
  }

  /** draft → active ⇄ paused → completed | cancelled; the first activation sets actual_start. */
  @Post(':campaignId/status')
  @HttpCode(200)
  async changeStatus(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, campaignStatusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeCampaignStatus', data: { campaignId, status: status as orchestration.CampaignStatus }, metadata },
      ids: { campaignId },
    }));
  }

  /** seed 000 CASCADE: the campaign's content, calendar and analytics go with it in the read model. */
  @Delete(':campaignId')
  @HttpCode(200)
  async remove(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteCampaign', data: { campaignId }, metadata },
      ids: { campaignId },
    }));
  }
}
