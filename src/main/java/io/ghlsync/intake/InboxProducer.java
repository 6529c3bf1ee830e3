package io.ghlsync.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ghlsync.state.Inbox;
import io.ghlsync.state.StateStoreException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intake step ({@code to: inbox:<source>}): stores the message and only then sets the answer — 202
 * {@code {"accepted": true, "id": ..., "duplicate": ...}} — so a webhook is acknowledged only once it is durable (never
 * from memory, BRIEF §8). A message that is not stored fails the exchange; on a webhook route ({@code httpReply}) it is
 * answered instead: bad input gets a 4xx with the reason, an unreachable database 503 and Retry-After, so the sender
 * retries later instead of believing it delivered.
 */
public class InboxProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(InboxProducer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a sender is asked to wait after a 503: long enough for a database restart or failover to begin. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final InboxIntake intake;

    InboxProducer(InboxEndpoint endpoint, InboxIntake intake) {
        super(endpoint);
        this.intake = intake;
    }

    @Override
    public InboxEndpoint getEndpoint() {
        return (InboxEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        Inbox inbox = getEndpoint().getComponent().getInbox();
        try {
            if (in.getBody() instanceof List<?> page) {
                List<Inbox.Acceptance> results = inbox.acceptAll(intake.items(page, in));
                long duplicates = results.stream().filter(Inbox.Acceptance::duplicate).count();
                reply(in, 202, Map.of("accepted", true, "stored", results.size() - duplicates, "duplicates", duplicates));
                return;
            }
            Inbox.Acceptance result = inbox.accept(intake.item(in));
            in.setHeader(InboxConstants.ID, result.id());
            in.setHeader(InboxConstants.DUPLICATE, result.duplicate());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", true);
            answer.put("id", result.id());
            answer.put("duplicate", result.duplicate());
            reply(in, 202, answer);
        } catch (InboxIntake.IntakeRejection e) {
            if (!getEndpoint().isHttpReply()) {
                throw e;
            }
            reply(in, e.status, Map.of("accepted", false, "reason", e.getMessage()));
        } catch (StateStoreException e) {
            if (!getEndpoint().isHttpReply()) {
                // an aggregator's completion would otherwise confirm (forget) a batch that was stored nowhere
                throw e;
            }
            LOG.warn("inbox:{} refused a message with 503, the database is unavailable: {}",
                    getEndpoint().getSource(), e.getMessage());
            in.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            reply(in, 503, Map.of("accepted", false, "reason", "the inbox database is unavailable; retry later"));
        }
    }

    private static void reply(Message in, int status, Map<String, Object> answer) throws Exception {
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(JSON.writeValueAsString(answer));
    }
}
