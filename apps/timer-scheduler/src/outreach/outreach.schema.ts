import { quoteIdent } from '@campaign/eventstore';
import { timersDdl } from '@campaign/timers';

/**
 * The outreach timers' schema: the generic tables, plus what the policy remembers of each
 * contact that has a soft-bounce retry (its `campaigns` table holds the campaigns' views), and
 * an index to list a campaign's contact timers by the campaign named in their payload.
 */
export const outreachTimersDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `${timersDdl(schema)}
CREATE TABLE IF NOT EXISTS ${s}.contacts (
  contact_id     UUID PRIMARY KEY,
  view           JSONB NOT NULL,
  stream_version INTEGER NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS timers_payload_campaign ON ${s}.timers ((payload->>'campaignId'));
`;
};
