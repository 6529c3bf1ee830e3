package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ghlsync.sandbox.FaultTarget;
import io.ghlsync.sandbox.JsonReplies;
import io.ghlsync.sandbox.SandboxApp;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GHL look-alike: the Contacts and OAuth APIs of the official contract over real in-memory state, with GHL's
 * auth, scopes, rate limits, duplicate rule and signed webhooks. Its public methods are the Java control API (the
 * same things the {@code /_sandbox/ghl} HTTP controls do), for tests and the commands that start the sandbox.
 */
public final class GhlSandbox implements SandboxApp {

    public static final String DEFAULT_LOCATION_ID = "sandbox-location";
    public static final String DEFAULT_COMPANY_ID = "sandbox-company";
    public static final String DEFAULT_TOKEN = "sandbox-token";
    public static final Set<String> CONTACT_SCOPES = Set.of("contacts.readonly", "contacts.write");
    /** Request bodies above this answer 413: GHL's gateway refuses large bodies too, and it bounds memory per request. */
    static final int BODY_LIMIT_BYTES = 1 << 20;

    /** An installed OAuth app: its client and the refresh token the installation produced. */
    public record OAuthInstallation(OAuthClient client, String refreshToken) {
        @Override
        public String toString() {
            return "OAuthInstallation[" + client + "]";
        }
    }

    private final SandboxClock clock = new SandboxClock();
    private final Map<String, SandboxLocation> locations = new ConcurrentHashMap<>();
    private final Map<String, RateLimitWindow> windows = new ConcurrentHashMap<>();
    private final SandboxTokens tokens = new SandboxTokens();
    private final CallLedger ledger = new CallLedger();
    private final WebhookSigner signer = new WebhookSigner();
    private final WebhookPublisher publisher = new WebhookPublisher(signer, clock);
    private final ApiGate gate = new ApiGate(this);
    private volatile RateLimits defaultLimits = RateLimits.GHL;

    public GhlSandbox() {
        installDefaults();
    }

    @Override
    public String name() {
        return "ghl";
    }

    @Override
    public void start(Vertx vertx) {
        publisher.start(vertx);
    }

    @Override
    public FaultTarget faultTarget() {
        return new GhlFaultTarget(this);
    }

    @Override
    public void stop() {
        publisher.stop();
    }

    @Override
    public Router apiRouter(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        ContactRoutes contacts = new ContactRoutes();
        TagRoutes tags = new TagRoutes();
        MembershipRoutes memberships = new MembershipRoutes();
        contacts.register(router, gate);
        tags.register(router, gate);
        memberships.register(router, gate);
        new TaskRoutes().register(router, gate);
        new NoteRoutes().register(router, gate);
        tags.registerById(router, gate);
        memberships.registerById(router, gate);
        contacts.registerById(router, gate);
        new OAuthServer(this).register(router, gate);
        router.route().handler(JsonReplies::notFound);
        router.errorHandler(413, ctx -> JsonReplies.error(ctx, 413, "Request body larger than " + BODY_LIMIT_BYTES + " bytes"));
        router.errorHandler(400, ctx -> JsonReplies.error(ctx, 400, "Bad request: " + ctx.failure()));
        return router;
    }

    @Override
    public Router controlRouter(Vertx vertx) {
        return new ControlApi(this).router(vertx);
    }

    // ---- state the routes share ----

    SandboxTokens tokens() {
        return tokens;
    }

    WebhookPublisher publisher() {
        return publisher;
    }

    RateLimitWindow rateWindow(String resourceId) {
        return windows.computeIfAbsent(resourceId, r -> new RateLimitWindow(defaultLimits, clock.millis()));
    }

    List<SandboxLocation> locationsOf(String companyId) {
        return locations.values().stream().filter(l -> l.companyId().equals(companyId))
                .sorted(Comparator.comparing(SandboxLocation::id)).toList();
    }

