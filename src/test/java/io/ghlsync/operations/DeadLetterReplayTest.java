package io.ghlsync.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.ghlsync.ghl.GhlApiException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replay through the admin API: after its cause is fixed a dead letter goes through its normal route once and leaves
 * the list; replaying it again, or twice at the same time, delivers nothing more; a replay that fails again updates
 * the same letter.
 */
class DeadLetterReplayTest extends EngineTestSupport {

    private final AtomicBoolean refuse = new AtomicBoolean(true);
    private final AtomicInteger delivered = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected RoutesBuilder testRoutes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:cliengo-leads").routeId("cliengo-leads-to-ghl").routeConfigurationId("ghl-retry-policy")
                        .process("cliengo-lead-to-ghl-contact")
                        .to("ghl:upsert-contact");
                // a target that refuses until told otherwise, and can be held mid-delivery
                from("direct:clientjoy-clients").routeId("clientjoy-clients-to-ghl").routeConfigurationId("ghl-retry-policy")
                        .process(e -> {
                            if (refuse.get()) {
                                throw new GhlApiException("upsert-contact", 422, "phone must be E.164", null, null);
                            }
                            entered.countDown();
                            if (!release.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                            delivered.incrementAndGet();
                        });
            }
        };
    }

    private long upserts() {
        return sandbox.ghl().ledger().requests("sandbox-location", "upsert-contact");
    }

    @Test
    void aLetterReplayedAfterItsMappingIsFixedIsDeliveredOnceAndLeavesTheList() throws Exception {
        long before = upserts();
        template.sendBody("direct:cliengo-leads", DeadLetterChannelTest.POISON);
        assertThat(upserts()).isEqualTo(before);
        long id = http("GET", "/admin/dead-letters").json().get("deadLetters").get(0).get("id").asLong();

        Answer tooEarly = http("POST", "/admin/dead-letters/" + id + "/replay");
        assertThat(tooEarly.status()).as("cause not fixed yet: %s", tooEarly.json()).isEqualTo(422);
        assertThat(tooEarly.json().get("outcome").asText()).isEqualTo("FAILED_AGAIN");
        JsonNode list = http("GET", "/admin/dead-letters").json();
        assertThat(list.get("total").asLong()).as("the same letter, not a second one").isEqualTo(1);
        assertThat(list.get("deadLetters").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list.get("deadLetters").get(0).get("attempts").asInt()).isEqualTo(2);

        // the operator fixes the mapping: an archived Cliengo lead is a lost one
        Path mapping = mappings().resolve("cliengo-lead-to-ghl-contact.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("      lost: lost\n", "      lost: lost\n      archived: lost\n"));
        await("the fixed mapping is loaded", Duration.ofSeconds(20), () -> {
            try {
                context.getRegistry().lookupByNameAndType("mappings", io.ghlsync.mapping.Mappings.class)
                        .registry().apply("cliengo-lead-to-ghl-contact", JSON.readTree(DeadLetterChannelTest.POISON),
                                io.ghlsync.mapping.MappingContext.of(java.util.Map.of("locationId", "sandbox-location")))
                        .orThrow();
                return true;
            } catch (Exception e) {
                return false;
            }
        });

        Answer replay = http("POST", "/admin/dead-letters/" + id + "/replay");
        assertThat(replay.status()).as("%s", replay.json()).isEqualTo(200);
        assertThat(replay.json().get("outcome").asText()).isEqualTo("REPLAYED");
        assertThat(upserts() - before).as("delivered once").isEqualTo(1);
        assertThat(http("GET", "/admin/dead-letters").json().get("total").asLong()).as("gone from the list").isZero();
        assertThat(http("GET", "/admin/dead-letters?status=REPLAYED").json().get("total").asLong()).isEqualTo(1);

        Answer again = http("POST", "/admin/dead-letters/" + id + "/replay");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).contains("REPLAYED");
        Answer bulk = http("POST", "/admin/dead-letters/replay?all=true");
        assertThat(bulk.json().get("matched").asInt()).isZero();
        assertThat(upserts() - before).as("still once").isEqualTo(1);
    }

    @Test
    void twoReplaysOfOneLetterAtTheSameTimeDeliverItOnce() throws Exception {
        template.sendBody("direct:clientjoy-clients", "{\"id\": \"cj-1\"}");
        long id = http("GET", "/admin/dead-letters?route=clientjoy-clients-to-ghl").json()
                .get("deadLetters").get(0).get("id").asLong();
        refuse.set(false);

        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> http("POST", "/admin/dead-letters/" + id + "/replay"));
        assertThat(entered.await(30, TimeUnit.SECONDS)).as("the first replay is inside the route").isTrue();
        assertThat(http("GET", "/admin/dead-letters/" + id).json().get("status").asText()).isEqualTo("REPLAYING");

        Answer second = http("POST", "/admin/dead-letters/" + id + "/replay");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("outcome").asText()).isEqualTo("NOT_PENDING");
        assertThat(http("DELETE", "/admin/dead-letters/" + id).status()).as("not discarded under a running replay").isEqualTo(409);

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(delivered.get()).isEqualTo(1);
        assertThat(http("GET", "/admin/dead-letters/" + id).json().get("status").asText()).isEqualTo("REPLAYED");
    }

    @Test
    void bulkReplayAndDiscardWorkByFilter() {
        for (int i = 0; i < 3; i++) {
            template.sendBody("direct:clientjoy-clients", "{\"id\": \"cj-" + i + "\"}");
        }
        template.sendBody("direct:cliengo-leads", DeadLetterChannelTest.POISON);
        release.countDown();
        refuse.set(false);

        Answer replayed = http("POST", "/admin/dead-letters/replay?route=clientjoy-clients-to-ghl");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("matched").asInt()).isEqualTo(3);
        assertThat(replayed.json().get("replayed").asInt()).isEqualTo(3);
        assertThat(delivered.get()).isEqualTo(3);

        Answer failed = http("POST", "/admin/dead-letters/replay?source=cliengo");
        assertThat(failed.json().get("failedAgain").asInt()).isEqualTo(1);

        Answer discarded = http("POST", "/admin/dead-letters/discard?errorClass=MappingException");
        assertThat(discarded.json().get("discarded").asInt()).isEqualTo(1);
        assertThat(http("GET", "/admin/dead-letters").json().get("total").asLong()).isZero();
        assertThat(http("GET", "/admin/dead-letters?status=all").json().get("total").asLong()).isEqualTo(4);
    }
}
