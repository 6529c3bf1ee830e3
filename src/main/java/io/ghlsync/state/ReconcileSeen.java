package io.ghlsync.state;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The ids one reconciliation run has seen listed on each side, and the links that none of them names: what the
 * reconciliation of GHL and a target system compares, kept in the database so that memory holds one page at a time.
 */
public interface ReconcileSeen {

    /** The side a seen id was listed on. */
    enum Side {
        /** a GHL contact id */
        GHL,
        /** a target-system record id (the link's source id) */
        TARGET;

        String dbName() {
            return this == GHL ? "ghl" : "target";
        }
    }

    /** A link whose record was not listed: its target-system id and its GHL id. */
    record Unseen(String sourceId, String ghlId) {
    }

    /** Forgets every run's ids (a run starts clean; an interrupted run left its ids behind). */
    void clear();

    /** Records ids listed on one side in this run; ids seen before in the run are kept once. */
    void add(String runId, Side side, Collection<String> ids);

    /**
     * How many contact links of {@code sourceSystem} in {@code locationId}, last written before {@code before}, name a
     * record that this run did not see on {@code side}.
     */
    long countUnseen(String runId, Side side, String sourceSystem, String locationId, Instant before);

    /** Those links, at most {@code limit} of them. */
    List<Unseen> unseen(String runId, Side side, String sourceSystem, String locationId, Instant before, int limit);

    /** How many contact links {@code sourceSystem} has in {@code locationId}. */
    long linkedContacts(String sourceSystem, String locationId);
}
