package io.ghlsync.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input to the admin API gets a 4xx with a JSON reason naming the parameter, and changes nothing. */
class AdminApiBadInputTest extends EngineTestSupport {

    private void refused(String method, String path, int status, String field, String reason) {
        Answer answer = http(method, path);
        assertThat(answer.status()).as(method + " " + path).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(answer.json().get("error").asText()).as(method + " " + path).contains(reason);
        if (field == null) {
            assertThat(answer.json().has("field")).isFalse();
        } else {
            assertThat(answer.json().get("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void unknownIdsAreNotFound() {
        refused("GET", "/admin/dead-letters/4242", 404, "id", "dead letter 4242 does not exist");
        refused("DELETE", "/admin/dead-letters/4242", 404, "id", "does not exist");
        refused("POST", "/admin/dead-letters/4242/replay", 404, null, "dead letter 4242 does not exist");
    }

    @Test
    void malformedFiltersAndIdsAreBadRequests() {
        refused("GET", "/admin/dead-letters?httpStatus=abc", 400, "httpStatus", "httpStatus must be a whole number from 100 to 599, not 'abc'");
        refused("GET", "/admin/dead-letters?limit=-1", 400, "limit", "limit must be a whole number from 1 to 500");
        refused("GET", "/admin/dead-letters?limit=501", 400, "limit", "not '501'");
        refused("GET", "/admin/dead-letters?offset=x", 400, "offset", "offset");
        refused("GET", "/admin/dead-letters?rotue=cliengo", 400, "rotue", "unknown parameter 'rotue'");
        refused("GET", "/admin/dead-letters?status=lost", 400, "status", "unknown status 'lost'");
        refused("GET", "/admin/dead-letters?createdAfter=yesterday", 400, "createdAfter", "ISO-8601");
        refused("GET", "/admin/dead-letters?route=a&route=b", 400, "route", "given twice");
        refused("GET", "/admin/dead-letters?route=", 400, "route", "must not be empty");
        refused("GET", "/admin/dead-letters/abc", 400, "id", "positive whole number");
        refused("GET", "/admin/dead-letters/1?verbose=true", 400, "verbose", "this call takes none");
    }

    @Test
    void bulkOperationsMustNameTheirLetters() {
        refused("POST", "/admin/dead-letters/replay", 400, null, "all=true");
        refused("POST", "/admin/dead-letters/discard", 400, null, "all=true");
        refused("POST", "/admin/dead-letters/discard?all=yes", 400, "all", "all must be 'true'");
        refused("POST", "/admin/dead-letters/discard?all=true&route=x", 400, "all", "cannot be combined");
        refused("POST", "/admin/dead-letters/replay?status=PENDING", 400, "status", "unknown parameter");
    }

    @Test
    void goodInputIsAnswered() {
        Answer answer = http("GET", "/admin/dead-letters?status=pending,replayed&limit=10&offset=0&createdAfter=2020-01-01T00:00:00Z");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("total").asLong()).isZero();
        assertThat(answer.json().get("limit").asInt()).isEqualTo(10);
        assertThat(answer.raw().headers().firstValue("Authorization")).as("request headers are not echoed").isEmpty();
        assertThat(answer.raw().headers().firstValue("status")).isEmpty();
    }
}
