import type { commerce } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { emailBody, emptyBody, statusBody } from './commerce.requests';
import {
  type CampaignBody,
  createCampaignBody,
  createContentBody,
  createEmailListBody,
  createSegmentBody,
  reviseContentBody,
  segmentMembersBody,
  subscribeBody,
  updateCampaignBody,
  updateSegmentBody,
} from './commerce-marketing.requests';
import { type IdMinter, NEW_IDS } from './commerce-scopes';

type Rules = commerce.SegmentRules | null | undefined;

/** The fields a create and an update both carry, under the command's names. */
const campaignInputOf = (fields: CampaignBody) => ({
  goalId: fields.goal_id,
  ownerAgentId: fields.owner_agent_id,
  targetSegmentId: fields.target_segment_id,
  channel: fields.channel,
  budget: fields.budget,
  currency: fields.currency,
  startsAt: fields.starts_at,
  endsAt: fields.ends_at,
});

/** A list's subscriber of an email, as the door names it (commerce-scopes.ts NEW_IDS.SubscribeEmail): the same for every subscription of it. */
const subscriberIdOf = (listId: string, email: string, newId: IdMinter): string => String(NEW_IDS['SubscribeEmail']({ listId, email }, newId)['subscriberId']);

/**
 * HTTP doors to the org's marketing (seed 001 "Marketing", "Customers and Segmentation":
 * segments, campaigns, content, email lists and their subscribers; editors and admins).
 */
@RequireTenant()
@Controller('v1/commerce')
export class CommerceMarketingController {
  constructor(private readonly bus: CommandBus) {}

