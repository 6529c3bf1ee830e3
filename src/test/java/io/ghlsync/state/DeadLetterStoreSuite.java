package io.ghlsync.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dead-letter store's contract, run unchanged on every database ghl-sync supports (as {@link StateStoreSuite}):
 * each subclass only says which database.
 */
abstract class DeadLetterStoreSuite {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    protected SuiteDatabase database;
    protected StateDatabase db;
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private DeadLetters letters;

    protected abstract SuiteDatabase newDatabase();

    @BeforeEach
    void openDatabase() {
        database = newDatabase();
        db = database.open();
        letters = new JdbcDeadLetters(db.dataSource(), clock());
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

    private Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    static DeadLetterFailure mappingFailure(String route) {
        return new DeadLetterFailure(route, "cliengo", "loc-1", "direct://" + route,
                "{\"id\":\"ld_1\",\"status\":\"archived\"}", null, Map.of("CamelGhlLocationId", "loc-1"),
                "io.ghlsync.mapping.MappingException", "mapping refused the record", "customFields.lead_status", null, 1);
    }

    static DeadLetterFailure ghlFailure(String route, int status) {
        return new DeadLetterFailure(route, "clientjoy", "loc-2", null, "{\"id\":\"c-9\"}", "{\"email\":\"x@example.com\"}",
                Map.of(), "io.ghlsync.ghl.GhlApiException", "upsert-contact failed with HTTP " + status, null, status, 1);
    }

    @Test
    void aStoredLetterReadsBackWithEverythingItRecords() {
        long id = letters.add(mappingFailure("cliengo-leads"));

        DeadLetter letter = letters.get(id).orElseThrow();
        assertThat(letter.id()).isEqualTo(id);
        assertThat(letter.failure()).isEqualTo(mappingFailure("cliengo-leads"));
        assertThat(letter.status()).isEqualTo(DeadLetterStatus.PENDING);
        assertThat(letter.createdAt()).isEqualTo(T0);
        assertThat(letter.updatedAt()).isEqualTo(T0);
        assertThat(letters.get(id + 1000)).isEmpty();
    }

    @Test
    void aLetterSurvivesReopeningTheDatabase() {
        long id = letters.add(ghlFailure("clientjoy-sync", 422));
        db.close();
        db = database.open();
        letters = new JdbcDeadLetters(db.dataSource(), clock());
        assertThat(letters.get(id).orElseThrow().failure().httpStatus()).isEqualTo(422);
    }

    @Test
    void listFiltersByEveryCriterionAndPagesOldestFirst() {
        long a = letters.add(mappingFailure("cliengo-leads"));
        now.set(T0.plusSeconds(60));
        long b = letters.add(ghlFailure("clientjoy-sync", 422));
        now.set(T0.plusSeconds(120));
        long c = letters.add(ghlFailure("clientjoy-sync", 400));
        letters.discard(c);

        DeadLetterFilter all = DeadLetterFilter.all();
        assertThat(ids(all)).containsExactly(a, b, c);
        assertThat(ids(all.withRoute("clientjoy-sync"))).containsExactly(b, c);
        assertThat(ids(all.withSourceSystem("cliengo"))).containsExactly(a);
        assertThat(ids(all.withErrorClass("GhlApiException"))).as("simple name").containsExactly(b, c);
        assertThat(ids(all.withErrorClass("io.ghlsync.ghl.GhlApiException"))).as("full name").containsExactly(b, c);
        assertThat(ids(all.withErrorClass("ApiException"))).as("not a suffix match").isEmpty();
        assertThat(ids(all.withHttpStatus(422))).containsExactly(b);
        assertThat(ids(all.withStatuses(DeadLetterFilter.OPEN))).containsExactly(a, b);
        assertThat(ids(all.withStatuses(Set.of(DeadLetterStatus.DISCARDED)))).containsExactly(c);
        assertThat(ids(all.withCreated(T0.plusSeconds(60), null))).containsExactly(b, c);
        assertThat(ids(all.withCreated(null, T0.plusSeconds(60)))).containsExactly(a);
        assertThat(ids(all.withRoute("clientjoy-sync").withHttpStatus(400))).containsExactly(c);

        assertThat(letters.list(all, 2, 0)).extracting(DeadLetter::id).containsExactly(a, b);
        assertThat(letters.list(all, 2, 2)).extracting(DeadLetter::id).containsExactly(c);
        assertThat(letters.count(all)).isEqualTo(3);
        assertThat(letters.count(all.withStatuses(DeadLetterFilter.OPEN))).isEqualTo(2);
        assertThat(letters.ids(all, a, 10)).containsExactly(b, c);
    }

    @Test
    void aReplayClaimsOnceAndAReplayedLetterLeavesTheOpenList() {
        long id = letters.add(mappingFailure("cliengo-leads"));

        assertThat(letters.claimForReplay(id)).isTrue();
        assertThat(letters.claimForReplay(id)).as("a second replay while the first runs").isFalse();
        assertThat(letters.discard(id)).as("a running replay is not discarded under it").isFalse();
        assertThat(letters.markReplayed(id)).isTrue();
        assertThat(letters.claimForReplay(id)).as("after it went through").isFalse();
        assertThat(letters.get(id).orElseThrow().status()).isEqualTo(DeadLetterStatus.REPLAYED);
        assertThat(letters.count(DeadLetterFilter.all().withStatuses(DeadLetterFilter.OPEN))).isZero();
    }

    @Test
    void aReplayThatFailsAgainUpdatesTheSameLetter() {
        long id = letters.add(mappingFailure("cliengo-leads"));
        letters.claimForReplay(id);
        now.set(T0.plusSeconds(30));

        assertThat(letters.failedAgain(id, ghlFailure("cliengo-leads", 422))).isTrue();

        DeadLetter letter = letters.get(id).orElseThrow();
        assertThat(letter.status()).isEqualTo(DeadLetterStatus.PENDING);
        assertThat(letter.failure().httpStatus()).isEqualTo(422);
        assertThat(letter.failure().errorField()).isNull();
        assertThat(letter.failure().attempts()).as("attempts add up").isEqualTo(2);
        assertThat(letter.failure().sourceRecord()).as("the record stays as first received")
                .isEqualTo(mappingFailure("x").sourceRecord());
        assertThat(letter.createdAt()).isEqualTo(T0);
        assertThat(letter.updatedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(letters.markReplayed(id)).as("the replay's own end finds it failed").isFalse();
        assertThat(letters.count(DeadLetterFilter.all())).isEqualTo(1);
    }

    @Test
    void aReleasedClaimCanBeReplayedAgainAndDiscardedLettersStayDiscarded() {
        long id = letters.add(mappingFailure("cliengo-leads"));
        letters.claimForReplay(id);
        assertThat(letters.releaseClaim(id)).isTrue();
        assertThat(letters.discard(id)).isTrue();
        assertThat(letters.discard(id)).isFalse();
        assertThat(letters.claimForReplay(id)).isFalse();
        assertThat(letters.failedAgain(id, mappingFailure("cliengo-leads"))).isFalse();
    }

    @Test
    void discardByFilterTouchesOnlyMatchingPendingLetters() {
        long a = letters.add(ghlFailure("clientjoy-sync", 422));
        long b = letters.add(ghlFailure("clientjoy-sync", 422));
        long c = letters.add(mappingFailure("cliengo-leads"));
        letters.claimForReplay(b);

        assertThat(letters.discard(DeadLetterFilter.all().withRoute("clientjoy-sync"))).isEqualTo(1);

        assertThat(letters.get(a).orElseThrow().status()).isEqualTo(DeadLetterStatus.DISCARDED);
        assertThat(letters.get(b).orElseThrow().status()).isEqualTo(DeadLetterStatus.REPLAYING);
        assertThat(letters.get(c).orElseThrow().status()).isEqualTo(DeadLetterStatus.PENDING);
    }

    @Test
    void ofEightConcurrentReplaysOfOneLetterExactlyOneClaimsIt() throws Exception {
        for (int round = 0; round < 5; round++) {
            long id = letters.add(mappingFailure("cliengo-leads"));
            assertThat(race(() -> letters.claimForReplay(id))).as("round " + round).containsOnlyOnce(true);
        }
    }

    @Test
    void longMessagesAreCutToTheColumnNotRefused() {
        DeadLetterFailure f = mappingFailure("cliengo-leads");
        DeadLetterFailure longOne = new DeadLetterFailure(f.routeId(), f.sourceSystem(), f.locationId(), f.replayEndpoint(),
                f.sourceRecord(), f.mappedPayload(), f.headers(), f.errorClass(), "x".repeat(10_000), f.errorField(),
                null, 1);
        long id = letters.add(longOne);
        assertThat(letters.get(id).orElseThrow().failure().errorMessage()).hasSize(4000).endsWith("…");
    }

    private List<Long> ids(DeadLetterFilter filter) {
        return letters.list(filter, 100, 0).stream().map(DeadLetter::id).toList();
    }

    private static <T> List<T> race(Callable<T> task) throws Exception {
        return Race.run(8, task);
    }
}
