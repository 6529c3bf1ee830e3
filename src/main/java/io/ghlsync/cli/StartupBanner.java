package io.ghlsync.cli;

import io.ghlsync.Settings;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

import java.io.PrintStream;

/** Printed once the engine has started: every URL an operator needs, and whether this is the sandbox. */
final class StartupBanner extends MainListenerSupport {

    private final Settings settings;
    private final boolean sandbox;
    private final int sandboxPort;
    private final PrintStream out;

    StartupBanner(Settings settings, boolean sandbox, int sandboxPort, PrintStream out) {
        this.settings = settings;
        this.sandbox = sandbox;
        this.sandboxPort = sandboxPort;
        this.out = out;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        String app = "http://localhost:" + settings.get("camel.server.port", "8080");
        StringBuilder banner = new StringBuilder("\n");
        banner.append(sandbox
                ? "  ghl-sync is running in SANDBOX MODE: nothing here touches a real GHL, Cliengo or Clientjoy account.\n"
                        + "  Demo activity: a new Cliengo lead every few seconds, some bad records (dead letters), GHL edits.\n"
                : "  ghl-sync is running against " + settings.get("ghl.base-url", "GHL") + "\n");
        banner.append("  webhooks       ").append(app).append("/webhooks/cliengo  (signed: X-Cliengo-Signature)\n");
        banner.append("                 ").append(app).append("/webhooks/ghl  (signed: X-GHL-Signature or x-wh-signature)\n");
        banner.append("  health         ").append(app).append("/observe/health  (/ready, /live)\n");
        banner.append("  metrics        ").append(app).append("/observe/metrics  (Prometheus)\n");
        banner.append("  admin API      ").append(app).append("/admin/dead-letters")
                .append(sandbox ? "  (open: sandbox)\n" : "  (HTTP Basic: GHLSYNC_ADMIN_USER / GHLSYNC_ADMIN_PASSWORD)\n");
        if (Boolean.parseBoolean(settings.get("ghlsync.hawtio.enabled", "true"))) {
            banner.append("  Hawtio         http://localhost:").append(settings.get("ghlsync.hawtio.port", "8081")).append("/hawtio/")
                    .append(sandbox ? "  (open: sandbox)\n" : "  (login: GHLSYNC_ADMIN_USER / GHLSYNC_ADMIN_PASSWORD)\n");
        }
        banner.append("  routes         ").append(settings.get("camel.main.routes-include-pattern", "file:routes/*.yaml")).append('\n');
        if (Boolean.parseBoolean(settings.get("camel.main.routes-reload-enabled", "false"))) {
            banner.append("                 (edited route files are reloaded while running)\n");
        }
        banner.append("  mappings       ").append(settings.get("ghlsync.mappings.dir", "mappings")).append("/\n");
        if (sandbox) {
            banner.append("  sandbox GHL    http://localhost:").append(sandboxPort).append("/ghl")
                    .append("  (location sandbox-location, token sandbox-token)\n");
            banner.append("  sandbox Cliengo http://localhost:").append(sandboxPort).append("/cliengo")
                    .append("  (API key sandbox-cliengo-key, webhooks signed with sandbox-cliengo-secret)\n");
            banner.append("  sandbox Clientjoy http://localhost:").append(sandboxPort).append("/clientjoy")
                    .append("  (API key sandbox-clientjoy-key)\n");
            banner.append("  sandbox admin  http://localhost:").append(sandboxPort).append("/_sandbox/ghl/, /_sandbox/cliengo/, /_sandbox/clientjoy/\n");
        }
        out.println(banner);
        out.flush();
    }
}
