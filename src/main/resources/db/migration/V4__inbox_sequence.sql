-- ghl-sync state store, version 4: ordered release of inbox items across ordering keys.

-- An item may carry a sequence (for the Cliengo flow: the inbox id of its lead's first event, i.e. intake order). Items
-- of a source that carry one are processed one at a time, in sequence order, and only once nothing with a smaller
-- sequence is still upstream (the consumer's watermark). A new GHL contact is created from such an item: GHL cannot
-- merge contacts, so two leads of one person must reach it in the order they were received.
ALTER TABLE inbox ADD COLUMN intake_sequence BIGINT;
-- the first unfinished sequence of a source; the one item that has it, and the items that have none (claims look up
-- each kind without reading the other's rows)
CREATE INDEX inbox_source_state_intake_sequence_ix ON inbox (source_system, state, intake_sequence);
CREATE INDEX inbox_source_intake_sequence_ix ON inbox (source_system, intake_sequence, id);

-- The intake sequence of each open (and completed, not yet stored) lead batch: the watermark is the smallest of these
-- and of the unfinished items of inbox:cliengo. JdbcAggregationRepository writes the column from the header of the
-- same name (headersToStoreAsText), as text.
ALTER TABLE cliengo_lead_events ADD COLUMN cliengoFirstSequence VARCHAR(20);
ALTER TABLE cliengo_lead_events_completed ADD COLUMN cliengoFirstSequence VARCHAR(20);