    boolean companyAppInstalled(String companyId, String appId) {
        for (OAuthClient client : tokens.clients()) {
            if (client.userType() == TokenGrant.UserType.Company && companyId.equals(client.companyId()) && appId.equals(client.appId())) {
                return true;
            }
        }
        return false;
    }

    // ---- Java control API ----

    public SandboxClock clock() {
        return clock;
    }

    public CallLedger ledger() {
        return ledger;
    }

    public WebhookSigner signer() {
        return signer;
    }

    public Optional<SandboxLocation> findLocation(String id) {
        return Optional.ofNullable(id == null ? null : locations.get(id));
    }

    public SandboxLocation location(String id) {
        return findLocation(id).orElseThrow(() -> new IllegalArgumentException("no location " + id));
    }

    public List<SandboxLocation> locations() {
        return locations.values().stream().sorted(Comparator.comparing(SandboxLocation::id)).toList();
    }

    /** Creates a location (or returns the existing one with that id); company apps installed for the company get it too. */
    public SandboxLocation createLocation(String id, String companyId, String name) {
        if (id == null || id.isBlank() || id.contains("/")) {
            throw new IllegalArgumentException("a location id must be a non-empty string without '/'");
        }
        String company = companyId == null || companyId.isBlank() ? DEFAULT_COMPANY_ID : companyId;
        SandboxLocation location = locations.computeIfAbsent(id, k -> new SandboxLocation(k, company,
                name == null || name.isBlank() ? k : name, clock.millis()));
        for (OAuthClient client : tokens.clients()) {
            if (client.userType() == TokenGrant.UserType.Company && location.companyId().equals(client.companyId())) {
                location.installedApps().putIfAbsent(client.appId(), clock.millis());
            }
        }
        return location;
    }

    public void duplicateRule(String locationId, DuplicateRule rule) {
        location(locationId).duplicateRule(rule);
    }

    /** A private integration token for a location with these scopes, never expiring. */
    public String issuePrivateToken(String locationId, Set<String> scopes) {
        return issuePrivateToken(null, locationId, scopes, null);
    }

    /** A private integration token; {@code token} null generates one, {@code ttl} null never expires. */
    public String issuePrivateToken(String token, String locationId, Set<String> scopes, Duration ttl) {
        SandboxLocation location = location(locationId);
        long expires = ttl == null ? Long.MAX_VALUE : clock.millis() + ttl.toMillis();
        return tokens.issuePrivate(token, location.id(), location.companyId(), scopes, expires).token();
    }

    /** Installs an OAuth app on a location; the answer holds the client credentials and the first refresh token. */
    public OAuthInstallation installLocationApp(String locationId, Set<String> scopes, Duration accessTokenTtl) {
        SandboxLocation location = location(locationId);
        return installApp(new OAuthClient(null, null, null, TokenGrant.UserType.Location, location.id(), location.companyId(),
                scopes, ttlSeconds(accessTokenTtl), null));
    }

    /** Installs an OAuth app on a company (agency), which can then get location tokens for the company's locations. */
    public OAuthInstallation installCompanyApp(String companyId, Set<String> scopes, Duration accessTokenTtl) {
        return installApp(new OAuthClient(null, null, null, TokenGrant.UserType.Company, null, companyId, scopes,
                ttlSeconds(accessTokenTtl), null));
    }

