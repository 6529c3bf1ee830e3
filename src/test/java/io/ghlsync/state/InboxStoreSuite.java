package io.ghlsync.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inbox's contract, run unchanged on the embedded H2 file and on PostgreSQL (like {@link StateStoreSuite}): each
 * subclass only says which database. Time is a clock the test moves, so leases expire without waiting.
 */
abstract class InboxStoreSuite {

    private static final Duration LEASE = Duration.ofSeconds(30);

    protected SuiteDatabase database;
    protected StateDatabase db;
    private final TestClock clock = new TestClock();
    private JdbcInbox inbox;

    protected abstract SuiteDatabase newDatabase();

    @BeforeEach
    void openDatabase() {
        database = newDatabase();
        db = database.open();
        inbox = node("node-a");
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        if (database != null) {
            database.destroy();
        }
    }

    private JdbcInbox node(String id) {
        return new JdbcInbox(db.dataSource(), clock, id);
    }

    private Inbox.Acceptance accept(String eventId, String key) {
        return inbox.accept("cliengo", "lead.updated", eventId, key, "{\"event\":\"" + eventId + "\"}",
                Map.of("X-Cliengo-Delivery", "d-" + eventId));
    }

    private List<String> claimedEvents(Inbox node, int limit) {
        return node.claim("cliengo", limit, LEASE).stream().map(InboxItem::eventId).toList();
    }

    // --- accepting ---

    @Test
    void anEventIsStoredOnceAndARedeliveryAnswersTheFirstId() {
        Inbox.Acceptance first = accept("ev-1", "loc:lead-1");
        Inbox.Acceptance again = accept("ev-1", "loc:lead-1");

        assertThat(first.isNew()).isTrue();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(inbox.accept("clientjoy", "x", "ev-1", "k", "{}", null).isNew()).as("another source").isTrue();

        InboxItem stored = inbox.find(first.id()).orElseThrow();
        assertThat(stored.payload()).isEqualTo("{\"event\":\"ev-1\"}");
        assertThat(stored.headers()).containsExactly(Map.entry("X-Cliengo-Delivery", "d-ev-1"));
        assertThat(stored.state()).isEqualTo(InboxState.PENDING);
        assertThat(stored.eventType()).isEqualTo("lead.updated");
    }

    @Test
    void anAcceptedItemIsStillThereAfterReopeningAndStillADuplicate() {
        long id = accept("ev-1", "k").id();
        db.close();
        db = database.open();
        inbox = node("node-b");

        assertThat(inbox.find(id)).isPresent();
        assertThat(accept("ev-1", "k")).isEqualTo(new Inbox.Acceptance(id, true));
    }

    @Test
    void aFailedItemDeliveredAgainRunsAgainWhileAFinishedOneStaysFinished() {
        long failed = accept("ev-failed", "k1").id();
        long done = accept("ev-done", "k2").id();
        assertThat(claimedEvents(inbox, 10)).containsExactlyInAnyOrder("ev-failed", "ev-done");
        inbox.fail(failed, "handed to the dead letters");
        inbox.complete(done);

        // the dead letter's replay (or the source) delivers the same event again, with a corrected payload
        Inbox.Acceptance replay = inbox.accept("cliengo", "lead.updated", "ev-failed", "k1", "{\"fixed\":true}", Map.of());
        Inbox.Acceptance redelivery = accept("ev-done", "k2");

        assertThat(replay).isEqualTo(new Inbox.Acceptance(failed, false));
        assertThat(inbox.find(failed).orElseThrow().state()).isEqualTo(InboxState.PENDING);
        assertThat(inbox.find(failed).orElseThrow().payload()).isEqualTo("{\"fixed\":true}");
        assertThat(redelivery).isEqualTo(new Inbox.Acceptance(done, true));
        assertThat(inbox.find(done).orElseThrow().state()).isEqualTo(InboxState.DONE);
        assertThat(claimedEvents(inbox, 10)).containsExactly("ev-failed");
    }

    @Test
    void itemsWithoutEventIdNeverCollide() {
        Inbox.Acceptance a = inbox.accept("cliengo", null, null, "k", "{}", null);
        Inbox.Acceptance b = inbox.accept("cliengo", null, null, "k", "{}", null);
        assertThat(a.isNew()).isTrue();
        assertThat(b.isNew()).isTrue();
        assertThat(b.id()).isGreaterThan(a.id());
    }

