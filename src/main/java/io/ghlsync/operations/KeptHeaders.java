package io.ghlsync.operations;

import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.intake.InboxConstants;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The headers a dead letter keeps for its replay: plain values that the source sent or a route set (event ids,
 * ordering keys, the GHL location). Dropped: anything that looks like a credential (the store is not a vault, and a
 * replay must not carry yesterday's token), Camel's own headers (they steer components; a replay gets fresh ones),
 * HTTP transport headers, and objects that do not survive being written as text.
 */
final class KeptHeaders {

    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(authori[sz]ation|token|secret|passw|api[-_.]?key|cookie|signature|credential|session|bearer|private).*");
    private static final Set<String> TRANSPORT = Set.of("host", "content-length", "connection", "accept",
            "accept-encoding", "transfer-encoding", "user-agent", "expect", "keep-alive", "te", "upgrade");
    /** The Camel headers a replay needs: which GHL location the record is for, and which inbox item it came from. */
    private static final Set<String> CAMEL_KEPT = Set.of(GhlConstants.LOCATION_ID, InboxConstants.EVENT_ID,
            InboxConstants.EVENT_TYPE, InboxConstants.ORDERING_KEY);
    private static final int MAX_VALUE = 1024;

    private KeptHeaders() {
    }

    static Map<String, String> of(Map<String, Object> headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (keep(name, value)) {
                kept.put(name, value.toString());
            }
        });
        return kept;
    }

    static boolean keep(String name, Object value) {
        if (name == null || value == null || SECRET.matcher(name).matches()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("camel") && !CAMEL_KEPT.contains(name)) {
            return false;
        }
        if (TRANSPORT.contains(lower) || lower.startsWith("x-forwarded-") || name.equals(DeadLetterReplayer.REPLAY_OF)) {
            return false;
        }
        boolean plain = value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?>;
        return plain && value.toString().length() <= MAX_VALUE;
    }
}
