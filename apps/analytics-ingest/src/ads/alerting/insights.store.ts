import { quoteIdent } from '@campaign/eventstore';
import type { Pool } from 'pg';

/** A period's budget split (seed 003 budget_allocations), amounts as decimal strings. */
export interface AllocationRow {
  readonly allocationId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly totalBudget: string;
  readonly allocations: Readonly<Record<string, string>>;
}

/**
 * What the analyzer keeps beside the buckets (the tables of alerting.schema.ts, migrated by
 * AlertingStore): its analyses, the recommendations and their status, the actions asked for
 * them, the orgs' guardrails and budget allocations — all folded from `ads.events` or its own
 * accepted commands, every write idempotent.
 */
export class InsightsStore {
  private readonly s: string;

  constructor(
    private readonly pool: Pool,
    schema: string,
  ) {
    this.s = quoteIdent(schema);
  }

  /** Whether the org's analysis of the window ending at `windowEnd` was done. */
  async analysisDone(orgId: string, windowEnd: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.s}.alerting_analyses WHERE org_id = $1 AND window_end = $2`, [orgId, new Date(windowEnd)]);
    return (rowCount ?? 0) > 0;
  }

  async recordAnalysis(orgId: string, windowEnd: number, provider: string, proposals: number): Promise<void> {
    await this.pool.query(`INSERT INTO ${this.s}.alerting_analyses (org_id, window_end, provider, proposals) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      orgId,
      new Date(windowEnd),
      provider,
      proposals,
    ]);
  }

  /** `campaignId|type` of the org's pending recommendations. */
  async pendingRecommendations(orgId: string): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ campaign_id: string; recommendation_type: string }>(
      `SELECT campaign_id, recommendation_type FROM ${this.s}.alerting_recommendations WHERE org_id = $1 AND status = 'pending'`,
      [orgId],
    );
    return new Set(rows.map((r) => `${r.campaign_id}|${r.recommendation_type}`));
  }

  async saveRecommendation(rec: { recommendationId: string; orgId: string; campaignId: string; recommendationType: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.alerting_recommendations (recommendation_id, org_id, campaign_id, recommendation_type, status)
       VALUES ($1, $2, $3, $4, 'pending') ON CONFLICT (recommendation_id) DO NOTHING`,
      [rec.recommendationId, rec.orgId, rec.campaignId, rec.recommendationType],
    );
  }

  async setRecommendationStatus(recommendationId: string, status: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.alerting_recommendations SET status = $2 WHERE recommendation_id = $1`, [recommendationId, status]);
  }

  async saveAction(actionId: string, recommendationId: string, orgId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.alerting_actions (action_id, recommendation_id, org_id) VALUES ($1, $2, $3) ON CONFLICT (action_id) DO NOTHING`,
      [actionId, recommendationId, orgId],
    );
  }

  async actionOf(actionId: string): Promise<{ recommendationId: string; orgId: string } | null> {
    const { rows } = await this.pool.query<{ recommendation_id: string; org_id: string }>(
      `SELECT recommendation_id, org_id FROM ${this.s}.alerting_actions WHERE action_id = $1`,
      [actionId],
    );
    return rows[0] ? { recommendationId: rows[0].recommendation_id, orgId: rows[0].org_id } : null;
  }

  async saveAllocation(orgId: string, row: AllocationRow & { aiSuggested: boolean; createdAt: string }): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.alerting_budget_allocations
         (allocation_id, org_id, period_start, period_end, total_budget, allocations, ai_suggested, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (allocation_id) DO NOTHING`,
      [row.allocationId, orgId, row.periodStart, row.periodEnd, row.totalBudget, JSON.stringify(row.allocations), row.aiSuggested, row.createdAt],
    );
  }

  /** The latest split a person set for a period covering `day` (YYYY-MM-DD); suggestions build on it, never on each other. */
  async currentAllocation(orgId: string, day: string): Promise<AllocationRow | null> {
    const { rows } = await this.pool.query(
      `SELECT allocation_id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
              total_budget::text AS total_budget, allocations
         FROM ${this.s}.alerting_budget_allocations
        WHERE org_id = $1 AND NOT ai_suggested AND period_start <= $2::date AND period_end >= $2::date
        ORDER BY created_at DESC LIMIT 1`,
      [orgId, day],
    );
    const r = rows[0];
    return r
      ? {
          allocationId: r.allocation_id,
          periodStart: r.period_start,
          periodEnd: r.period_end,
          totalBudget: r.total_budget,
          allocations: r.allocations as Record<string, string>,
        }
      : null;
  }

  async guardrails(orgId: string): Promise<{ autonomousEnabled: boolean; confidenceFloor: number } | null> {
    const { rows } = await this.pool.query<{ autonomous_enabled: boolean; confidence_floor: string }>(
      `SELECT autonomous_enabled, confidence_floor FROM ${this.s}.alerting_guardrails WHERE org_id = $1`,
      [orgId],
    );
    return rows[0] ? { autonomousEnabled: rows[0].autonomous_enabled, confidenceFloor: Number(rows[0].confidence_floor) } : null;
  }

  async saveGuardrails(orgId: string, autonomousEnabled: boolean, confidenceFloor: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.alerting_guardrails (org_id, autonomous_enabled, confidence_floor) VALUES ($1, $2, $3)
       ON CONFLICT (org_id) DO UPDATE SET autonomous_enabled = EXCLUDED.autonomous_enabled, confidence_floor = EXCLUDED.confidence_floor`,
      [orgId, autonomousEnabled, confidenceFloor],
    );
  }
}