    @Test
    void ofEightDeliveriesRacingWithOneEventExactlyOneIsNewAndAllGetItsId() throws Exception {
        for (int round = 0; round < 5; round++) {
            String eventId = "race-" + round;
            List<Inbox.Acceptance> results = race(8, () -> accept(eventId, "k-" + eventId));
            assertThat(results).as("round " + round).filteredOn(Inbox.Acceptance::isNew).hasSize(1);
            assertThat(results.stream().map(Inbox.Acceptance::id).distinct()).hasSize(1);
        }
        assertThat(count("SELECT COUNT(*) FROM inbox")).isEqualTo(5);
    }

    @Test
    void aPolledPageIsStoredInOrderInOneTransaction() throws SQLException {
        accept("p-2", "k2");
        List<Inbox.NewItem> page = List.of(
                new Inbox.NewItem("cliengo", "lead", "p-1", "k1", "{\"n\":1}", null),
                new Inbox.NewItem("cliengo", "lead", "p-2", "k2", "{\"n\":2}", null),
                new Inbox.NewItem("cliengo", "lead", "p-3", "k3", "{\"n\":3}", null));

        List<Inbox.Acceptance> results = inbox.acceptAll(page);

        assertThat(results).extracting(Inbox.Acceptance::duplicate).containsExactly(false, true, false);
        assertThat(results.get(0).id()).isLessThan(results.get(2).id());
        assertThat(count("SELECT COUNT(*) FROM inbox")).isEqualTo(3);
    }

    @Test
    void aPageThatCannotBeStoredWhollyIsNotStoredAtAll() throws SQLException {
        List<Inbox.NewItem> page = List.of(
                new Inbox.NewItem("cliengo", "lead", "q-1", "k1", "{}", null),
                new Inbox.NewItem("cliengo", "lead", "q-2", "k".repeat(600), "{}", null)); // longer than ordering_key

        assertThatThrownBy(() -> inbox.acceptAll(page)).isInstanceOf(StateStoreException.class);
        assertThat(count("SELECT COUNT(*) FROM inbox")).isZero();
    }

    // --- claiming in order ---

    @Test
    void aKeyIsProcessedInAcceptanceOrderOneItemAtATimeWhileOtherKeysGoAhead() {
        accept("contact-1", "lead-1");
        accept("note-1", "lead-1");
        accept("other-1", "lead-2");
        accept("task-1", "lead-1");
        accept("other-2", "lead-2");

        List<InboxItem> first = inbox.claim("cliengo", 10, LEASE);
        assertThat(first).extracting(InboxItem::eventId).containsExactly("contact-1", "other-1");
        assertThat(claimedEvents(inbox, 10)).as("both keys are busy").isEmpty();

        inbox.complete(first.get(0).id());
        assertThat(claimedEvents(inbox, 10)).as("the note follows its contact").containsExactly("note-1");
        inbox.complete(first.get(1).id());
        List<InboxItem> third = inbox.claim("cliengo", 10, LEASE);
        assertThat(third).extracting(InboxItem::eventId).containsExactly("other-2");
    }

    /** A Clientjoy change and the GHL events of one contact share its key: they never run at once, in any source. */
    @Test
    void anOrderingKeyIsSharedBySources() {
        inbox.accept("clientjoy", "client.changed", "change-1", "contact-1", "{}", null);
        accept("ghl-event", "contact-1");
        assertThat(claimedEvents(inbox, 10)).as("the other source's earlier item of the key comes first").isEmpty();
    }

    @Test
    void theLimitCapsAClaimAndOtherSourcesAreNotTaken() {
        for (int i = 0; i < 5; i++) {
            accept("e-" + i, "key-" + i);
        }
        inbox.accept("clientjoy", null, "c-1", "key-c", "{}", null);
        assertThat(claimedEvents(inbox, 3)).containsExactly("e-0", "e-1", "e-2");
        assertThat(claimedEvents(inbox, 3)).containsExactly("e-3", "e-4");
    }

    @Test
    void aRetriedItemBlocksItsKeyUntilItIsDueAndThenComesFirst() {
        long contact = accept("contact-1", "lead-1").id();
        accept("note-1", "lead-1");
        inbox.claim("cliengo", 10, LEASE);

        assertThat(inbox.retryLater(contact, Duration.ofSeconds(10), "GHL answered 503")).isTrue();
        assertThat(claimedEvents(inbox, 10)).as("backing off: the note must not overtake").isEmpty();

        clock.advance(Duration.ofSeconds(11));
        List<InboxItem> again = inbox.claim("cliengo", 10, LEASE);
        assertThat(again).extracting(InboxItem::eventId).containsExactly("contact-1");
        assertThat(again.get(0).attempts()).isEqualTo(2);
        assertThat(again.get(0).lastError()).isEqualTo("GHL answered 503");
    }

