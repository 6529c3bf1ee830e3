package io.ghlsync.sandbox.ghl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.sandbox.FaultInjector;
import io.ghlsync.sandbox.FaultKind;
import io.ghlsync.sandbox.FaultPlan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each injected fault does what it says, over real HTTP, and is counted; a faulted write changes nothing; faults are
 * per sandbox and never touch the controls; the same seed gives the same faults.
 */
class FaultInjectionTest extends SandboxTest {

    FaultInjector ghlFaults;
    FaultInjector cliengoFaults;

    @BeforeEach
    void noFaults() {
        ghlFaults = sandbox.server.faults("ghl");
        cliengoFaults = sandbox.server.faults("cliengo");
        for (FaultInjector faults : List.of(ghlFaults, cliengoFaults)) {
            faults.clear();
            faults.resetCounts();
        }
    }

    private SandboxHttp.Answer listContacts() {
        return sandbox.get("/contacts/?locationId=" + LOCATION);
    }

    private long contacts() {
        return sandbox.ghl.findLocation(LOCATION).orElseThrow().contactCount();
    }

    @Test
    void rateLimitedIsA429WithHonestHeadersAndUsesNoBudget() {
        sandbox.ghl.rateLimits(LOCATION, new RateLimits(100, 10_000, 1_000, java.time.LocalTime.MIDNIGHT));
        assertThat(listContacts().status()).isEqualTo(200);
        ghlFaults.apply(FaultPlan.parse("rateLimited=1"));
        SandboxHttp.Answer answer = listContacts();
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(answer.header("X-RateLimit-Max")).isEqualTo("100");
        assertThat(answer.header("X-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
        assertThat(answer.header("X-RateLimit-Limit-Daily")).isEqualTo("1000");
        assertThat(answer.header("X-RateLimit-Daily-Remaining")).as("the one real request used one").isEqualTo("999");
        assertThat(ghlFaults.injected(FaultKind.RATE_LIMITED)).isEqualTo(1);
        assertThat(sandbox.ghl.dailyUsed(LOCATION)).as("an injected 429 never reached the API").isEqualTo(1);
    }

    @Test
    void serverErrorsUseThePlansStatusesAndChangeNothing() {
        ghlFaults.apply(FaultPlan.parse("serverError=1,serverErrorStatuses=500/502/503,seed=3"));
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            SandboxHttp.Answer answer = sandbox.post("/contacts/", obj("locationId", LOCATION, "email", "e" + i + "@example.com"));
            statuses.add(answer.status());
        }
        assertThat(statuses).containsExactlyInAnyOrder(500, 502, 503);
        assertThat(contacts()).isZero();
        assertThat(ghlFaults.injected(FaultKind.SERVER_ERROR)).isEqualTo(30);
    }

    @Test
    void latencyDelaysTheAnswerAndTheRequestBodyStillArrives() {
        ghlFaults.apply(FaultPlan.parse("latencyMillis=400"));
        long start = System.nanoTime();
        SandboxHttp.Answer created = sandbox.post("/contacts/", obj("locationId", LOCATION, "email", "slow@example.com"));
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(elapsedMillis).as("answered no sooner than the added latency").isGreaterThanOrEqualTo(400);
        assertThat(contacts()).isEqualTo(1);
        assertThat(ghlFaults.injected(FaultKind.LATENCY)).isEqualTo(1);
    }

    @Test
    void aTimeoutNeverAnswersAndAResetDropsTheConnection() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // a POST: an HTTP client retries an idempotent GET on a dropped connection, and each try would be a fault
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.ghlBase() + "/contacts/"))
                .header("Authorization", "Bearer " + SandboxHttp.TOKEN).header("Version", "2021-07-28")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"locationId\":\"" + LOCATION + "\",\"email\":\"t@example.com\"}"));

        ghlFaults.apply(FaultPlan.parse("timeout=1,hangMillis=60000"));
        CompletableFuture<HttpResponse<String>> held = client.sendAsync(request.timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        SandboxHttp.await("the sandbox holds the request", Duration.ofSeconds(30), () -> ghlFaults.injected(FaultKind.TIMEOUT) == 1);
        assertThatThrownBy(held::join).hasCauseInstanceOf(HttpTimeoutException.class);

        ghlFaults.apply(FaultPlan.parse("connectionReset=1"));
        assertThatThrownBy(() -> client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        assertThat(ghlFaults.injected(FaultKind.CONNECTION_RESET)).isEqualTo(1);

        ghlFaults.clear();
        assertThat(contacts()).as("neither reached the API").isZero();
        assertThat(listContacts().status()).isEqualTo(200);
    }

    @Test
    void aMalformedAnswerIsA200ThatIsNotJsonAndChangesNothing() {
        ghlFaults.apply(FaultPlan.parse("malformed=1"));
        SandboxHttp.Answer answer = sandbox.post("/contacts/", obj("locationId", LOCATION, "email", "m@example.com"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json()).as("the body does not parse").isNull();
        assertThat(contacts()).isZero();
        assertThat(ghlFaults.injected(FaultKind.MALFORMED)).isEqualTo(1);
    }

    @Test
    void tokenExpiryExpiresAnOAuthTokenWhichTheRefreshReplacesButLeavesPrivateTokensAlone() {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
        JsonNode tokens = refresh(app.client(), app.refreshToken()).json();
        String access = tokens.get("access_token").asText();
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, access, null).status()).isEqualTo(200);

        ghlFaults.apply(FaultPlan.parse("tokenExpired=1"));
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, access, null).status()).isEqualTo(401);
        assertThat(listContacts().status()).as("the private token never expires").isEqualTo(200);
        assertThat(ghlFaults.injected(FaultKind.TOKEN_EXPIRED)).isEqualTo(1);

        ghlFaults.clear();
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, access, null).status()).as("expired for good").isEqualTo(401);
        SandboxHttp.Answer renewed = refresh(app.client(), tokens.get("refresh_token").asText());
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, renewed.json().get("access_token").asText(), null).status())
                .isEqualTo(200);
    }

    @Test
    void tokenRevocationUninstallsTheAppSoNoRefreshHelps() {
        GhlSandbox.OAuthInstallation app = sandbox.ghl.installLocationApp(LOCATION, GhlSandbox.CONTACT_SCOPES, null);
        JsonNode tokens = refresh(app.client(), app.refreshToken()).json();
        String access = tokens.get("access_token").asText();
        String pit = sandbox.ghl.issuePrivateToken("pit-revoked", LOCATION, GhlSandbox.CONTACT_SCOPES, null);

        ghlFaults.apply(FaultPlan.parse("tokenRevoked=1"));
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, access, null).status()).isEqualTo(401);
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, pit, null).status()).isEqualTo(401);
        assertThat(ghlFaults.injected(FaultKind.TOKEN_REVOKED)).isEqualTo(2);

        ghlFaults.clear();
        assertThat(sandbox.call("GET", "/contacts/?locationId=" + LOCATION, pit, null).status()).isEqualTo(401);
        assertThat(refresh(app.client(), tokens.get("refresh_token").asText()).status()).isEqualTo(400);
    }

    @Test
    void anOutageRefusesEveryRequestForItsLengthThenEnds() {
        long start = System.nanoTime();
        SandboxHttp.Answer control = sandbox.send("POST", controlUrl("ghl", "/outage"), Map.of(), obj("millis", 1500, "status", 503));
        assertThat(control.status()).as(control.raw()).isEqualTo(200);
        assertThat(listContacts().status()).isEqualTo(503);
        assertThat(sandbox.send("GET", controlUrl("ghl", ""), Map.of(), null).status()).as("the controls stay up").isEqualTo(200);
        assertThat(sandbox.send("GET", cliengoUrl(), Map.of("X-Api-Key", "sandbox-cliengo-key"), null).status())
                .as("an outage of GHL is not one of Cliengo").isEqualTo(200);
        SandboxHttp.await("the outage ends", Duration.ofSeconds(30), () -> listContacts().status() == 200);
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).as("it lasted its length").isGreaterThanOrEqualTo(1500);
        assertThat(ghlFaults.injected(FaultKind.OUTAGE)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndTheRatesHold() {
        List<Integer> first = statuses("rateLimited=0.1,serverError=0.2,seed=42", 300);
        List<Integer> second = statuses("rateLimited=0.1,serverError=0.2,seed=42", 300);
        assertThat(second).isEqualTo(first);
        long limited = first.stream().filter(s -> s == 429).count();
        long failed = first.stream().filter(s -> s >= 500).count();
        // 300 draws of a fixed seed: deterministic, and near the rates (30 and 60 expected)
        assertThat(limited).isBetween(15L, 45L);
        assertThat(failed).isBetween(40L, 80L);
        assertThat(ghlFaults.injected(FaultKind.RATE_LIMITED)).isEqualTo(2 * limited);
        assertThat(statuses("rateLimited=0.1,serverError=0.2,seed=43", 300)).isNotEqualTo(first);
    }

    @Test
    void theControlApiSetsShowsAndRefusesBadPlans() {
        SandboxHttp.Answer set = sandbox.send("PUT", controlUrl("cliengo", ""), Map.of(),
                obj("serverError", 1, "serverErrorStatuses", List.of(502), "seed", 7));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(set.json().at("/plan/serverError").asDouble()).isEqualTo(1.0);
        assertThat(set.json().get("seed").asLong()).isEqualTo(7);
        assertThat(sandbox.send("GET", cliengoUrl(), Map.of("X-Api-Key", "sandbox-cliengo-key"), null).status()).isEqualTo(502);
        assertThat(listContacts().status()).as("Cliengo's faults are not GHL's").isEqualTo(200);
        SandboxHttp.Answer shown = sandbox.send("GET", controlUrl("cliengo", ""), Map.of(), null);
        assertThat(shown.json().at("/injected/serverError").asLong()).isEqualTo(1);
        assertThat(shown.json().get("faults").asLong()).isEqualTo(1);

        for (Object bad : List.of(obj("serverError", 2), obj("rateLimited", 0.6, "serverError", 0.6), obj("explode", 0.1),
                obj("serverErrorStatuses", List.of(404)), obj("latencyMillis", -1), "[1]", "{\"serverError\": ")) {
            SandboxHttp.Answer refused = sandbox.send("PUT", controlUrl("ghl", ""), Map.of(), bad);
            assertThat(refused.status()).as("%s", bad).isEqualTo(400);
            assertThat(refused.json().get("message").asText()).isNotBlank();
        }
        SandboxHttp.Answer noTokens = sandbox.send("PUT", controlUrl("cliengo", ""), Map.of(), obj("tokenExpired", 0.1));
        assertThat(noTokens.status()).isEqualTo(400);
        assertThat(noTokens.json().get("message").asText()).contains("no tokens");
        assertThat(sandbox.send("DELETE", controlUrl("cliengo", ""), Map.of(), null).json().at("/plan/serverError").asDouble()).isZero();
    }

    private List<Integer> statuses(String spec, int requests) {
        // GHL's own burst limit would add real 429s to the injected ones
        sandbox.ghl.rateLimits(LOCATION, new RateLimits(100_000, 10_000, 1_000_000, java.time.LocalTime.MIDNIGHT));
        ghlFaults.apply(FaultPlan.parse(spec));
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            out.add(listContacts().status());
        }
        return out;
    }

    private SandboxHttp.Answer refresh(OAuthClient client, String refreshToken) {
        return sandbox.form("/oauth/token", null, Map.of("client_id", client.clientId(), "client_secret", client.clientSecret(),
                "grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private static String controlUrl(String app, String path) {
        return "http://127.0.0.1:" + sandbox.server.port() + "/_sandbox/" + app + "/faults" + path;
    }

    private static String cliengoUrl() {
        return "http://127.0.0.1:" + sandbox.server.port() + "/cliengo/leads";
    }
}
