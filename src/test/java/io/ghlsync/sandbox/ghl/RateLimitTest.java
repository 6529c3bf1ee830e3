package io.ghlsync.sandbox.ghl;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;

import static io.ghlsync.sandbox.ghl.SandboxHttp.LOCATION;
import static io.ghlsync.sandbox.ghl.SandboxHttp.obj;
import static org.assertj.core.api.Assertions.assertThat;

/** Per-location burst and daily limits with GHL's X-RateLimit-* headers, 429 when spent, counted in the stats. */
class RateLimitTest extends SandboxTest {

    private SandboxHttp.Answer list(String location, String token) {
        return sandbox.call("GET", "/contacts/?locationId=" + location, token, null);
    }

    @Test
    void everyAnswerCarriesTheRealDefaultsInItsHeaders() {
        SandboxHttp.Answer answer = list(LOCATION, SandboxHttp.TOKEN);
        assertThat(answer.header("X-RateLimit-Max")).isEqualTo("100");
        assertThat(answer.header("X-RateLimit-Remaining")).isEqualTo("99");
        assertThat(answer.header("X-RateLimit-Interval-Milliseconds")).isEqualTo("10000");
        assertThat(answer.header("X-RateLimit-Limit-Daily")).isEqualTo("200000");
        assertThat(answer.header("X-RateLimit-Daily-Remaining")).isEqualTo("199999");
        SandboxHttp.Answer error = sandbox.get("/contacts/unknown-id");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.header("X-RateLimit-Remaining")).as("errors carry the headers too").isEqualTo("98");
    }

    @Test
    void aSpentBurstAnswers429AndOtherLocationsAreUnaffected() {
        sandbox.control("POST", "/locations", obj("id", "busy"));
        sandbox.control("POST", "/locations", obj("id", "calm"));
        String busy = sandbox.control("POST", "/tokens", obj("locationId", "busy")).json().get("token").asText();
        String calm = sandbox.control("POST", "/tokens", obj("locationId", "calm")).json().get("token").asText();
        SandboxHttp.Answer configured = sandbox.control("PUT", "/locations/busy/rate-limits", obj("burstMax", 3, "intervalMillis", 60_000));
        assertThat(configured.status()).isEqualTo(200);

        for (int i = 0; i < 3; i++) {
            SandboxHttp.Answer ok = list("busy", busy);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(2 - i));
        }
        SandboxHttp.Answer limited = list("busy", busy);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("statusCode").asInt()).isEqualTo(429);
        assertThat(limited.json().get("message").asText()).isNotBlank();
        assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(limited.header("X-RateLimit-Max")).isEqualTo("3");
        assertThat(limited.header("X-RateLimit-Interval-Milliseconds")).isEqualTo("60000");

        assertThat(list("calm", calm).status()).isEqualTo(200);
        assertThat(sandbox.ghl.ledger().rateLimited("busy")).isEqualTo(1);
        assertThat(sandbox.ghl.ledger().rateLimited("calm")).isZero();
        assertThat(sandbox.control("GET", "/stats", null).json().at("/locations/busy/rateLimited").asInt()).isEqualTo(1);
        assertThat(sandbox.ghl.ledger().requests("busy", "get-contacts")).isEqualTo(4);

        sandbox.control("POST", "/clock/advance", obj("millis", 60_001));
        assertThat(list("busy", busy).status()).as("the window slid past the burst").isEqualTo(200);
    }

    @Test
    void theBurstWindowSlidesRatherThanResettingInBlocks() {
        sandbox.ghl.rateLimits(LOCATION, new RateLimits(2, 10_000, 1_000, LocalTime.MIDNIGHT));
        assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(200);
        sandbox.ghl.clock().advance(java.time.Duration.ofSeconds(6));
        assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(200);
        assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(429);
        sandbox.ghl.clock().advance(java.time.Duration.ofSeconds(5));
        // the first request left the window; the second (6 s old) is still in it
        assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(200);
        assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(429);
    }

    @Test
    void theDailyQuotaEndsAt429UntilTheDayRollsOverOrIsReset() {
        sandbox.ghl.rateLimits(LOCATION, new RateLimits(100, 10_000, 3, LocalTime.MIDNIGHT));
        for (int i = 0; i < 3; i++) {
            assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(200);
        }
        SandboxHttp.Answer spent = list(LOCATION, SandboxHttp.TOKEN);
        assertThat(spent.status()).isEqualTo(429);
        assertThat(spent.header("X-RateLimit-Daily-Remaining")).isEqualTo("0");
        assertThat(spent.header("X-RateLimit-Limit-Daily")).isEqualTo("3");

        sandbox.ghl.clock().advance(java.time.Duration.ofHours(24));
        SandboxHttp.Answer nextDay = list(LOCATION, SandboxHttp.TOKEN);
        assertThat(nextDay.status()).isEqualTo(200);
        assertThat(nextDay.header("X-RateLimit-Daily-Remaining")).isEqualTo("2");

        list(LOCATION, SandboxHttp.TOKEN);
        list(LOCATION, SandboxHttp.TOKEN);
        assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(429);
        assertThat(sandbox.control("POST", "/locations/" + LOCATION + "/rate-limits/reset", null).status()).isEqualTo(200);
        assertThat(list(LOCATION, SandboxHttp.TOKEN).status()).isEqualTo(200);
    }

    @Test
    void badRateLimitInputIsRefusedWithAReason() {
        SandboxHttp.Answer answer = sandbox.control("PUT", "/locations/" + LOCATION + "/rate-limits", obj("burstMax", 0));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).contains("burstMax");
        assertThat(sandbox.control("PUT", "/locations/nowhere/rate-limits", obj("burstMax", 5)).status()).isEqualTo(404);
    }
}
