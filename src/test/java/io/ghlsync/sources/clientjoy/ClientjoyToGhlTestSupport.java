package io.ghlsync.sources.clientjoy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.ghl.GhlOperation;
import io.ghlsync.ghl.GhlScope;
import io.ghlsync.operations.EngineProperties;
import io.ghlsync.sandbox.ghl.GhlSandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Both directions on: the GHL sandbox posts its signed webhooks to the engine (GHL -> Clientjoy) and the engine polls
 * the Clientjoy sandbox every second (Clientjoy -> GHL). Assertions read both sandboxes' stored state and call ledgers.
 * With the GHL incremental poll of routes/ghl-reconcile.camel.yaml, switch it on here too ({@link #engineProperties}).
 */
abstract class ClientjoyToGhlTestSupport extends GhlWebhooksTestSupport {

    static final String LOCATION = GhlSandbox.DEFAULT_LOCATION_ID;

    @Override
    protected EngineProperties engineProperties() {
        return super.engineProperties()
                .with("clientjoy.to-ghl.enabled", "true")
                // every second, so that a minute holds about sixty polls
                .with("clientjoy.to-ghl.poll-cron", "0/1 * * * * ?");
    }

    /** Requests the engine made to GHL operations that need contacts.write, by operation (from the sandbox's ledger). */
    static Map<String, Long> ghlWrites() {
        Map<String, Long> writes = new java.util.TreeMap<>();
        JsonNode operations = sandbox.ghl().stats().at("/locations/" + LOCATION + "/operations");
        Iterator<Map.Entry<String, JsonNode>> it = operations.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> op = it.next();
            boolean write = GhlOperation.byOperationId(op.getKey()).map(o -> o.scope() == GhlScope.WRITE).orElse(true);
            long n = 0;
            for (JsonNode count : op.getValue()) {
                n += count.asLong();
            }
            if (write && n > 0) {
                writes.put(op.getKey(), n);
            }
        }
        return writes;
    }

    long unfinished() {
        return count("SELECT COUNT(*) FROM inbox WHERE state IN ('pending', 'processing')");
    }



}
