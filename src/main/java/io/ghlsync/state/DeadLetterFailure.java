package io.ghlsync.state;

import java.util.Map;

/**
 * What failed and why: everything a dead letter records about one failed exchange, and what a replay needs.
 *
 * @param routeId        the route the exchange failed in
 * @param sourceSystem   where the record came from ({@code cliengo}, {@code clientjoy}, {@code ghl}); may be null
 * @param locationId     the GHL location it was for; may be null
 * @param replayEndpoint where a replay re-enters the normal route (e.g. {@code direct://cliengo-leads}); null: none
 * @param sourceRecord   the message body as the route received it (JSON text as a rule)
 * @param mappedPayload  the body as mapped for the target, when mapping got that far; else null
 * @param headers        the headers a replay needs, secrets and Camel's own already removed
 * @param errorClass     the failure's class name
 * @param errorMessage   its message (never a token; contact data only as far as the failing code put it there)
 * @param errorField     the field a mapping or validation error is about; null for others
 * @param httpStatus     the status GHL answered with; null when no answer was involved
 * @param attempts       how many times delivery was tried before giving up
 */
public record DeadLetterFailure(String routeId, String sourceSystem, String locationId, String replayEndpoint,
                                String sourceRecord, String mappedPayload, Map<String, String> headers,
                                String errorClass, String errorMessage, String errorField, Integer httpStatus,
                                int attempts) {

    public DeadLetterFailure {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (routeId == null || routeId.isBlank()) {
            throw new IllegalArgumentException("a dead letter needs the id of the route it failed in");
        }
        if (errorClass == null || errorClass.isBlank()) {
            throw new IllegalArgumentException("a dead letter needs the class of its error");
        }
    }
}
