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

    private static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an id in a Clientjoy path is missing");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
