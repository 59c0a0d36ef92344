import type { ads } from '@campaign/domain';
import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { derivedId } from '../../shared/derived-id';
import { type Headers as RequestHeaders, parseBody, personMetadata } from '../../shared/request-context';
import { sendAdsCommand } from './ads-core.door';
import { budgetBody } from './ads-core.requests';

/** HTTP door to the org's budget allocations (seed 003 `budget_allocations`; marketers and admins). */
@RequireTenant()
@Controller('v1/ads/budgets')
export class AdsBudgetsController {
  constructor(private readonly bus: CommandBus) {}

  /** Sets a period's allocation; the same allocation_id again replaces it. */
  @Post()
  @HttpCode(201)
  async set(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    const metadata = personMetadata(caller, headers, body);
    const fields = parseBody(budgetBody, body);
    const allocationId = fields.allocation_id ?? derivedId(metadata.tenant, metadata.commandId, 'budget-allocation');
    const command: ads.SetBudgetAllocation = {
      type: 'SetBudgetAllocation',
      data: {
        allocationId,
        periodStart: fields.period_start,
        periodEnd: fields.period_end,
        totalBudget: fields.total_budget,
        allocations: fields.allocations,
      },
      metadata,
    };
    return sendAdsCommand(this.bus, command, true, { allocationId });
  }
}
