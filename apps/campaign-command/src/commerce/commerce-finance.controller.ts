import { Caller, type Principal, RequireTenant } from '@campaign/runtime';
import { Body, Controller, Delete, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Headers as RequestHeaders } from '../shared/request-context';
import { sendPersonCommand } from './commerce.door';
import { configurationBody, emptyBody, expenseBody, reviseBudgetBody, setBudgetBody } from './commerce.requests';

/**
 * HTTP doors to the org's money and settings (seed 001 "Financial" budgets and expense
 * transactions, "System" configurations; editors and admins).
 */
@RequireTenant()
@Controller('v1/commerce')
export class CommerceFinanceController {
  constructor(private readonly bus: CommandBus) {}

  /** seed 001 idx_budgets_category_period: one budget per category and fiscal month (409 BUDGET_PERIOD_TAKEN). */
  @Post('budgets')
  @HttpCode(201)
  async setBudget(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, setBudgetBody, true, (fields, metadata, newId) => {
      const budgetId = newId('budget');
      const { category, fiscal_year, fiscal_month, amount, currency, owner_agent_id } = fields;
      const data = { budgetId, category, fiscalYear: fiscal_year, fiscalMonth: fiscal_month, amount, currency, ownerAgentId: owner_agent_id };
      return { command: { type: 'SetBudget', data, metadata }, ids: { budgetId } };
    });
  }

  @Patch('budgets/:budgetId')
  @HttpCode(200)
  async reviseBudget(@Param('budgetId') budgetId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, reviseBudgetBody, false, ({ amount }, metadata) => ({
      command: { type: 'ReviseBudget', data: { budgetId, amount }, metadata },
      ids: { budgetId },
    }));
  }

  /** Lets the budget's period go: the category may be budgeted for that month again. */
  @Delete('budgets/:budgetId')
  @HttpCode(200)
  async deleteBudget(@Param('budgetId') budgetId: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, emptyBody, false, (_, metadata) => ({
      command: { type: 'DeleteBudget', data: { budgetId }, metadata },
      ids: { budgetId },
    }));
  }

  /** seed 001 transactions: CHECK (amount >= 0), the type (expense) says the sign. */
  @Post('expenses')
  @HttpCode(201)
  async recordExpense(@Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, expenseBody, true, (fields, metadata, newId) => {
      const transactionId = newId('expense');
      const { category, amount, currency, agent_id, description, transaction_date } = fields;
      const data = { transactionId, category, amount, currency, agentId: agent_id, description, transactionDate: transaction_date };
      return { command: { type: 'RecordExpense', data, metadata }, ids: { transactionId } };
    });
  }

  /** seed 001 configurations: "configs preserved if agent deleted"; attribution keys take only what attribution understands. */
  @Put('configuration/:key')
  @HttpCode(200)
  async configure(@Param('key') key: string, @Body() body: unknown, @Headers() headers: RequestHeaders, @Caller() caller: Principal) {
    return sendPersonCommand(this.bus, { caller, headers, body }, configurationBody, false, ({ value, updated_by_agent_id }, metadata) => ({
      command: { type: 'SetConfiguration', data: { key, value, updatedByAgentId: updated_by_agent_id }, metadata },
      ids: { key },
    }));
  }
}
