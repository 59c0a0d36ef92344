import { z } from '@campaign/runtime';

/**
 * Request bodies of the accounts, campaigns and budgets doors: shapes only, snake_case as the
 * seed's columns. Every rule (lengths, money, dates, platforms, roles) is the decider's, so a
 * wrong value reaches it and gets its code.
 */
const commandId = z.string().optional();
const text = z.string().nullable().optional();
/** Money as a decimal string; a JSON number is taken as its decimal text (`5000` → "5000"). */
const money = z.union([z.string(), z.number().transform((n) => String(n))]);

export const connectAccountBody = z
  .object({ commandId, platform: z.string(), platform_account_id: z.string(), name: z.string(), currency: z.string(), time_zone: z.string() })
  .strict();

export const syncBody = z.object({ commandId, window_days: z.number().nullable().optional() }).strict();

export const emptyBody = z.object({ commandId }).strict();

// seed 003: campaigns (platform, platform_campaign_id, name, status, objective, budget_amount, budget_type, start_date, end_date)
export const campaignBody = z
  .object({
    commandId,
    account_id: z.string(),
    platform: z.string(),
    platform_campaign_id: z.string(),
    name: text,
    status: text,
    objective: text,
    budget_amount: money.nullable().optional(),
    budget_type: text,
    start_date: text,
    end_date: text,
  })
  .strict();

// seed 003: budget_allocations (period_start, period_end, total_budget, allocations {"google": 5000, …})
export const budgetBody = z
  .object({
    commandId,
    allocation_id: z.string().optional(),
    period_start: z.string(),
    period_end: z.string(),
    total_budget: money,
    allocations: z.record(z.string(), money),
  })
  .strict();
