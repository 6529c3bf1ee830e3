package io.ghlsync.sources.clientjoy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The request paths of the Clientjoy contract (docs/clientjoy-contract.md) that the routes write to, with every id
 * percent-encoded: ids come from GHL and Clientjoy answers, and must not be able to steer the request elsewhere.
 */
public final class ClientjoyPaths {

    /** {@code /clients/external/{ghlContactId}}: create or update the client of a GHL contact. */
    public String client(String ghlContactId) {
        return "/clients/external/" + segment(ghlContactId);
    }

    /** {@code /clients/{clientId}/{plural}/external/{ghlId}}: create or update a task, note or activity of a client. */
    public String child(String clientId, String plural, String ghlId) {
        return "/clients/" + segment(clientId) + "/" + segment(plural) + "/external/" + segment(ghlId);
    }

    /** {@code /clients/{clientId}}: one client (to delete it, with everything under it). */
    public String clientRecord(String clientId) {
        return "/clients/" + segment(clientId);
    }

    /** {@code /clients/{clientId}/{plural}}: the tasks, notes or activities of a client. */
    public String children(String clientId, String plural) {
        return "/clients/" + segment(clientId) + "/" + segment(plural);
    }

    /** {@code /clients/{clientId}/{plural}/{itemId}}: one task, note or activity of a client. */
    public String childRecord(String clientId, String plural, String itemId) {
        return "/clients/" + segment(clientId) + "/" + segment(plural) + "/" + segment(itemId);
    }

    /** The collection a kind of linked record lives in under its client: task, note, appointment (an activity). */
    public String collection(String kind) {
        return switch (kind) {
            case "task" -> "tasks";
            case "note" -> "notes";
            case "appointment" -> "activities";
            default -> throw new IllegalArgumentException("no Clientjoy collection for records of kind " + kind);
        };
    }

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an id in a Clientjoy path is missing");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
