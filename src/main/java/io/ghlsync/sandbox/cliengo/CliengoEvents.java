package io.ghlsync.sandbox.cliengo;

import io.ghlsync.sandbox.rest.RestJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.ghl.SandboxClock;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;

/** The webhook event envelope of the Cliengo contract and its signature (BRIEF §6: sha256=hex HMAC of the body). */
public final class CliengoEvents {

    public static final String SIGNATURE_HEADER = "X-Cliengo-Signature";
    public static final String TIMESTAMP_HEADER = "X-Cliengo-Timestamp";
    public static final String EVENT_HEADER = "X-Cliengo-Event";

    private CliengoEvents() {
    }

    /** {@code {"eventId", "type", "occurredAt", "leadId"}}; every event names its lead, the receiver's ordering key. */
    static ObjectNode event(String type, String leadId, long occurredAtMillis) {
        ObjectNode event = RestJson.object();
        event.put("eventId", "ev_" + UUID.randomUUID());
        event.put("type", type);
        event.put("occurredAt", SandboxClock.iso(occurredAtMillis));
        event.put("leadId", leadId);
        return event;
    }

    /** The header value for these exact bytes: {@code sha256=<lower-case hex HMAC-SHA256>}. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
