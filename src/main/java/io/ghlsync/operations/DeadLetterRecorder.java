package io.ghlsync.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.ghl.GhlConstants;
import io.ghlsync.mapping.MappingProcessor;
import io.ghlsync.state.DatabaseUnavailable;
import io.ghlsync.state.DeadLetterFailure;
import io.ghlsync.state.DeadLetters;
import io.ghlsync.state.StateStoreException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The processor behind {@code direct:dead-letter} (routes/dead-letters.camel.yaml): stores the exchange the
 * dead-letter channel hands over, with the original message ({@code useOriginalMessage}), as a dead letter. A
 * replayed letter that fails again updates its own row instead of adding a second one. If the store fails, the
 * exception propagates (the route configuration sets {@code deadLetterHandleNewException: false}), so the message is
 * not acknowledged as handled while it is stored nowhere. A failure because the state database was unreachable is
 * refused the same way: it says nothing about the record, which its inbox retries once the database is back.
 */
public final class DeadLetterRecorder implements Processor {

    /** Exchange property (or header) a route may set: the source system, when its route id does not say it. */
    public static final String SOURCE_SYSTEM = "GhlSyncSourceSystem";
    /** Exchange property a route may set: where a replay should enter, when its own {@code from} cannot be sent to. */
    public static final String REPLAY_ENDPOINT = "GhlSyncReplayEndpoint";
    /** Exchange property set after storing: the dead letter's id. */
    public static final String DEAD_LETTER_ID = "GhlSyncDeadLetterStored";

    /** Entry points a producer can send to; a route starting elsewhere (timer, HTTP) must name its own. */
    private static final Set<String> REPLAYABLE_SCHEMES = Set.of("direct", "seda", "inbox");
    private static final List<String> SOURCE_SYSTEMS = List.of("cliengo", "clientjoy", "ghl");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecorder.class);

    private final DeadLetters store;

    public DeadLetterRecorder(DeadLetters store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure == null) {
            failure = exchange.getException();
        }
        if (DatabaseUnavailable.isCause(failure)) {
            // not a verdict on the record: the letter would land the moment the database is back, taking out of the
            // flow a record that its inbox (or the aggregator's recovery) retries anyway
            throw new StateStoreException("not a dead letter: the state database was unavailable ("
                    + failure.getClass().getName() + "); the message stays with whatever delivered it, to be retried", failure);
        }
        Throwable explaining = Failures.explaining(failure);
        Message message = exchange.getMessage();
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, exchange.getFromRouteId(), String.class);
        Integer attempts = exchange.getProperty(FailedAttempt.ATTEMPTS, Integer.class);
        DeadLetterFailure letter = new DeadLetterFailure(
                routeId == null ? "unknown" : routeId,
                sourceSystem(exchange, routeId),
                message.getHeader(GhlConstants.LOCATION_ID, String.class),
                replayEndpoint(exchange, routeId),
                text(exchange, message.getBody()),
                text(exchange, exchange.getProperty(FailedAttempt.FAILED_BODY)),
                KeptHeaders.of(message.getHeaders()),
                explaining == null ? "unknown" : explaining.getClass().getName(),
                explaining == null ? null : Failures.message(explaining),
                Failures.field(explaining),
                Failures.httpStatus(explaining),
                attempts == null ? 1 : attempts);
        Long replayOf = message.getHeader(DeadLetterReplayer.REPLAY_OF, Long.class);
        long id = replayOf != null && store.failedAgain(replayOf, letter) ? replayOf : store.add(letter);
        exchange.setProperty(DEAD_LETTER_ID, id);
        // the class, field and status say what went wrong; the message and record may hold contact data, so they
        // stay in the store, behind the admin API
        LOG.warn("dead letter {} from route {}: {}{}{} after {} attempt(s)", id, letter.routeId(),
                simpleName(letter.errorClass()), letter.errorField() == null ? "" : " on " + letter.errorField(),
                letter.httpStatus() == null ? "" : " (HTTP " + letter.httpStatus() + ")", letter.attempts());
    }

    private static String sourceSystem(Exchange exchange, String routeId) {
        String named = exchange.getProperty(SOURCE_SYSTEM, exchange.getMessage().getHeader(SOURCE_SYSTEM, String.class),
                String.class);
        if (named != null && !named.isBlank()) {
            return named;
        }
        // routes and mappings are named source-first (cliengo-leads-to-ghl, cliengo-lead-to-ghl-contact)
        for (String name : new String[] {exchange.getProperty(MappingProcessor.MAPPING_PROPERTY, String.class), routeId}) {
            if (name != null) {
                String first = name.toLowerCase(Locale.ROOT).split("[-_.]", 2)[0];
                if (SOURCE_SYSTEMS.contains(first)) {
                    return first;
                }
            }
        }
        return null;
    }

    private static String replayEndpoint(Exchange exchange, String routeId) {
        String named = exchange.getProperty(REPLAY_ENDPOINT, String.class);
        if (named != null && !named.isBlank()) {
            return named;
        }
        Route route = routeId == null ? null : exchange.getContext().getRoute(routeId);
        if (route == null) {
            return null;
        }
        String uri = route.getEndpoint().getEndpointUri();
        String scheme = uri.contains(":") ? uri.substring(0, uri.indexOf(':')) : uri;
        if ("inbox".equals(scheme)) {
            // Back into the same inbox, without the consumer's polling options: the kept CamelInbox* headers name the
            // failed item, which the inbox then runs again (see JdbcInbox#accept).
            String source = uri.substring("inbox:".length()).replaceFirst("^//", "").replaceFirst("\\?.*$", "");
            return "inbox:" + source;
        }
        return REPLAYABLE_SCHEMES.contains(scheme) ? uri : null;
    }

    /** A body as text for the store: JSON stays JSON, bytes are read as UTF-8, streams through Camel's converters. */
    static String text(Exchange exchange, Object body) {
        if (body == null || body instanceof String) {
            return (String) body;
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof JsonNode || body instanceof Map<?, ?> || body instanceof List<?>) {
            try {
                return JSON.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                // fall through to the type converter
            }
        }
        String converted = exchange.getContext().getTypeConverter().tryConvertTo(String.class, exchange, body);
        return converted != null ? converted : body.toString();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
