-- ghl-sync state store, version 7: what the GHL -> Clientjoy reconciliation (routes/ghl-reconcile.camel.yaml) has seen
-- on each side during one run, so that "linked but no longer listed" is one query over the link table instead of id
-- sets held in memory (a location can have hundreds of thousands of contacts). Rows live only while their run does:
-- a run clears what any earlier, interrupted run left.
CREATE TABLE reconcile_seen (
    run_id    VARCHAR(64)  NOT NULL, -- one reconciliation run
    side      VARCHAR(16)  NOT NULL, -- 'ghl' (a GHL contact id) or 'target' (a Clientjoy client id)
    record_id VARCHAR(255) NOT NULL,
    -- a contact listed twice (paging over a list that changes meanwhile) is kept once
    CONSTRAINT reconcile_seen_pk PRIMARY KEY (run_id, side, record_id)
);
