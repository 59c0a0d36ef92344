/**
 * The event store's tables. `events` is at once the log and the outbox: the relay follows it
 * by (transaction_id, global_position), never by position alone — a bigserial is assigned at
 * insert but becomes visible at commit, so a reader that trusts positions skips late commits
 * (ARCHITECTURE.md, "Sequence gaps"). Reading only below the snapshot's xmin closes that gap.
 */
import { quoteIdent } from './sql';

export const eventStoreDdl = (schema: string): string => {
  const s = quoteIdent(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE IF NOT EXISTS ${s}.events (
  global_position BIGSERIAL NOT NULL,
  transaction_id  XID8 NOT NULL DEFAULT pg_current_xact_id(),
  event_id        UUID NOT NULL,
  context         TEXT NOT NULL,
  stream_id       TEXT NOT NULL,
  stream_version  INTEGER NOT NULL CHECK (stream_version > 0),
  event_type      TEXT NOT NULL,
  schema_version  INTEGER NOT NULL,
  data            JSONB NOT NULL,
  occurred_at     TIMESTAMPTZ NOT NULL,
  correlation_id  TEXT NOT NULL,
  causation_id    TEXT,
  actor           TEXT NOT NULL,
  tenant          TEXT,
  command_id      TEXT,
  PRIMARY KEY (stream_id, stream_version),
  UNIQUE (event_id)
);
CREATE INDEX IF NOT EXISTS events_transaction_order ON ${s}.events (transaction_id, global_position);
CREATE INDEX IF NOT EXISTS events_context_order ON ${s}.events (context, transaction_id, global_position);

CREATE TABLE IF NOT EXISTS ${s}.processed_commands (
  command_id   TEXT PRIMARY KEY,
  context      TEXT NOT NULL,
  stream_id    TEXT NOT NULL,
  result       JSONB NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
  name            TEXT PRIMARY KEY,
  transaction_id  XID8 NOT NULL,
  global_position BIGINT NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;
};
