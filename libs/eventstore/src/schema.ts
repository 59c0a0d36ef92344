/**
 * The event store's tables. `events` is at once the log and the outbox: the relay follows it
 * by (transaction_id, global_position), never by position alone — a bigserial is assigned at
 * insert but becomes visible at commit, so a reader that trusts positions skips late commits
 * (ARCHITECTURE.md, "Sequence gaps"). Reading only below the publishing horizon, which waits
 * for every open event-writing transaction (publishing-horizon.ts), closes that gap.
 *
 * `processed_commands` remembers each command's outcome under its key (context, tenant,
 * command id) with the request's fingerprint (see idempotency.ts); tenant is '' where a context
 * has none. `events.command_id` names the command that wrote an event, but is no key: the same
 * id may be used by another context or tenant, so never look an outcome up by it alone.
 */
import { guardsDdl } from './guards';
import { quoteIdent } from './sql';

/**
 * Databases made before keys were scoped had `command_id` alone as the key. They are migrated
 * once, under migrate()'s lock, in its transaction: the tenant of each row is taken from its
 * command's events, or for a rejection (which wrote none) from the stream it addressed, so old
 * keys still deduplicate for their own tenant. Old rows have no fingerprint. On later starts
 * the check finds the new key and does nothing.
 */
const scopeProcessedCommands = (s: string): string => `
DO $scope$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint
              WHERE conrelid = '${s}.processed_commands'::regclass AND conname = 'processed_commands_pkey') THEN
    ALTER TABLE ${s}.processed_commands
      ADD COLUMN IF NOT EXISTS tenant TEXT NOT NULL DEFAULT '',
      ADD COLUMN IF NOT EXISTS fingerprint TEXT;
    UPDATE ${s}.processed_commands p SET tenant = e.tenant
      FROM (SELECT DISTINCT ON (context, command_id) context, command_id, tenant
              FROM ${s}.events WHERE command_id IS NOT NULL AND tenant IS NOT NULL) e
     WHERE e.context = p.context AND e.command_id = p.command_id;
    UPDATE ${s}.processed_commands p
       SET tenant = COALESCE((SELECT e.tenant FROM ${s}.events e
                               WHERE e.stream_id = p.stream_id AND e.tenant IS NOT NULL LIMIT 1), '')
     WHERE p.tenant = '';
    ALTER TABLE ${s}.processed_commands
      DROP CONSTRAINT processed_commands_pkey,
      ADD CONSTRAINT processed_commands_scoped_pkey PRIMARY KEY (context, tenant, command_id);
  END IF;
END
$scope$;
`;

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
  context      TEXT NOT NULL,
  tenant       TEXT NOT NULL DEFAULT '',
  command_id   TEXT NOT NULL,
  stream_id    TEXT NOT NULL,
  fingerprint  TEXT,
  result       JSONB NOT NULL,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT processed_commands_scoped_pkey PRIMARY KEY (context, tenant, command_id)
);
${scopeProcessedCommands(s)}
CREATE INDEX IF NOT EXISTS processed_commands_age ON ${s}.processed_commands (processed_at);

CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
  name            TEXT PRIMARY KEY,
  transaction_id  XID8 NOT NULL,
  global_position BIGINT NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
${guardsDdl(s)}`;
};
