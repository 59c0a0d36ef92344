import type { ads as adsWire } from '@campaign/contracts';
import { inTransaction, quoteIdent } from '@campaign/eventstore';
import { checkpointOutlived, type LogNow } from '@campaign/messaging';
import type { Pool, PoolClient } from 'pg';
import { alertingDdl } from './alerting.schema';
import type { AlertType } from './alert-rules';
import { BUCKET_MS, type Bucket, NO_TOTALS, type Span, type Totals } from './window-totals';

/** A fact as read from its partition. */
export interface OffsetFact {
  readonly offset: string;
  readonly fact: adsWire.MetricFact;
}

/** What the evaluation knows of a campaign: its org, platform and latest bucket. */
export interface CampaignData {
  readonly campaignId: string;
  readonly orgId: string;
  readonly platform: string;
  /** The end of its latest bucket (ms): the end of its newest data window. */
  readonly dataEnd: number;
}

export interface AlertState {
  readonly open: boolean;
  readonly lastCommandId: string;
}

/** A campaign as the alert rules judge it (AlertingStore.withJudgements). */
export interface Judgement {
  readonly campaign: CampaignData;
  /** Its figures summed over one of the spans asked for (NO_TOTALS for any other). */
  readonly totals: (span: Span) => Totals;
  readonly states: Map<AlertType, AlertState>;
}

interface SpanSumRow {
  readonly campaign_id: string;
  /** 1-based, in the order of the spans asked for. */
  readonly span: number;
  readonly impressions: string;
  readonly clicks: string;
  readonly spend_cents: string;
  readonly conversions: string;
  readonly revenue_cents: string;
  readonly spending_buckets: number;
}

const spanKey = (span: readonly [number, number]): string => `${span[0]}:${span[1]}`;

const totalsOfRow = (r: SpanSumRow): Totals => ({
  impressions: num(r.impressions),
  clicks: num(r.clicks),
  spendCents: num(r.spend_cents),
  conversions: num(r.conversions),
  revenueCents: num(r.revenue_cents),
  spendingBuckets: r.spending_buckets,
});

const num = (v: string | number): number => Number(v);

const bucketOf = (r: Record<string, unknown>): Bucket => ({
  time: (r.time as Date).getTime(),
  impressions: num(r.impressions as string),
  clicks: num(r.clicks as string),
  spendCents: num(r.spend_cents as string),
  conversions: num(r.conversions as number),
  revenueCents: num(r.revenue_cents as string),
});

/** The alerting part's PostgreSQL tables (alerting.schema.ts). */
export class AlertingStore {
  private readonly s: string;

  constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {
    this.s = quoteIdent(schema);
  }