    /** Installs an app described by {@code requested}; null clientId, secret, appId or userId are generated. */
    public OAuthInstallation installApp(OAuthClient requested) {
        String clientId = requested.clientId() != null ? requested.clientId() : SandboxIds.next(24).toLowerCase() + "-" + SandboxIds.next(8).toLowerCase();
        String secret = requested.clientSecret() != null ? requested.clientSecret() : SandboxIds.secret("");
        String appId = requested.appId() != null ? requested.appId() : clientId.contains("-") ? clientId.substring(0, clientId.indexOf('-')) : clientId;
        String userId = requested.userId() != null ? requested.userId() : "sandbox-user";
        if (requested.userType() == TokenGrant.UserType.Location) {
            location(requested.locationId());
        } else if (requested.companyId() == null || requested.companyId().isBlank()) {
            throw new IllegalArgumentException("a company app needs a companyId");
        }
        String companyId = requested.userType() == TokenGrant.UserType.Location ? location(requested.locationId()).companyId() : requested.companyId();
        OAuthClient client = tokens.register(new OAuthClient(clientId, secret, appId, requested.userType(),
                requested.userType() == TokenGrant.UserType.Location ? requested.locationId() : null, companyId,
                requested.scopes(), requested.accessTokenTtlSeconds(), userId));
        long now = clock.millis();
        if (client.userType() == TokenGrant.UserType.Location) {
            location(client.locationId()).installedApps().putIfAbsent(appId, now);
        } else {
            locationsOf(companyId).forEach(l -> l.installedApps().putIfAbsent(appId, now));
        }
        return new OAuthInstallation(client, tokens.issueRefreshToken(clientId, now));
    }

    /** A one-time authorization code, as the marketplace's redirect would deliver it. */
    public String issueAuthorizationCode(String clientId) {
        requireClient(clientId);
        return tokens.issueCode(clientId, clock.millis());
    }

    /** Another refresh token for an installed app (a re-installation). */
    public String issueRefreshToken(String clientId) {
        requireClient(clientId);
        return tokens.issueRefreshToken(clientId, clock.millis());
    }

    /** Expires an access token now; false when the token is unknown. */
    public boolean expireToken(String token) {
        return tokens.expire(token, clock.millis());
    }

    /** Forgets an access token, refresh token or code; false when unknown. */
    public boolean revokeToken(String token) {
        return tokens.revoke(token);
    }

    public Optional<TokenGrant> tokenGrant(String token) {
        return tokens.grant(token);
    }

    /** Sets the limits of one location (or company); its counters start afresh. */
    public void rateLimits(String resourceId, RateLimits limits) {
        rateWindow(resourceId).configure(limits, clock.millis());
    }

    public RateLimits rateLimits(String resourceId) {
        return rateWindow(resourceId).limits();
    }

    /** Sets the limits new locations get; {@code applyToExisting} also resets every existing window to them. */
    public void defaultRateLimits(RateLimits limits, boolean applyToExisting) {
        defaultLimits = limits;
        if (applyToExisting) {
            windows.values().forEach(w -> w.configure(limits, clock.millis()));
        }
    }

    public RateLimits defaultRateLimits() {
        return defaultLimits;
    }

    /** Forgets the use of one resource's budget (burst and daily), or of all when {@code resourceId} is null. */
    public void resetRateLimits(String resourceId) {
        if (resourceId == null) {
            windows.values().forEach(w -> w.reset(clock.millis()));
        } else {
            rateWindow(resourceId).reset(clock.millis());
        }
    }

    public long dailyUsed(String resourceId) {
        return rateWindow(resourceId).dailyUsed(clock.millis());
    }

    /** Where signed webhooks go; null (the default) posts nothing. */
    public void webhookUrl(String url) {
        if (url != null && !url.isBlank() && !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("the webhook URL must be http(s)://..., not " + url);
        }
        publisher.url(url);
    }

    public String webhookUrl() {
        return publisher.url();
    }

    public List<WebhookDelivery> webhookDeliveries() {
        return publisher.deliveries();
    }

    public void clearWebhookDeliveries() {
        publisher.clear();
    }

    /** Requests per location per operation and method, 429s, refreshes; see {@link CallLedger#toJson()}. */
    public JsonNode stats() {
        return ledger.toJson();
    }

    public void resetStats() {
        ledger.reset();
    }

    public ContactSeeder.Result seed(String locationId, ContactSeeder.Plan plan) {
        return ContactSeeder.seed(location(locationId), plan, clock.millis());
    }

