import { quoteIdent } from '@campaign/eventstore';
import { timersDdl } from '@campaign/timers';

/**
 * The ads timers' schema: the generic tables, plus what the policy remembers of each subject
 * (an account, an action, a recommendation: its org, which the commands its timers send act in).
 */
export const adsTimersDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  const views = (table: string, key: string) => `
CREATE TABLE IF NOT EXISTS ${s}.${table} (
  ${key}         UUID PRIMARY KEY,
  view           JSONB NOT NULL,
  stream_version INTEGER NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);`;
  return `${timersDdl(schema)}${views('accounts', 'account_id')}${views('actions', 'action_id')}${views('recommendations', 'recommendation_id')}
`;
};
