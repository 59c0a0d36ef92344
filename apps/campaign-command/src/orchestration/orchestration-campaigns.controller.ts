import type { orchestration } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Headers as RequestHeaders, parseBody, personMetadata } from '../shared/request-context';
import { newIdOf, sendOrchestrationCommand } from './orchestration.door';
import { campaignStatusBody, createCampaignBody, emptyBody, updateCampaignBody } from './orchestration.requests';

/** Enumerated values travel as the caller wrote them: the decider answers a wrong one with its code (CAMPAIGN_PRIORITY_INVALID, …). */
type Priority = orchestration.CampaignPriority;

/** HTTP doors to the org's campaigns (seed 000 `campaigns`, "Campaign as root entity for all operations"; editors and admins). */
@RequireTenant()
@Controller('v1/orchestration/campaigns')
export class OrchestrationCampaignsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const fields = parseBody(createCampaignBody, body);
    const campaignId = newIdOf(metadata, 'campaign');
    const command: orchestration.CreateCampaign = {
      type: 'CreateCampaign',
      data: {
        campaignId,
        name: fields.name,
        description: fields.description,
        strategyId: fields.strategy_id,
        orchestratorId: fields.orchestrator_id,
        priority: fields.priority as Priority | undefined,
        scheduledStart: fields.scheduled_start,
        deadline: fields.deadline,
        budget: fields.budget,
        targetAudience: fields.target_audience,
      },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, true, { campaignId });
  }

  /** Changes the fields given; the seed's CHECKs hold on the merged values. */
  @Patch(':campaignId')
  @HttpCode(200)
  async update(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const fields = parseBody(updateCampaignBody, body);
    const command: orchestration.UpdateCampaign = {
      type: 'UpdateCampaign',
      data: {
        campaignId,
        name: fields.name,
        description: fields.description,
        strategyId: fields.strategy_id,
        orchestratorId: fields.orchestrator_id,
        priority: fields.priority as Priority | undefined,
        scheduledStart: fields.scheduled_start,
        deadline: fields.deadline,
        progressPercentage: fields.progress_percentage,
      },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, false, { campaignId });
  }

  /** draft → active ⇄ paused → completed | cancelled; the first activation sets actual_start. */
  @Post(':campaignId/status')
  @HttpCode(200)
  async changeStatus(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { status } = parseBody(campaignStatusBody, body);
    const command: orchestration.ChangeCampaignStatus = {
      type: 'ChangeCampaignStatus',
      data: { campaignId, status: status as orchestration.CampaignStatus },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, false, { campaignId });
  }

  /** seed 000 CASCADE: the campaign's content, calendar and analytics go with it in the read model. */
  @Delete(':campaignId')
  @HttpCode(200)
  async remove(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    parseBody(emptyBody, body);
    const command: orchestration.DeleteCampaign = { type: 'DeleteCampaign', data: { campaignId }, metadata };
    return sendOrchestrationCommand(this.bus, command, false, { campaignId });
  }
}
