-- ghl-sync state store, version 3: durable aggregation (camel-sql's JdbcAggregationRepository), so that events held
-- in an aggregate EIP survive a crash. The inbox marks an event done as soon as it has entered the aggregator; from
-- then on these rows are its only copy, until the combined exchange has been processed (moved to *_completed while it
-- runs, deleted once it succeeded, recovered and retried if the process died or the processing failed).
-- The layout is the one JdbcAggregationRepository reads and writes: id (the correlation key, or in *_completed the
-- exchange id), the serialised exchange, and a version for its optimistic locking.

-- routes/cliengo-to-ghl.camel.yaml: a Cliengo lead's events within the aggregation window, keyed by lead id
CREATE TABLE cliengo_lead_events (
    id       VARCHAR(255) NOT NULL,
    exchange BYTEA        NOT NULL,
    version  BIGINT       NOT NULL,
    CONSTRAINT cliengo_lead_events_pk PRIMARY KEY (id)
);
CREATE TABLE cliengo_lead_events_completed (
    id       VARCHAR(255) NOT NULL,
    exchange BYTEA        NOT NULL,
    version  BIGINT       NOT NULL,
    CONSTRAINT cliengo_lead_events_completed_pk PRIMARY KEY (id)
);

-- routes/cliengo-to-ghl.camel.yaml: existing GHL contacts that get the same tags added, keyed by the tag set, up to
-- 100 contacts per POST /contacts/bulk/tags/update/add
CREATE TABLE cliengo_tag_additions (
    id       VARCHAR(255) NOT NULL,
    exchange BYTEA        NOT NULL,
    version  BIGINT       NOT NULL,
    CONSTRAINT cliengo_tag_additions_pk PRIMARY KEY (id)
);
CREATE TABLE cliengo_tag_additions_completed (
    id       VARCHAR(255) NOT NULL,
    exchange BYTEA        NOT NULL,
    version  BIGINT       NOT NULL,
    CONSTRAINT cliengo_tag_additions_completed_pk PRIMARY KEY (id)
);
