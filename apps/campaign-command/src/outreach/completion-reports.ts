import type { outreach } from '@campaign/domain';
import { quoteIdent } from '@campaign/eventstore';
import type { Pool } from 'pg';

/**
 * Where the counters of a completing campaign come from (seed 004, On Completion: "Generate
 * completion report"). The command side keeps no counters of its own, so a CompleteCampaign
 * that arrives without a report (HTTP, Kafka, the end-date timer) gets one from here before
 * the decider sees it. The dispatcher may provide a source from its own state instead.
 */
export interface CompletionReports {
  reportFor(orgId: string, campaignId: string): Promise<outreach.CompletionReport>;
}

export const COMPLETION_REPORTS = Symbol('COMPLETION_REPORTS');

export const EMPTY_REPORT: outreach.CompletionReport = {
  totalContacts: 0,
  contactsReached: 0,
  emailsSent: 0,
  linkedinMessagesSent: 0,
  responsesReceived: 0,
  conversions: 0,
  responseRate: 0,
};

/** Postgres codes meaning "the read model is not there (yet)": no schema or table. */
const MISSING_READ_MODEL = new Set(['42P01', '3F000']);

interface CampaignCounters {
  total_contacts: string;
  contacts_reached: number | null;
  emails_sent: number | null;
  linkedin_messages_sent: number | null;
  responses_received: number | null;
  conversions: number | null;
  response_rate: string | null;
}

/**
 * The default source: the projection's `campaigns` row (seed 004's aggregate counters) and
 * the count of its `campaign_contacts`; zeros when the row or the read model is missing.
 */
export class ReadModelCompletionReports implements CompletionReports {
  private readonly schema: string;

  constructor(private readonly pool: Pool, schema: string) {
    this.schema = quoteIdent(schema);
  }

  async reportFor(orgId: string, campaignId: string): Promise<outreach.CompletionReport> {
    let row: CampaignCounters | undefined;
    try {
      ({ rows: [row] } = await this.pool.query<CampaignCounters>(
        `SELECT (SELECT count(*) FROM ${this.schema}.campaign_contacts cc WHERE cc.campaign_id = c.id) AS total_contacts,
                c.contacts_reached, c.emails_sent, c.linkedin_messages_sent, c.responses_received, c.conversions, c.response_rate
           FROM ${this.schema}.campaigns c WHERE c.id::text = $1 AND c.org_id::text = $2`,
        [campaignId, orgId],
      ));
    } catch (error) {
      if (MISSING_READ_MODEL.has((error as { code?: string }).code ?? '')) return EMPTY_REPORT;
      throw error;
    }
    if (!row) return EMPTY_REPORT;
    return {
      totalContacts: Number(row.total_contacts),
      contactsReached: row.contacts_reached ?? 0,
      emailsSent: row.emails_sent ?? 0,
      linkedinMessagesSent: row.linkedin_messages_sent ?? 0,
      responsesReceived: row.responses_received ?? 0,
      conversions: row.conversions ?? 0,
      responseRate: row.response_rate === null ? 0 : Number(row.response_rate),
    };
  }
}
