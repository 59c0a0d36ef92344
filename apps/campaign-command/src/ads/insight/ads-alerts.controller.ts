import type { ads } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type Headers as RequestHeaders, parseBody } from '../../shared/request-context';
import { sendAdsCommand } from '../core/ads-core.door';
import { insightPersonMetadata } from './ads-insight.door';
import { alertBody } from './ads-insight.requests';

/**
 * HTTP doors to a campaign's open alert of one rule (seed 003 `alerts`): a marketer or an admin
 * acknowledges or resolves it. Raising, updating and automatic resolution are the evaluator's,
 * over Kafka. The rule is named in the path in either case (`roas_drop` or `ROAS_DROP`).
 */
@RequireTenant()
@Controller('v1/ads/alerts')
export class AdsAlertsController {
  constructor(private readonly bus: CommandBus) {}

  @Post(':campaignId/:alertType/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @Param('campaignId') campaignId: string,
    @Param('alertType') alertType: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const metadata = insightPersonMetadata(caller, headers, body);
    const { alert_id = null } = parseBody(alertBody, body);
    const command: ads.AcknowledgeAlert = { type: 'AcknowledgeAlert', data: { campaignId, alertType: ruleOf(alertType), alertId: alert_id }, metadata };
    return sendAdsCommand(this.bus, command);
  }

  @Post(':campaignId/:alertType/resolve')
  @HttpCode(200)
  async resolve(
    @Param('campaignId') campaignId: string,
    @Param('alertType') alertType: string,
    @Body() body: unknown,
    @Headers() headers: RequestHeaders,
    @Caller() caller: Principal,
  ) {
    const metadata = insightPersonMetadata(caller, headers, body);
    const { alert_id = null } = parseBody(alertBody, body);
    const command: ads.ResolveAlert = {
      type: 'ResolveAlert',
      data: { campaignId, alertType: ruleOf(alertType), alertId: alert_id, automatic: false },
      metadata,
    };
    return sendAdsCommand(this.bus, command);
  }
}

/** The decider checks the rule against the seed's list (ALERT_INVALID). */
const ruleOf = (alertType: string) => alertType.toUpperCase() as ads.AlertType;
