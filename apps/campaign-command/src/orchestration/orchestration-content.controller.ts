import type { orchestration } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Headers as RequestHeaders, parseBody, personMetadata } from '../shared/request-context';
import { newIdOf, sendOrchestrationCommand } from './orchestration.door';
import { activeBody, createContentBody, emptyBody, relationshipBody, scheduleBody, updateContentBody } from './orchestration.requests';

/**
 * HTTP doors to a campaign's content (seed 000 `campaign_content`, its derivation chains and
 * `campaign_content_relationships`; editors and admins). Content lives in its campaign's graph,
 * so every route names the campaign; a deleted campaign's content answers CAMPAIGN_NOT_FOUND.
 */
@RequireTenant()
@Controller('v1/orchestration/campaigns/:campaignId/content')
export class OrchestrationContentController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(201)
  async create(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const fields = parseBody(createContentBody, body);
    const contentId = newIdOf(metadata, 'content');
    const command: orchestration.CreateContent = {
      type: 'CreateContent',
      data: {
        campaignId,
        contentId,
        title: fields.title,
        contentType: fields.content_type,
        platform: fields.platform,
        contentMarkdown: fields.content_markdown,
        status: fields.status as Status | undefined,
        parentContentId: fields.parent_content_id,
        workflowId: fields.workflow_id,
        stepKey: fields.step_key,
        scheduledPublishAt: fields.scheduled_publish_at,
        reviewDeadline: fields.review_deadline,
      },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, true, { campaignId, contentId });
  }

  /** Changes the fields given; a new parent is checked for self-parenting and derivation cycles. */
  @Patch(':contentId')
  @HttpCode(200)
  async update(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const fields = parseBody(updateContentBody, body);
    const data = {
      ...ids,
      title: fields.title,
      contentMarkdown: fields.content_markdown,
      status: fields.status as Status | undefined,
      parentContentId: fields.parent_content_id,
      reviewDeadline: fields.review_deadline,
    };
    const command: orchestration.UpdateContent = { type: 'UpdateContent', data, metadata };
    return sendOrchestrationCommand(this.bus, command, false, ids);
  }

  /** Relating twice changes nothing (seed 000: many-to-many references, dependencies, connections). */
  @Post(':contentId/relationships')
  @HttpCode(201)
  async relate(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { target_content_id, relationship_type } = parseBody(relationshipBody, body);
    const data = {
      campaignId: ids.campaignId,
      sourceContentId: ids.contentId,
      targetContentId: target_content_id,
      relationshipType: relationship_type as Relationship,
    };
    const command: orchestration.RelateContent = { type: 'RelateContent', data, metadata };
    return sendOrchestrationCommand(this.bus, command, true, ids);
  }

  @Delete(':contentId/relationships/:relationshipType/:targetContentId')
  @HttpCode(200)
  async unrelate(@Param() ids: RelationshipIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    parseBody(emptyBody, body);
    const data = {
      campaignId: ids.campaignId,
      sourceContentId: ids.contentId,
      targetContentId: ids.targetContentId,
      relationshipType: ids.relationshipType as Relationship,
    };
    const command: orchestration.UnrelateContent = { type: 'UnrelateContent', data, metadata };
    return sendOrchestrationCommand(this.bus, command, false, ids);
  }

  /** The publish timer (timer-scheduler CONTENT_PUBLISH) publishes it when due. */
  @Post(':contentId/schedule')
  @HttpCode(200)
  async schedule(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { scheduled_publish_at } = parseBody(scheduleBody, body);
    const command: orchestration.ScheduleContentPublish = {
      type: 'ScheduleContentPublish',
      data: { ...ids, scheduledPublishAt: scheduled_publish_at },
      metadata,
    };
    return sendOrchestrationCommand(this.bus, command, false, ids);
  }

  @Post(':contentId/publish')
  @HttpCode(200)
  async publish(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    parseBody(emptyBody, body);
    const command: orchestration.PublishContent = { type: 'PublishContent', data: { ...ids }, metadata };
    return sendOrchestrationCommand(this.bus, command, false, ids);
  }

  @Put(':contentId/active')
  @HttpCode(200)
  async setActive(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { is_active } = parseBody(activeBody, body);
    const command: orchestration.SetContentActive = { type: 'SetContentActive', data: { ...ids, isActive: is_active }, metadata };
    return sendOrchestrationCommand(this.bus, command, false, ids);
  }

  /** seed 000 SET NULL: its children keep living with no parent. */
  @Delete(':contentId')
  @HttpCode(200)
  async remove(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    parseBody(emptyBody, body);
    const command: orchestration.DeleteContent = { type: 'DeleteContent', data: { ...ids }, metadata };
    return sendOrchestrationCommand(this.bus, command, false, ids);
  }
}

// Types, not interfaces: the answer's extra fields are a Record.
type ContentIds = { readonly campaignId: string; readonly contentId: string };
type RelationshipIds = ContentIds & { readonly relationshipType: string; readonly targetContentId: string };

/** Enumerated values travel as the caller wrote them: the decider answers a wrong one with its code (CONTENT_INVALID, CONTENT_RELATION_INVALID). */
type Status = orchestration.ContentStatus;
type Relationship = orchestration.RelationshipType;
