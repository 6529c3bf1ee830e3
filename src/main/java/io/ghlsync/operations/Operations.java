package io.ghlsync.operations;

import io.ghlsync.state.DeadLetters;
import io.ghlsync.state.JdbcDeadLetters;
import io.ghlsync.state.StateDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.spi.Registry;

import java.time.Clock;
import java.util.function.Function;

/** Binds the operator's beans that the YAML routes name: the dead letters, their channel and replay, the admin API. */
public final class Operations {

    private Operations() {
    }

    /**
     * Binds {@code deadLetters}, {@code failedAttempt} (wrapping the already bound {@code retryAfterDelay}),
     * {@code deadLetterRecorder}, {@code deadLetterReplayer}, {@code adminAuth}, {@code deadLetterAdminApi} and
     * {@code ghlLocationAdminApi}.
     */
    public static DeadLetters bind(CamelContext camel, StateDatabase database, Function<String, String> settings) {
        Registry registry = camel.getRegistry();
        DeadLetters store = new JdbcDeadLetters(database.dataSource(), Clock.systemUTC());
        registry.bind("deadLetters", store);
        registry.bind("failedAttempt", new FailedAttempt(registry.lookupByNameAndType("retryAfterDelay", Processor.class)));
        registry.bind("earlierAttempt", new EarlierAttempt());
        registry.bind("deadLetterRecorder", new DeadLetterRecorder(store));
        DeadLetterReplayer replayer = new DeadLetterReplayer(store, camel);
        registry.bind("deadLetterReplayer", replayer);
        registry.bind("adminAuth", AdminAuth.from(settings));
        registry.bind("deadLetterAdminApi", new DeadLetterAdminApi(store, replayer));
        registry.bind("ghlLocationAdminApi", new GhlLocationAdminApi(camel));
        return store;
    }
}
