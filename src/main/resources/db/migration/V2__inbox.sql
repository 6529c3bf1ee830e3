-- ghl-sync state store, version 2: what the inbox needs beyond version 1's table.

-- Why an item was last put back for a retry, or why it failed: an operator reading the inbox sees the cause without
-- the logs. Bounded, as a message, never the payload.
ALTER TABLE inbox ADD COLUMN last_error VARCHAR(4000);

-- A consumer claims per source, oldest first; this index serves that scan ("pending work of source S by id") and the
-- per-source backlog count for metrics.
CREATE INDEX inbox_source_state_ix ON inbox (source_system, state, id);
