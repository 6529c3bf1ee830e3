package io.ghlsync.sources.clientjoy;

import io.ghlsync.Settings;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.operations.EngineTestSupport;
import io.ghlsync.sandbox.clientjoy.ClientjoySandbox;
import io.ghlsync.sandbox.ghl.RateLimits;
import org.junit.jupiter.api.BeforeEach;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;

/** The engine pointed at the GHL and Clientjoy sandboxes, both fresh for every test, with GHL's burst limit raised. */
abstract class ClientjoyEngineTestSupport extends EngineTestSupport {

    @Override
    protected Settings settings() {
        // the engine keeps under the lower of its configured limit and what GHL announces; both are raised here
        return super.settings().override("clientjoy.backfill.page-size", "50").override("ghl.rate.burst-max", "5000");
    }

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                .with("clientjoy.base-url", sandbox.clientjoyBaseUrl())
                .with("clientjoy.api-key", ClientjoySandbox.DEFAULT_API_KEY)
                // /observe/metrics (the backfill's gauges) is served by the management server, here on the engine's port
                .with("camel.management.enabled", "true")
                .with("camel.management.port", String.valueOf(port));
    }

    @BeforeEach
    void freshSandbox() {
        sandbox.ghl().reset();
        sandbox.clientjoy().reset();
        // GHL's real burst limit would make these tests take minutes; the engine follows what limits GHL announces
        sandbox.ghl().defaultRateLimits(new RateLimits(5_000, 10_000, 10_000_000, LocalTime.MIDNIGHT), true);
    }

    protected long deadLetters() {
        return count("SELECT COUNT(*) FROM dead_letter");
    }

    /** The engine's Clientjoy links, counted by kind (contact, task, note, appointment). */
    protected Map<String, Integer> links() {
        Map<String, Integer> byKind = new HashMap<>();
        query("SELECT entity_type, COUNT(*) FROM link WHERE source_system = 'clientjoy' GROUP BY entity_type",
                rs -> byKind.put(rs.getString(1), rs.getInt(2)));
        return byKind;
    }
}
