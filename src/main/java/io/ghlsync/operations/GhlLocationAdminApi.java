package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.ghl.GhlComponent;
import io.ghlsync.ghl.GhlException;
import io.ghlsync.ghl.GhlLocation;
import io.ghlsync.ghl.auth.OAuthRefreshCredentials;
import io.ghlsync.ghl.auth.RefreshRejectedException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The GHL locations' admin API (routes/admin-api.camel.yaml): resuming a paused location with a new refresh token.
 * The token travels only in the request body; no answer and no log line repeats it.
 */
public final class GhlLocationAdminApi {

    private final CamelContext camel;

    public GhlLocationAdminApi(CamelContext camel) {
        this.camel = camel;
    }

    /**
     * {@code POST /admin/ghl/locations/{locationId}/refresh-token} with {@code {"refreshToken": "..."}}: exchanged with
     * GHL at once and stored; a token GHL refuses is a 422 and changes nothing.
     */
    public void resume(Exchange exchange) {
        DeadLetterAdminApi.answer(exchange, () -> {
            String locationId = exchange.getMessage().getHeader("locationId", String.class);
            GhlLocation location = camel.getComponent("ghl", GhlComponent.class).getLocations().get(locationId);
            if (location == null) {
                throw new AdminRequestException(404, "locationId", "GHL location '" + locationId + "' is not configured");
            }
            if (!(location.credentials() instanceof OAuthRefreshCredentials oauth)) {
                throw new AdminRequestException(409, "locationId", "GHL location " + locationId
                        + " uses a private integration token: it has no refresh token to replace (restart with a new GHL_TOKEN)");
            }
            String refreshToken = refreshToken(exchange);
            boolean wasPaused = oauth.paused();
            try {
                oauth.resume(refreshToken);
            } catch (RefreshRejectedException e) {
                throw new AdminRequestException(422, "refreshToken", e.getMessage());
            } catch (GhlException e) {
                throw new AdminRequestException(502, null, e.getMessage());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("location", locationId);
            body.put("wasPaused", wasPaused);
            body.put("paused", oauth.paused());
            AdminResponses.json(exchange, 200, body);
        });
    }

    private static String refreshToken(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        JsonNode json;
        try {
            json = text == null || text.isBlank() ? null : AdminResponses.JSON.readTree(text);
        } catch (IOException e) {
            throw AdminRequestException.badRequest(null, "the body is not JSON: send {\"refreshToken\": \"...\"}");
        }
        JsonNode token = json == null ? null : json.get("refreshToken");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw AdminRequestException.badRequest("refreshToken", "refreshToken is missing: send {\"refreshToken\": \"...\"}");
        }
        return token.asText();
    }
}
