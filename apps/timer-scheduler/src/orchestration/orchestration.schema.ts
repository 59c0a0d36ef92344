import { quoteIdent } from '@campaign/eventstore';
import { timersDdl } from '@campaign/timers';

/** The tables of what the policy remembers of each kind of subject (its org: the tenant of the commands its timers send). */
export const ORCHESTRATION_SUBJECT_TABLES = { step: 'step_attempts', content: 'contents', workflow: 'workflows' } as const;

/** The orchestration timers' schema: the generic tables, plus one view table per kind of subject. */
export const orchestrationTimersDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  const views = Object.values(ORCHESTRATION_SUBJECT_TABLES).map(
    (table) => `
CREATE TABLE IF NOT EXISTS ${s}.${table} (
  subject_id     UUID PRIMARY KEY,
  view           JSONB NOT NULL,
  stream_version INTEGER NOT NULL,
  updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);`,
  );
  return `${timersDdl(schema)}${views.join('')}
`;
};