    @Test
    void aFailedItemStopsBlockingItsKeyAndKeepsItsReason() {
        long contact = accept("contact-1", "lead-1").id();
        accept("note-1", "lead-1");
        inbox.claim("cliengo", 10, LEASE);

        assertThat(inbox.fail(contact, "mapping: email is not an address")).isTrue();

        assertThat(claimedEvents(inbox, 10)).containsExactly("note-1");
        InboxItem failed = inbox.find(contact).orElseThrow();
        assertThat(failed.state()).isEqualTo(InboxState.FAILED);
        assertThat(failed.lastError()).isEqualTo("mapping: email is not an address");
    }

    @Test
    void anEarlierItemCommittedLateWaitsWhileALaterOneOfItsKeyIsLeased() throws SQLException {
        long early = accept("early", "lead-1").id();
        long late = accept("late", "lead-1").id();
        // as if "late" had committed (and been claimed) before "early", which took its id first, committed
        rawUpdate("UPDATE inbox SET state = 'processing', claimed_by = 'node-x', claimed_until = ? WHERE id = ?",
                clock.instant().plus(LEASE), late);

        assertThat(claimedEvents(inbox, 10)).as("two items of one key at once").isEmpty();
        assertThat(inbox.find(early).orElseThrow().state()).isEqualTo(InboxState.PENDING);
    }

    // --- ordered release (sequenced items) ---

    private long acceptSequenced(String eventId, String key, long sequence) {
        return inbox.accept(new Inbox.NewItem("cliengo-batches", "batch", eventId, key, "{}", null, sequence)).id();
    }

    private List<String> claimedBatches(int limit, long releasedBelow) {
        return inbox.claim("cliengo-batches", limit, LEASE, releasedBelow).stream().map(InboxItem::eventId).toList();
    }

    @Test
    void sequencedItemsRunOneAtATimeInSequenceOrderWhateverTheirAcceptanceOrder() {
        long late = acceptSequenced("batch-of-lead-9", "lead-9", 20);
        acceptSequenced("batch-of-lead-3", "lead-3", 10);
        inbox.accept(new Inbox.NewItem("cliengo-batches", "batch", "known-lead", "lead-1", "{}", null));

        List<InboxItem> first = inbox.claim("cliengo-batches", 10, LEASE, Long.MAX_VALUE);
        assertThat(first).extracting(InboxItem::eventId).as("the smaller sequence first, and an unsequenced item beside it")
                .containsExactly("batch-of-lead-3", "known-lead");
        assertThat(claimedBatches(10, Long.MAX_VALUE)).as("one sequenced item at a time").isEmpty();

        inbox.complete(first.get(0).id());
        assertThat(claimedBatches(10, Long.MAX_VALUE)).containsExactly("batch-of-lead-9");
        assertThat(inbox.find(late).orElseThrow().state()).isEqualTo(InboxState.PROCESSING);
    }

    @Test
    void aSequencedItemWaitsForTheWatermarkAndAFailedOneStopsBlocking() {
        long first = acceptSequenced("batch-a", "lead-a", 10);
        acceptSequenced("batch-b", "lead-b", 20);

        assertThat(claimedBatches(10, 10)).as("nothing below the mark of 10").isEmpty();
        assertThat(claimedBatches(10, 15)).containsExactly("batch-a");
        inbox.fail(first, "handed to the dead letters");
        assertThat(claimedBatches(10, 20)).as("20 is not below 20").isEmpty();
        assertThat(claimedBatches(10, 21)).containsExactly("batch-b");
    }

    @Test
    void aSequencedItemRetriedLaterHoldsBackTheLaterOnes() {
        long first = acceptSequenced("batch-a", "lead-a", 10);
        acceptSequenced("batch-b", "lead-b", 20);
        assertThat(claimedBatches(10, Long.MAX_VALUE)).containsExactly("batch-a");

        inbox.retryLater(first, Duration.ofSeconds(10), "GHL answered 503");
        assertThat(claimedBatches(10, Long.MAX_VALUE)).as("a new contact must not overtake an earlier one").isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(claimedBatches(10, Long.MAX_VALUE)).containsExactly("batch-a");
    }

