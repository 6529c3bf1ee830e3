-- ghl-sync state store, version 10: an index that hands a claim the due items of a source in id order.

-- A claim asks for "the oldest pending items of source S without a sequence". Index (source_system, state,
-- intake_sequence) found them but not in id order, so each claim read and sorted the source's whole backlog (2,066
-- rows with a backlog of 2,000, on every claim); with id as a fourth column the database reads them in order and stops
-- after the few it claims (16 rows). It also serves the first-sequence lookup, which needed the three-column index.
CREATE INDEX inbox_source_state_sequence_id_ix ON inbox (source_system, state, intake_sequence, id);
DROP INDEX inbox_source_state_intake_sequence_ix;
