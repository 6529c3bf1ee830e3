package io.ghlsync.ghl;

import io.ghlsync.ghl.auth.PrivateIntegrationToken;
import io.ghlsync.sandbox.ghl.RateLimits;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts far beyond a location's limit (shrunk to 50 per second in the sandbox) wait for the budget instead of
 * provoking 429s, and each location's budget is its own.
 */
class RateLimitBurstTest extends GhlSandboxTestSupport {

    private static final RateLimits SHRUNK = new RateLimits(50, 1000, 200_000, LocalTime.MIDNIGHT);

    private GhlLocation location(String id) {
        ghlSandbox().createLocation(id, "sandbox-company", id);
        ghlSandbox().rateLimits(id, SHRUNK);
        String token = ghlSandbox().issuePrivateToken(id, Set.of("contacts.readonly", "contacts.write"));
        return addLocation(context, id, new PrivateIntegrationToken(token, EnumSet.allOf(GhlScope.class)));
    }

    @Test
    void aBurstOf300CallsAtAShrunkLimitProducesNo429() throws Exception {
        location("loc-a");
        List<CompletableFuture<Exchange>> calls = burst("loc-a", 300);
        for (CompletableFuture<Exchange> call : calls) {
            ok(call.get(60, TimeUnit.SECONDS));
        }
        assertThat(ghlSandbox().ledger().requests("loc-a")).isEqualTo(300);
        assertThat(ghlSandbox().ledger().rateLimited("loc-a")).isZero();
    }

    @Test
    void twoLocationsHaveIndependentBudgets() throws Exception {
        location("loc-a");
        location("loc-b");
        List<CompletableFuture<Exchange>> backlogOfA = burst("loc-a", 300);

        // 300 calls at 50 per second keep A busy for about six seconds; B's 50 must not queue behind them.
        for (CompletableFuture<Exchange> call : burst("loc-b", 50)) {
            ok(call.get(60, TimeUnit.SECONDS));
        }
        long doneOfA = backlogOfA.stream().filter(CompletableFuture::isDone).count();
        assertThat(doneOfA).as("A still has a backlog when all of B is done").isLessThan(300);

        for (CompletableFuture<Exchange> call : backlogOfA) {
            ok(call.get(60, TimeUnit.SECONDS));
        }
        assertThat(ghlSandbox().ledger().rateLimited("loc-a")).isZero();
        assertThat(ghlSandbox().ledger().rateLimited("loc-b")).isZero();
        assertThat(ghlSandbox().ledger().requests("loc-b")).isEqualTo(50);
    }

    private List<CompletableFuture<Exchange>> burst(String locationId, int n) {
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(template.asyncSend("ghl:get-contacts", e -> {
                e.getMessage().setHeader(GhlConstants.LOCATION_ID, locationId);
                e.getMessage().setHeader(GhlConstants.PARAMETERS, new LinkedHashMap<>(Map.of("limit", 1)));
            }));
        }
        return calls;
    }
}