  async migrate(): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Two instances starting at once must not race each other's CREATE … IF NOT EXISTS.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`ads-alerting-ddl:${this.schema}`]);
      await client.query(alertingDdl(this.schema));
    });
  }

  /**
   * Keeps a partition's facts: each bucket upserted (a restatement replaces it, the latest
   * observation wins) and the partition's next offset saved in the same transaction, with the
   * cluster it was read in. Facts at offsets already applied are skipped — unless the checkpoint
   * belongs to another log (checkpointOutlived: Kafka's data replaced, the topic made again),
   * then every fact of the batch is new. Answers the facts applied and why a checkpoint was dropped.
   */
  async applyFacts(topic: string, partition: number, facts: readonly OffsetFact[], log: LogNow): Promise<{ applied: number; outlived: string | null }> {
    if (facts.length === 0) return { applied: 0, outlived: null };
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ next_offset: string; cluster_id: string | null }>(
        `SELECT next_offset, cluster_id FROM ${this.s}.alerting_checkpoints WHERE topic = $1 AND partition = $2 FOR UPDATE`,
        [topic, partition],
      );
      const stored = rows[0] ? { nextOffset: BigInt(rows[0].next_offset), clusterId: rows[0].cluster_id } : null;
      const outlived = stored && checkpointOutlived(stored, log);
      const next = outlived || !stored ? 0n : stored.nextOffset;
      const fresh = facts.filter((f) => BigInt(f.offset) >= next);
      if (fresh.length === 0) return { applied: 0, outlived };
      // One row per bucket in a statement: the last of the batch is the latest.
      const latest = new Map(fresh.map((f) => [`${f.fact.campaignId}|${f.fact.time}`, f.fact]));
      const list = [...latest.values()];
      await client.query(
        `INSERT INTO ${this.s}.alerting_buckets AS b
           (campaign_id, time, org_id, platform, impressions, clicks, spend_cents, conversions, revenue_cents, observed_at)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::bigint[], $6::bigint[],
                              $7::bigint[], $8::int[], $9::bigint[], $10::timestamptz[])
         ON CONFLICT (campaign_id, time) DO UPDATE SET
           org_id = EXCLUDED.org_id, platform = EXCLUDED.platform, impressions = EXCLUDED.impressions,
           clicks = EXCLUDED.clicks, spend_cents = EXCLUDED.spend_cents, conversions = EXCLUDED.conversions,
           revenue_cents = EXCLUDED.revenue_cents, observed_at = EXCLUDED.observed_at
         WHERE EXCLUDED.observed_at >= b.observed_at`,
        [
          list.map((f) => f.campaignId),
          list.map((f) => f.time),
          list.map((f) => f.orgId),
          list.map((f) => f.platform),
          list.map((f) => f.impressions),
          list.map((f) => f.clicks),
          list.map((f) => f.spendCents),
          list.map((f) => f.conversions),
          list.map((f) => f.revenueCents),
          list.map((f) => f.observedAt),
        ],
      );
      const last = fresh.reduce((max, f) => (BigInt(f.offset) > max ? BigInt(f.offset) : max), -1n);
      await client.query(
        `INSERT INTO ${this.s}.alerting_checkpoints (topic, partition, next_offset, cluster_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, cluster_id = EXCLUDED.cluster_id`,
        [topic, partition, (last + 1n).toString(), log.clusterId],
      );
      return { applied: fresh.length, outlived };
    });
  }

  /**
   * Runs `work` on what the rules need of each campaign — its org, platform and newest data, its
   * figures summed over each of `spans` (ms before its newest data's end: [start, end)), summed
   * here rather than read bucket by bucket, and the alerts last told — holding the campaigns'
   * advisory locks (session locks on one connection, taken in one order so two batches never
   * deadlock). A campaign's buckets are on one partition (the producer's partitionOfCampaign), but
   * during a rebalance, or on a topic written otherwise, two batches may judge it at once (in this
   * instance or another): serialized, each judgement reads what the previous ones saw or more, so
   * the last verdict sent is never one of older figures. Campaigns whose newest data ends before
   * `freshFrom` (a replay, a backfill) are left out. Three reads for the whole batch.
   */
  async withJudgements<T>(
    campaignIds: readonly string[],
    spans: readonly (readonly [number, number])[],
    freshFrom: number,
    work: (judgements: readonly Judgement[]) => Promise<T>,
  ): Promise<T> {
    const keys = [...new Set(campaignIds)].map((id) => `ads-alerting:${this.schema}:${id}`);
    const client = await this.pool.connect();
    let usable = true;
    try {
      await client.query(`SELECT count(pg_advisory_lock(h)) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($1::text[]) AS k ORDER BY 1) AS ordered`, [
        keys,
      ]);
      try {
        const campaigns = (await this.campaignData(campaignIds, client)).filter((c) => c.dataEnd >= freshFrom);
        if (campaigns.length === 0) return await work([]);
        const ids = campaigns.map((c) => c.campaignId);
        const [sums, states] = await Promise.all([
          client.query<SpanSumRow>(
            `SELECT w.campaign_id, s.i::int AS span, sum(b.impressions)::text AS impressions, sum(b.clicks)::text AS clicks,
                    sum(b.spend_cents)::text AS spend_cents, sum(b.conversions)::text AS conversions,
                    sum(b.revenue_cents)::text AS revenue_cents, count(*) FILTER (WHERE b.spend_cents > 0)::int AS spending_buckets
               FROM unnest($1::uuid[], $2::timestamptz[]) AS w(campaign_id, data_end)
              CROSS JOIN unnest($3::bigint[], $4::bigint[]) WITH ORDINALITY AS s(starts_before, ends_before, i)
               JOIN ${this.s}.alerting_buckets b ON b.campaign_id = w.campaign_id
                AND b.time >= w.data_end - s.starts_before * INTERVAL '1 millisecond'
                AND b.time < w.data_end - s.ends_before * INTERVAL '1 millisecond'
              GROUP BY 1, 2`,
            [ids, campaigns.map((c) => new Date(c.dataEnd)), spans.map((span) => span[0]), spans.map((span) => span[1])],
          ),
          client.query<{ campaign_id: string; alert_type: AlertType; open: boolean; last_command_id: string }>(
            `SELECT campaign_id, alert_type, open, last_command_id FROM ${this.s}.alerting_alert_state WHERE campaign_id = ANY($1::uuid[])`,
            [ids],
          ),
        ]);
        const totals = new Map<string, Map<string, Totals>>(ids.map((id) => [id, new Map()]));
        for (const r of sums.rows) totals.get(r.campaign_id)?.set(spanKey(spans[r.span - 1]), totalsOfRow(r));
        const judgements = new Map<string, Judgement>(
          campaigns.map((campaign) => {
            const kept = totals.get(campaign.campaignId) as Map<string, Totals>;
            const over = (span: Span): Totals => kept.get(spanKey([campaign.dataEnd - span.from, campaign.dataEnd - span.to])) ?? NO_TOTALS;
            return [campaign.campaignId, { campaign, totals: over, states: new Map() }];
          }),
        );
        for (const r of states.rows) judgements.get(r.campaign_id)?.states.set(r.alert_type, { open: r.open, lastCommandId: r.last_command_id });
        return await work([...judgements.values()]);
      } finally {
        usable = await client.query('SELECT pg_advisory_unlock_all()').then(
          () => true,
          () => false,
        );
      }
    } finally {
      // A connection that could not unlock still holds the locks: closed, not given back.
      client.release(!usable);
    }
  }

  /** Forgets the org's buckets older than `before` (ms). */
  async prune(orgId: string, before: number): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.s}.alerting_buckets WHERE org_id = $1 AND time < $2`, [orgId, new Date(before)]);
  }

  /** The campaigns' orgs, platforms and the end of their newest data. */
  async campaignData(campaignIds: readonly string[], db: Pool | PoolClient = this.pool): Promise<CampaignData[]> {
    if (campaignIds.length === 0) return [];
    const { rows } = await db.query<{ campaign_id: string; org_id: string; platform: string; latest: Date }>(
      `SELECT DISTINCT ON (campaign_id) campaign_id, org_id, platform, time AS latest
         FROM ${this.s}.alerting_buckets WHERE campaign_id = ANY($1::uuid[])
        ORDER BY campaign_id, time DESC`,
      [campaignIds],
    );
    return rows.map((r) => ({ campaignId: r.campaign_id, orgId: r.org_id, platform: r.platform, dataEnd: r.latest.getTime() + BUCKET_MS }));
  }

  /** The end of the org's newest bucket (ms), null before its first fact. */
  async orgDataEnd(orgId: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ latest: Date | null }>(`SELECT max(time) AS latest FROM ${this.s}.alerting_buckets WHERE org_id = $1`, [orgId]);
    return rows[0]?.latest ? rows[0].latest.getTime() + BUCKET_MS : null;
  }

  /** The campaigns of an org that have data after `since`. */
  async campaignsOfOrg(orgId: string, since: number): Promise<CampaignData[]> {
    const { rows } = await this.pool.query<{ campaign_id: string }>(
      `SELECT DISTINCT campaign_id FROM ${this.s}.alerting_buckets WHERE org_id = $1 AND time >= $2`,
      [orgId, new Date(since)],
    );
    return this.campaignData(rows.map((r) => r.campaign_id));
  }

  /** A campaign's buckets starting in [from, to). */
  async buckets(campaignId: string, from: number, to: number): Promise<Bucket[]> {
    const { rows } = await this.pool.query(
      `SELECT time, impressions, clicks, spend_cents, conversions, revenue_cents FROM ${this.s}.alerting_buckets
        WHERE campaign_id = $1 AND time >= $2 AND time < $3 ORDER BY time`,
      [campaignId, new Date(from), new Date(to)],
    );
    return rows.map(bucketOf);
  }

  async saveAlertState(campaign: CampaignData, alertType: AlertType, state: AlertState): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.alerting_alert_state (campaign_id, alert_type, org_id, open, last_command_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (campaign_id, alert_type) DO UPDATE SET open = EXCLUDED.open, last_command_id = EXCLUDED.last_command_id, updated_at = now()`,
      [campaign.campaignId, alertType, campaign.orgId, state.open, state.lastCommandId],
    );
  }
}
