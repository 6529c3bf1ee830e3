package io.ghlsync.sandbox.cliengo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.sandbox.SourceClient;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A sandbox on a random port and a real HTTP client speaking the Cliengo contract to it (JSON, X-Api-Key). */
final class CliengoClient extends SourceClient {

    static final ObjectMapper MAPPER = SourceClient.MAPPER;
    static final String KEY = CliengoSandbox.DEFAULT_API_KEY;

    final CliengoSandbox cliengo = server.cliengo();

    CliengoClient() {
        super("cliengo", KEY);
    }

    /** Polls until the condition holds or the deadline passes (no fixed sleeps as assertions). */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
