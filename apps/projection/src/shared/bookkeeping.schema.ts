/**
 * The projection's bookkeeping in a context's schema (stream-checkpoints.ts, dead-letters.ts):
 * `s` is the schema's quoted name. Lifecycle and outreach keep theirs as first written, with the
 * columns added in place later.
 */
export const bookkeepingDdl = (s: string): string => `
-- Which stream version each stream's effects reached: makes redelivered events no-ops.
CREATE TABLE IF NOT EXISTS ${s}.projection_checkpoints (
    stream_id TEXT PRIMARY KEY,
    stream_version INTEGER NOT NULL,
    -- A stream waits behind its dead letter until an operator redrives it: that event.
    held_by UUID,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW()
);

-- Events that could not be applied; also sent to the dead-letter topic.
CREATE TABLE IF NOT EXISTS ${s}.projection_dead_letters (
    event_id UUID PRIMARY KEY,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    error TEXT NOT NULL,
    envelope JSONB NOT NULL,
    failed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT NOW(),
    redriven_at TIMESTAMP WITH TIME ZONE
);
`;