    /** Creates an appointment (fires AppointmentCreate); {@code body} as GetEventSchema: startTime, endTime, title... */
    public JsonNode createAppointment(String locationId, String contactId, JsonNode body) {
        SandboxLocation location = location(locationId);
        location.contacts().get(contactId).orElseThrow(() -> new IllegalArgumentException("no contact " + contactId + " in " + locationId));
        Appointment appointment = Appointment.create(locationId, contactId, body, clock.millis());
        location.appointments().put(contactId, appointment);
        publisher.publish(appointment.event("AppointmentCreate"));
        return appointment.toJson();
    }

    public JsonNode updateAppointment(String locationId, String appointmentId, JsonNode body) {
        SandboxLocation location = location(locationId);
        Appointment current = location.appointments().find(appointmentId)
                .orElseThrow(() -> new IllegalArgumentException("no appointment " + appointmentId));
        Appointment next = location.appointments().change(current.contactId(), appointmentId, a -> a.update(body, clock.millis()))
                .orElseThrow(() -> new IllegalArgumentException("no appointment " + appointmentId));
        publisher.publish(next.event("AppointmentUpdate"));
        return next.toJson();
    }

    public boolean deleteAppointment(String locationId, String appointmentId) {
        SandboxLocation location = location(locationId);
        Optional<Appointment> removed = location.appointments().find(appointmentId)
                .flatMap(a -> location.appointments().remove(a.contactId(), a.id()));
        removed.ifPresent(a -> publisher.publish(a.event("AppointmentDelete")));
        return removed.isPresent();
    }

    /** Back to the state of a fresh start (same webhook keys): default location and token only, nothing counted. */
    public void reset() {
        locations.clear();
        windows.clear();
        tokens.clear();
        ledger.reset();
        publisher.url(null);
        publisher.clear();
        clock.reset();
        defaultLimits = RateLimits.GHL;
        installDefaults();
    }

    /** A summary for operators. */
    ObjectNode describe(SandboxLocation location) {
        ObjectNode out = Json.object();
        out.put("id", location.id());
        out.put("companyId", location.companyId());
        out.put("name", location.name());
        ObjectNode rule = out.putObject("duplicateRule");
        rule.put("allowDuplicates", location.duplicateRule().allowDuplicates());
        location.duplicateRule().priority().forEach(f -> rule.withArray("matchingPriority").add(f.json()));
        out.set("rateLimits", limitsJson(rateLimits(location.id())));
        out.put("dailyUsed", dailyUsed(location.id()));
        out.put("contacts", location.contactCount());
        out.put("tasks", location.tasks().count());
        out.put("notes", location.notes().count());
        out.put("appointments", location.appointments().count());
        ObjectNode fields = out.putObject("customFields");
        location.customFields().idsByKey().forEach(fields::put);
        location.installedApps().keySet().stream().sorted().forEach(app -> out.withArray("installedApps").add(app));
        return out;
    }

    static ObjectNode limitsJson(RateLimits limits) {
        ObjectNode out = Json.object();
        out.put("burstMax", limits.burstMax());
        out.put("intervalMillis", limits.intervalMillis());
        out.put("dailyMax", limits.dailyMax());
        out.put("dailyResetUtc", limits.dailyResetUtc().toString());
        return out;
    }

    private void installDefaults() {
        createLocation(DEFAULT_LOCATION_ID, DEFAULT_COMPANY_ID, "Sandbox Location");
        issuePrivateToken(DEFAULT_TOKEN, DEFAULT_LOCATION_ID, CONTACT_SCOPES, null);
    }

    private void requireClient(String clientId) {
        if (tokens.client(clientId).isEmpty()) {
            throw new IllegalArgumentException("no OAuth client " + clientId);
        }
    }

    private static long ttlSeconds(Duration ttl) {
        return ttl == null ? OAuthClient.DEFAULT_ACCESS_TTL_SECONDS : Math.max(1, ttl.toSeconds());
    }
}