  /** seed 001 customer_segments: a `rule` segment's members come from its rules, a `static` one's from a list. */
  @Post('segments')
  @HttpCode(201)
  async createSegment(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createSegmentBody, true, ({ name, kind, description, rules }, metadata, newId) => {
      const segmentId = newId('segment');
      return { command: { type: 'CreateSegment', data: { segmentId, name, kind, description, rules: rules as Rules }, metadata }, ids: { segmentId } };
    });
  }

  /** Changes the fields given; a field left out or null keeps its value. */
  @Patch('segments/:segmentId')
  @HttpCode(200)
  async updateSegment(@Param('segmentId') segmentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateSegmentBody, false, ({ name, description, rules }, metadata) => ({
      command: { type: 'UpdateSegment', data: { segmentId, name, description, rules: rules as Rules }, metadata },
      ids: { segmentId },
    }));
  }

  /** seed 001 customer_segment_members: existing customers only (404 CUSTOMER_NOT_FOUND); a rule segment takes none (SEGMENT_RULE_BASED). */
  @Post('segments/:segmentId/members')
  @HttpCode(200)
  async addMembers(@Param('segmentId') segmentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, segmentMembersBody, false, ({ customer_ids }, metadata) => ({
      command: { type: 'AddSegmentMembers', data: { segmentId, customerIds: customer_ids }, metadata },
      ids: { segmentId },
    }));
  }

  @Delete('segments/:segmentId/members')
  @HttpCode(200)
  async removeMembers(@Param('segmentId') segmentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, segmentMembersBody, false, ({ customer_ids }, metadata) => ({
      command: { type: 'RemoveSegmentMembers', data: { segmentId, customerIds: customer_ids }, metadata },
      ids: { segmentId },
    }));
  }

  /** seed 001 customer_segment_members ON DELETE CASCADE: the memberships go with the segment. */
  @Delete('segments/:segmentId')
  @HttpCode(200)
  async deleteSegment(@Param('segmentId') segmentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteSegment', data: { segmentId }, metadata },
      ids: { segmentId },
    }));
  }

  /** seed 001 campaigns: "All relationships optional"; a goal, owner or segment named must exist. Created as a draft. */
  @Post('campaigns')
  @HttpCode(201)
  async createCampaign(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createCampaignBody, true, (fields, metadata, newId) => {
      const campaignId = newId('campaign');
      return { command: { type: 'CreateCampaign', data: { campaignId, ...campaignInputOf(fields), name: fields.name }, metadata }, ids: { campaignId } };
    });
  }

  @Patch('campaigns/:campaignId')
  @HttpCode(200)
  async updateCampaign(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, updateCampaignBody, false, (fields, metadata) => ({
      command: { type: 'UpdateCampaign', data: { campaignId, ...campaignInputOf(fields), name: fields.name }, metadata },
      ids: { campaignId },
    }));
  }

  /** draft → active | archived; active ⇄ paused; either → completed → archived; else 409 CAMPAIGN_STATUS_TRANSITION_INVALID. */
  @Put('campaigns/:campaignId/status')
  @HttpCode(200)
  async changeCampaignStatus(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, statusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeCampaignStatus', data: { campaignId, status }, metadata },
      ids: { campaignId },
    }));
  }

  /** seed 001 content.campaign_id ON DELETE SET NULL: "Content preserved if campaign deleted". */
  @Delete('campaigns/:campaignId')
  @HttpCode(200)
  async deleteCampaign(@Param('campaignId') campaignId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteCampaign', data: { campaignId }, metadata },
      ids: { campaignId },
    }));
  }

  /** seed 001 content: a campaign named must live (404 CAMPAIGN_NOT_FOUND); the creator is an agent ("Track creator agent"). */
  @Post('content')
  @HttpCode(201)
  async createContent(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createContentBody, true, (fields, metadata, newId) => {
      const contentId = newId('content');
      const { title, content_type, campaign_id, created_by_agent_id } = fields;
      const data = { contentId, title, contentType: content_type, body: fields.body, campaignId: campaign_id, createdByAgentId: created_by_agent_id };
      return { command: { type: 'CreateContent', data, metadata }, ids: { contentId } };
    });
  }

  @Patch('content/:contentId')
  @HttpCode(200)
  async reviseContent(@Param('contentId') contentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, reviseContentBody, false, (fields, metadata) => ({
      command: { type: 'ReviseContent', data: { contentId, title: fields.title, body: fields.body }, metadata },
      ids: { contentId },
    }));
  }

  @Put('content/:contentId/status')
  @HttpCode(200)
  async changeContentStatus(@Param('contentId') contentId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, statusBody, false, ({ status }, metadata) => ({
      command: { type: 'ChangeContentStatus', data: { contentId, status }, metadata },
      ids: { contentId },
    }));
  }

  @Post('email-lists')
  @HttpCode(201)
  async createEmailList(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, createEmailListBody, true, ({ name, description }, metadata, newId) => {
      const listId = newId('email-list');
      return { command: { type: 'CreateEmailList', data: { listId, name, description }, metadata }, ids: { listId } };
    });
  }

  /** seed 001 email_subscribers.list_id ON DELETE CASCADE: "Subscriber deleted if list deleted". */
  @Delete('email-lists/:listId')
  @HttpCode(200)
  async deleteEmailList(@Param('listId') listId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteEmailList', data: { listId }, metadata },
      ids: { listId },
    }));
  }

  /** seed 001 email_subscribers PRIMARY KEY (email, list_id): an email's subscriber is one; subscribing it again resubscribes it. */
  @Post('email-lists/:listId/subscribers')
  @HttpCode(201)
  async subscribe(@Param('listId') listId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, subscribeBody, true, ({ email, customer_id }, metadata, newId) => {
      const subscriberId = subscriberIdOf(listId, email, newId);
      return { command: { type: 'SubscribeEmail', data: { subscriberId, listId, email, customerId: customer_id }, metadata }, ids: { listId, subscriberId } };
    });
  }

  @Delete('email-lists/:listId/subscribers/:subscriberId')
  @HttpCode(200)
  async unsubscribe(
    @Param('listId') listId: string,
    @Param('subscriberId') subscriberId: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'UnsubscribeEmail', data: { subscriberId, listId }, metadata },
      ids: { listId, subscriberId },
    }));
  }

  /** The unsubscribe link's door: the email names its subscriber, as when it subscribed. */
  @Post('email-lists/:listId/unsubscriptions')
  @HttpCode(200)
  async unsubscribeEmail(@Param('listId') listId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emailBody, false, ({ email }, metadata, newId) => {
      const subscriberId = subscriberIdOf(listId, email, newId);
      return { command: { type: 'UnsubscribeEmail', data: { subscriberId, listId }, metadata }, ids: { listId, subscriberId } };
    });
  }
}
