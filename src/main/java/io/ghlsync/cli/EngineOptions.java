package io.ghlsync.cli;

import io.ghlsync.Settings;
import io.ghlsync.operations.AdminClient;
import picocli.CommandLine.Option;

/**
 * How a command reaches the running engine's admin API: {@code --url}, and the credentials of GHLSYNC_ADMIN_USER /
 * GHLSYNC_ADMIN_PASSWORD. Work that needs the state database runs inside the engine, since the embedded database admits
 * one process.
 */
final class EngineOptions {

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "the engine (default: ${DEFAULT-VALUE})")
    String url;

    AdminClient client() {
        Settings settings = Settings.load();
        return new AdminClient(url, settings.apply("ghlsync.admin.user"), settings.apply("ghlsync.admin.password"));
    }
}
