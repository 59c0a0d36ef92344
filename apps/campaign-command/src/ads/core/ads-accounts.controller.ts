import { ads as adsWire } from '@campaign/contracts';
import type { ads } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { derivedId } from '../../shared/derived-id';
import { type Headers as RequestHeaders, parseBody, personMetadata } from '../../shared/request-context';
import { sendAdsCommand } from './ads-core.door';
import { campaignBody, connectAccountBody, emptyBody, syncBody } from './ads-core.requests';

/**
 * HTTP doors to the ad accounts and campaigns (seed 003 `campaigns`). An account's and a
 * campaign's ids are functions of the platform's ids (`UNIQUE(platform, platform_campaign_id)`),
 * so the same platform account or campaign is the same stream from every door.
 */
@RequireTenant()
@Controller('v1/ads')
export class AdsAccountsController {
  constructor(private readonly bus: CommandBus) {}

  /** Admins connect an account; another org's account answers AD_ACCOUNT_CONNECTED_ELSEWHERE (409). */
  @Post('accounts')
  @HttpCode(201)
  async connect(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { platform, platform_account_id, name, currency, time_zone } = parseBody(connectAccountBody, body);
    const accountId = adsWire.adAccountIdOf(platform, platform_account_id);
    const command: ads.ConnectAdAccount = {
      type: 'ConnectAdAccount',
      data: { accountId, platform, platformAccountId: platform_account_id, name, currency, timeZone: time_zone },
      metadata,
    };
    return sendAdsCommand(this.bus, command, true, { accountId });
  }

  @Delete('accounts/:accountId')
  @HttpCode(200)
  async disconnect(@Param('accountId') accountId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    parseBody(emptyBody, body);
    const command: ads.DisconnectAdAccount = { type: 'DisconnectAdAccount', data: { accountId }, metadata };
    return sendAdsCommand(this.bus, command, false, { accountId });
  }

  /** A sync now, besides the one every 15 minutes; the id it answers names the sync in AdAccountSynced/…Failed. */
  @Post('accounts/:accountId/syncs')
  @HttpCode(202)
  async sync(@Param('accountId') accountId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const { window_days = null } = parseBody(syncBody, body);
    const syncId = derivedId(metadata.tenant, metadata.commandId, 'ads-sync');
    const command: ads.RequestAdAccountSync = { type: 'RequestAdAccountSync', data: { accountId, syncId, windowDays: window_days }, metadata };
    return sendAdsCommand(this.bus, command, false, { accountId, syncId });
  }

  /** Registers a campaign under one of the org's connected accounts (a sync does this by itself). */
  @Post('campaigns')
  @HttpCode(201)
  async register(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const fields = parseBody(campaignBody, body);
    const campaignId = adsWire.adCampaignIdOf(fields.platform, fields.platform_campaign_id);
    const command: ads.RegisterAdCampaign = {
      type: 'RegisterAdCampaign',
      data: {
        campaignId,
        accountId: fields.account_id,
        platform: fields.platform,
        platformCampaignId: fields.platform_campaign_id,
        name: fields.name,
        status: fields.status,
        objective: fields.objective,
        budgetAmount: fields.budget_amount,
        budgetType: fields.budget_type,
        startDate: fields.start_date,
        endDate: fields.end_date,
      },
      metadata,
    };
    return sendAdsCommand(this.bus, command, true, { campaignId });
  }
}