    @Test
    void aLeadsOlderBatchStoredAfterItsNewerOneRunsFirstAndHoldsNothingBack() {
        // after a crash the aggregator recovers a lead's older batch (sequence 20) and stores it after a newer one (28)
        acceptSequenced("second-batch-of-lead-7", "lead-7", 28);
        acceptSequenced("first-batch-of-lead-7", "lead-7", 20);
        acceptSequenced("batch-of-lead-8", "lead-8", 21);

        List<String> order = new ArrayList<>();
        for (int claim = 1; claim <= 3; claim++) {
            List<InboxItem> claimed = inbox.claim("cliengo-batches", 10, LEASE, Long.MAX_VALUE);
            assertThat(claimed).as("claim %d releases one item", claim).hasSize(1);
            order.add(claimed.get(0).eventId());
            inbox.complete(claimed.get(0).id());
        }
        assertThat(order).as("intake order, across keys and within lead 7's")
                .containsExactly("first-batch-of-lead-7", "batch-of-lead-8", "second-batch-of-lead-7");
    }

    // --- leases ---

    @Test
    void anExpiredLeaseIsTakenByAnotherNodeAndTheFirstCanNoLongerFinishIt() {
        long id = accept("contact-1", "lead-1").id();
        JdbcInbox other = node("node-b");
        assertThat(claimedEvents(inbox, 10)).containsExactly("contact-1");
        assertThat(claimedEvents(other, 10)).as("leased to node-a").isEmpty();

        clock.advance(LEASE.plusSeconds(1)); // node-a crashed: nobody extends its lease
        List<InboxItem> retaken = other.claim("cliengo", 10, LEASE);

        assertThat(retaken).extracting(InboxItem::id).containsExactly(id);
        assertThat(retaken.get(0).attempts()).isEqualTo(2);
        assertThat(inbox.complete(id)).as("node-a lost its lease").isFalse();
        assertThat(other.complete(id)).isTrue();
        assertThat(inbox.find(id).orElseThrow().state()).isEqualTo(InboxState.DONE);
    }

    @Test
    void anExtendedLeaseIsNotTakenAndExtendingCountsOnlyLeasesStillHeld() {
        long a = accept("a", "k1").id();
        long b = accept("b", "k2").id();
        inbox.claim("cliengo", 10, LEASE);
        inbox.complete(b);

        clock.advance(Duration.ofSeconds(20));
        assertThat(inbox.extendLeases(List.of(a, b), LEASE)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));

        assertThat(claimedEvents(node("node-b"), 10)).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        assertThat(claimedEvents(node("node-b"), 10)).containsExactly("a");
    }

    @Test
    void theBacklogCountsUnfinishedItemsPerSourceAndPurgeForgetsOldFinishedOnes() {
        long a = accept("a", "k1").id();
        accept("b", "k2");
        inbox.accept("clientjoy", null, "c", "k3", "{}", null);
        inbox.claim("cliengo", 1, LEASE);
        assertThat(inbox.backlog()).containsExactly(Map.entry("cliengo", 2L), Map.entry("clientjoy", 1L));

        inbox.complete(a);
        assertThat(inbox.backlog()).containsEntry("cliengo", 1L);

        assertThat(inbox.purgeFinishedBefore(clock.instant())).as("not older than the cutoff").isZero();
        assertThat(inbox.purgeFinishedBefore(clock.instant().plusSeconds(1))).isEqualTo(1);
        assertThat(accept("a", "k1").isNew()).as("purged: a redelivery is new again").isTrue();
    }

    // --- several nodes at once ---

    @Test
    void fourNodesClaimingAtOnceNeverRunOneKeyTwiceAtATimeAndKeepEachKeysOrder() throws Exception {
        // the test clock stands still, so no lease expires here: any overlap would be a claiming bug
        int keys = 8;
        int perKey = 15;
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                accept("e-" + k + "-" + i, "key-" + k);
            }
        }
        Set<String> busyKeys = ConcurrentHashMap.newKeySet();
        Map<String, List<Long>> processed = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger node = new AtomicInteger();
        race(4, () -> {
            JdbcInbox me = node("node-" + node.incrementAndGet());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (done.get() < keys * perKey && System.nanoTime() < deadline) {
                for (InboxItem item : me.claim("cliengo", 3, LEASE)) {
                    if (!busyKeys.add(item.orderingKey())) {
                        overlaps.incrementAndGet();
                    }
                    processed.computeIfAbsent(item.orderingKey(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(item.id());
                    busyKeys.remove(item.orderingKey());
                    assertThat(me.complete(item.id())).isTrue();
                    done.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(overlaps).hasValue(0);
        assertThat(done).hasValue(keys * perKey);
        processed.forEach((key, ids) -> assertThat(ids).as(key).hasSize(perKey).isSorted());
        assertThat(inbox.backlog()).isEmpty();
    }

    // --- support ---

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2025-06-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        return Race.run(threads, task);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void rawUpdate(String sql, Instant at, long id) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }
}
