package io.ghlsync.ghl;

import org.apache.camel.Endpoint;
import org.apache.camel.Expression;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import io.ghlsync.ghl.ratelimit.RateBudget;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The {@code ghl:} component: every operation of GHL's Contacts API, for each configured location. */
@Component("ghl")
public class GhlComponent extends DefaultComponent {

    private final Map<String, GhlLocation> locations = new ConcurrentHashMap<>();

    @Metadata(description = "The location used when neither the endpoint nor the message names one")
    private String defaultLocationId;
    @Metadata(defaultValue = "60000", description = "How long one GHL call may take, in milliseconds")
    private long requestTimeoutMillis = 60_000;

    /** Time for token expiry and the daily quota's reset; the sandbox's movable clock when a test or the demo shares it. */
    private Clock clock = Clock.systemUTC();
    private volatile HttpClient httpClient;
    private ScheduledExecutorService timer;
    private ExecutorService workers;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        GhlOperation operation = GhlOperation.byOperationId(remaining).orElseThrow(() -> new IllegalArgumentException(
                "unknown GHL operation '" + remaining + "'; run the ops command for the list of operationIds"));
        GhlConfiguration configuration = new GhlConfiguration();
        configuration.setOperationId(remaining);
        Map<String, Expression> apiParameters = new LinkedHashMap<>();
        for (String name : operation.parameterNames()) {
            Object value = parameters.remove(name);
            if (value != null) {
                // Values may be Simple expressions such as ${header.ghlContactId}, evaluated per message.
                apiParameters.put(name, getCamelContext().resolveLanguage("simple").createExpression(value.toString()));
            }
        }
        GhlEndpoint endpoint = new GhlEndpoint(uri, this, operation, configuration, apiParameters);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        workers = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "ghl-auth");
    }

    @Override
    protected void doStop() throws Exception {
        getCamelContext().getExecutorServiceManager().shutdown(workers);
        super.doStop();
    }

    @Override
    protected void doShutdown() throws Exception {
        // Only at shutdown: the locations' budgets keep this timer across a stop and a restart of the component.
        synchronized (this) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        super.doShutdown();
    }

    public void addLocation(GhlLocation location) {
        locations.put(location.locationId(), location);
        if (defaultLocationId == null) {
            defaultLocationId = location.locationId();
        }
    }

    /** The location to call, or a clear error naming the ones that are configured. */
    public GhlLocation location(String locationId) {
        String id = locationId != null ? locationId : defaultLocationId;
        if (id == null) {
            throw new GhlException("no GHL location is configured");
        }
        GhlLocation location = locations.get(id);
        if (location == null) {
            throw new GhlException("GHL location '" + id + "' is not configured; configured: " + locations.keySet());
        }
        return location;
    }

    public Map<String, GhlLocation> getLocations() {
        return Map.copyOf(locations);
    }

    public String getDefaultLocationId() {
        return defaultLocationId;
    }

    public void setDefaultLocationId(String defaultLocationId) {
        this.defaultLocationId = defaultLocationId;
    }

    public long getRequestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    public void setRequestTimeoutMillis(long requestTimeoutMillis) {
        this.requestTimeoutMillis = requestTimeoutMillis;
    }

    /** The client shared by all calls of this component, made on first use (OAuth credentials need it before start). */
    public HttpClient getHttpClient() {
        HttpClient client = httpClient;
        if (client == null) {
            synchronized (this) {
                if (httpClient == null) {
                    httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                            .version(HttpClient.Version.HTTP_1_1).build();
                }
                client = httpClient;
            }
        }
        return client;
    }

    public void setHttpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
    }

    /** A rate budget for a location of this component, at GHL's published limits until GHL's headers say otherwise. */
    public RateBudget newRateBudget(String locationId, int burstMax, Duration interval, long dailyLimit) {
        return new RateBudget(locationId, burstMax, interval, dailyLimit, timer(), clock);
    }

    public Clock getClock() {
        return clock;
    }

    /** Set before locations are added: their budgets and tokens keep the clock they were made with. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    /** Wakes waiting rate budgets; created on first use because budgets are made before the component starts. */
    private synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ghl-rate-budget");
                t.setDaemon(true);
                return t;
            });
        }
        return timer;
    }

    ExecutorService getWorkers() {
        return workers;
    }
}
