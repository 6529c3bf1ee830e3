package io.ghlsync.sandbox.ghl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A sandbox on a random port for the whole test class, back to a fresh start before each test. */
abstract class SandboxTest {

    static SandboxHttp sandbox;

    @BeforeAll
    static void start() {
        sandbox = SandboxHttp.start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.ghl.reset();
    }
}
