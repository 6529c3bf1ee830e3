package io.ghlsync.operations;

import io.ghlsync.state.DeadLetter;
import io.ghlsync.state.DeadLetterFilter;
import io.ghlsync.state.DeadLetterStatus;
import io.ghlsync.state.DeadLetters;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays dead letters through their normal route: the stored source record and headers are sent to the stored
 * entry point, so mapping, idempotency checks and the GHL call happen exactly as for a new message. A replay first
 * moves the letter PENDING to REPLAYING with a conditional update: of two replays of one letter (two operators, two
 * nodes, a double click) only one sends anything. A replay that fails again is recorded on the same letter
 * (header {@value #REPLAY_OF}), so retrying a letter never piles up copies of it.
 */
public final class DeadLetterReplayer {

    /** Header on a replayed message: the id of the letter it replays. */
    public static final String REPLAY_OF = "GhlSyncDeadLetterId";
    private static final int BATCH = 100;

    private final DeadLetters store;
    private final CamelContext camel;
    private volatile ProducerTemplate template;

    public DeadLetterReplayer(DeadLetters store, CamelContext camel) {
        this.store = store;
        this.camel = camel;
    }

    public ReplayResult replay(long id) {
        Optional<DeadLetter> found = store.get(id);
        if (found.isEmpty()) {
            return new ReplayResult(id, ReplayResult.Outcome.NOT_FOUND, "dead letter " + id + " does not exist");
        }
        DeadLetter letter = found.get();
        String endpoint = letter.failure().replayEndpoint();
        if (endpoint == null) {
            return new ReplayResult(id, ReplayResult.Outcome.NOT_REPLAYABLE, "dead letter " + id + " from route "
                    + letter.failure().routeId() + " has no entry point to replay into (the route starts at an endpoint"
                    + " that cannot be sent to; set the exchange property " + DeadLetterRecorder.REPLAY_ENDPOINT + ")");
        }
        if (!store.claimForReplay(id)) {
            DeadLetterStatus now = store.get(id).map(DeadLetter::status).orElse(letter.status());
            return new ReplayResult(id, ReplayResult.Outcome.NOT_PENDING, "dead letter " + id + " is " + now
                    + ", not PENDING: nothing was sent");
        }
        Exchange result;
        try {
            result = template().send(endpoint, exchange -> {
                letter.failure().headers().forEach(exchange.getMessage()::setHeader);
                exchange.getMessage().setHeader(REPLAY_OF, id);
                exchange.getMessage().setBody(letter.failure().sourceRecord());
            });
        } catch (RuntimeException e) {
            store.releaseClaim(id);
            return new ReplayResult(id, ReplayResult.Outcome.FAILED_AGAIN, "cannot send to " + endpoint + ": " + e.getMessage());
        }
        if (result.getException() != null) {
            // the route has no dead-letter channel, or storing the new failure failed: release the claim so the
            // letter can be replayed later
            store.releaseClaim(id);
            return new ReplayResult(id, ReplayResult.Outcome.FAILED_AGAIN, result.getException().getMessage());
        }
        if (store.markReplayed(id)) {
            return new ReplayResult(id, ReplayResult.Outcome.REPLAYED, null);
        }
        // the dead-letter channel recorded a new failure on this letter, which put it back to PENDING
        return new ReplayResult(id, ReplayResult.Outcome.FAILED_AGAIN,
                store.get(id).map(l -> l.failure().errorMessage()).orElse("failed again"));
    }

    /** Replays every PENDING letter the filter matches (its statuses are ignored), oldest first. */
    public List<ReplayResult> replayMatching(DeadLetterFilter filter) {
        DeadLetterFilter pending = filter.withStatuses(Set.of(DeadLetterStatus.PENDING));
        List<ReplayResult> results = new ArrayList<>();
        long after = 0;
        List<Long> batch;
        // walks by id: a letter that fails again stays at its id, behind the walk, so each letter is tried once
        while (!(batch = store.ids(pending, after, BATCH)).isEmpty()) {
            for (long id : batch) {
                results.add(replay(id));
                after = id;
            }
        }
        return results;
    }

    private ProducerTemplate template() {
        ProducerTemplate t = template;
        if (t == null) {
            synchronized (this) {
                if (template == null) {
                    template = camel.createProducerTemplate();
                }
                t = template;
            }
        }
        return t;
    }
}
