package io.ghlsync.operations;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives the commands a test runs in this JVM the engine's admin credentials for the test's duration, as
 * GHLSYNC_ADMIN_USER / GHLSYNC_ADMIN_PASSWORD would ({@code Settings} reads system properties first).
 */
public final class CommandCredentials implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        System.setProperty("ghlsync.admin.user", EngineTestSupport.USER);
        System.setProperty("ghlsync.admin.password", EngineTestSupport.PASSWORD);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.clearProperty("ghlsync.admin.user");
        System.clearProperty("ghlsync.admin.password");
    }
}
