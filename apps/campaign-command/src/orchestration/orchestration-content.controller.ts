import type { orchestration } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { newIdOf, sendPersonCommand } from './orchestration.door';
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
    return sendPersonCommand(this.bus, { caller, headers, body }, createContentBody, true, (fields, metadata) => {
      const contentId = newIdOf(metadata, 'content');
      const data = {
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
      };
      return { command: { type: 'CreateContent', data, metadata }, ids: { campaignId, contentId } };
    });
  }

  /** Changes the fields given; a new parent is checked for self-parenting and derivation cycles. */
  @Patch(':contentId')
  @HttpCode(200)
  async update(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateContentBody, false, (fields, metadata) => {
      const data = {
        ...ids,
        title: fields.title,
        contentMarkdown: fields.content_markdown,
        status: fields.status as Status | undefined,
        parentContentId: fields.parent_content_id,
        reviewDeadline: fields.review_deadline,
      };
      return { command: { type: 'UpdateContent', data, metadata }, ids };
    });
  }

  /** Relating twice changes nothing (seed 000: many-to-many references, dependencies, connections). */
  @Post(':contentId/relationships')
  @HttpCode(201)
  async relate(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, relationshipBody, true, ({ target_content_id, relationship_type }, metadata) => {
      const data = {
        campaignId: ids.campaignId,
        sourceContentId: ids.contentId,
        targetContentId: target_content_id,
        relationshipType: relationship_type as Relationship,
      };
      return { command: { type: 'RelateContent', data, metadata }, ids };
    });
  }

  @Delete(':contentId/relationships/:relationshipType/:targetContentId')
  @HttpCode(200)
  async unrelate(@Param() ids: RelationshipIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => {
      const data = {
        campaignId: ids.campaignId,
        sourceContentId: ids.contentId,
        targetContentId: ids.targetContentId,
        relationshipType: ids.relationshipType as Relationship,
      };
      return { command: { type: 'UnrelateContent', data, metadata }, ids };
    });
  }

  /** The publish timer (timer-scheduler CONTENT_PUBLISH) publishes it when due. */
  @Post(':contentId/schedule')
  @HttpCode(200)
  async schedule(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, scheduleBody, false, ({ scheduled_publish_at }, metadata) => ({
      command: { type: 'ScheduleContentPublish', data: { ...ids, scheduledPublishAt: scheduled_publish_at }, metadata },
      ids,
    }));
  }

  @Post(':contentId/publish')
  @HttpCode(200)
  async publish(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'PublishContent', data: { ...ids }, metadata },
      ids,
    }));
  }

  @Put(':contentId/active')
  @HttpCode(200)
  async setActive(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, activeBody, false, ({ is_active }, metadata) => ({
      command: { type: 'SetContentActive', data: { ...ids, isActive: is_active }, metadata },
      ids,
    }));
  }

  /** seed 000 SET NULL: its children keep living with no parent. */
  @Delete(':contentId')
  @HttpCode(200)
  async remove(@Param() ids: ContentIds, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteContent', data: { ...ids }, metadata },
      ids,
    }));
  }
}

// Types, not interfaces: the answer's extra fields are a Record.
type ContentIds = { readonly campaignId: string; readonly contentId: string };
type RelationshipIds = ContentIds & { readonly relationshipType: string; readonly targetContentId: string };

/** Enumerated values travel as the caller wrote them: the decider answers a wrong one with its code (CONTENT_INVALID, CONTENT_RELATION_INVALID). */
type Status = orchestration.ContentStatus;
type Relationship = orchestration.RelationshipType;
