package io.ghlsync.intake;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

import io.ghlsync.state.InboxWatermark;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One source's inbox, e.g. {@code inbox:cliengo}. As a producer it is the intake step of a webhook or poll route; as a
 * consumer it feeds the stored items to the processing route. The options are few, so they live here rather than in a
 * separate configuration class.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "inbox", title = "Durable inbox", syntax = "inbox:source",
             category = { Category.DATABASE }, headersClass = InboxConstants.class)
public class InboxEndpoint extends DefaultEndpoint {

    /** Header names that carry credentials or secrets; never stored, whatever the headers option lists. */
    private static final List<String> SECRET_WORDS = List.of("authorization", "cookie", "token", "secret", "password",
            "api-key", "apikey", "signature");

    @UriPath(description = "The source system the items come from, e.g. cliengo, clientjoy, ghl")
    @Metadata(required = true)
    private final String source;

    @UriParam(label = "consumer", defaultValue = "4",
              description = "How many items are processed at once (never two of one ordering key)")
    private int concurrency = 4;
    @UriParam(label = "consumer", defaultValue = "50", description = "At most this many items are claimed per poll")
    private int batchSize = 50;
    @UriParam(label = "consumer", defaultValue = "30s", javaType = "java.time.Duration",
              description = "How long a claim lasts; renewed while the item is processed, so it only runs out when"
                      + " the node died, and then another node (or this one, restarted) takes the item again")
    private Duration lease = Duration.ofSeconds(30);
    @UriParam(label = "consumer", defaultValue = "250ms", javaType = "java.time.Duration",
              description = "How long to wait between polls when there was nothing to claim")
    private Duration pollDelay = Duration.ofMillis(250);
    @UriParam(label = "consumer", defaultValue = "1s", javaType = "java.time.Duration",
              description = "How long after start the first poll happens")
    private Duration initialDelay = Duration.ofSeconds(1);
    @UriParam(label = "consumer", defaultValue = "1s", javaType = "java.time.Duration",
              description = "The wait before an item whose route failed is tried again; doubles per attempt")
    private Duration retryDelay = Duration.ofSeconds(1);
    @UriParam(label = "consumer", defaultValue = "5m", javaType = "java.time.Duration",
              description = "The longest wait between attempts at one item")
    private Duration maxRetryDelay = Duration.ofMinutes(5);
    @UriParam(label = "consumer", defaultValue = "0",
              description = "After this many failed attempts the item is marked failed; 0 retries until the route's"
                      + " error handler (the dead-letter channel) takes the failure")
    private int maxAttempts;

    @UriParam(label = "consumer", description = "Releases the items that carry a sequence only below this mark, one at"
            + " a time in sequence order (e.g. a new contact's batch only after every lead received before it)")
    private InboxWatermark watermark;

    @UriParam(label = "producer", description = "JSON Pointer(s) into the body giving the event id that dedupes"
            + " redeliveries, e.g. /webhookId; several, comma-separated, are joined with ':'. Else the CamelInboxEventId header")
    private String eventId;
    @UriParam(label = "producer", description = "JSON Pointer(s) into the body giving the ordering key, e.g."
            + " /locationId,/contactId. Else the CamelInboxOrderingKey header; else the source (one ordered stream)")
    private String orderingKey;
    @UriParam(label = "producer", description = "JSON Pointer(s) into the body giving the event type, e.g. /type."
            + " Else the CamelInboxEventType header")
    private String eventType;
    @UriParam(label = "producer", description = "Comma-separated request headers to keep with the item; headers that"
            + " carry credentials (Authorization, cookies, tokens, secrets, signatures) are refused")
    private String headers;
    @UriParam(label = "producer", description = "JSON Pointer into the body giving the item's sequence (a number) in"
            + " its source's ordered release. Else the CamelInboxSequence header; else none")
    private String sequence;
    @UriParam(label = "producer", defaultValue = "262144", description = "Larger bodies are refused with 413")
    private int maxBodySize = 262_144;
    @UriParam(label = "producer", defaultValue = "false", description = "For a webhook route: answer a refusal as the"
            + " HTTP reply (4xx with the reason; 503 and Retry-After while the database is unavailable) instead of failing"
            + " the exchange. Any other caller (an aggregator's completion, a poll, a replay) must see the failure, or it"
            + " would take a message that was stored nowhere as delivered")
    private boolean httpReply;

    InboxEndpoint(String uri, InboxComponent component, String source) {
        super(uri, component);
        this.source = source;
    }

    /** Refuses options that cannot work, at start-up rather than on the first webhook. */
    void validate() {
        if (concurrency < 1 || batchSize < 1) {
            throw new IllegalArgumentException("inbox:" + source + ": concurrency and batchSize must be at least 1");
        }
        if (lease.toMillis() < 1000) {
            throw new IllegalArgumentException("inbox:" + source + ": a lease shorter than one second would expire"
                    + " while items are still being processed");
        }
        for (String header : keptHeaders()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
                throw new IllegalArgumentException("inbox:" + source + ": header " + header
                        + " may carry a credential and is never stored with an inbox item");
            }
        }
    }

    @Override
    public Producer createProducer() {
        return new InboxProducer(this, new InboxIntake(this));
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        InboxConsumer consumer = new InboxConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public InboxComponent getComponent() {
        return (InboxComponent) super.getComponent();
    }

    List<String> keptHeaders() {
        return headers == null ? List.of()
                : Arrays.stream(headers.split(",")).map(String::strip).filter(h -> !h.isEmpty()).toList();
    }

    public String getSource() {
        return source;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getPollDelay() {
        return pollDelay;
    }

    public void setPollDelay(Duration pollDelay) {
        this.pollDelay = pollDelay;
    }

    public Duration getInitialDelay() {
        return initialDelay;
    }

    public void setInitialDelay(Duration initialDelay) {
        this.initialDelay = initialDelay;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Duration getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public InboxWatermark getWatermark() {
        return watermark;
    }

    public void setWatermark(InboxWatermark watermark) {
        this.watermark = watermark;
    }

    public String getSequence() {
        return sequence;
    }

    public void setSequence(String sequence) {
        this.sequence = sequence;
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getOrderingKey() {
        return orderingKey;
    }

    public void setOrderingKey(String orderingKey) {
        this.orderingKey = orderingKey;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = headers;
    }

    public int getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(int maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public boolean isHttpReply() {
        return httpReply;
    }

    public void setHttpReply(boolean httpReply) {
        this.httpReply = httpReply;
    }
}
