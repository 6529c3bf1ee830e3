package io.ghlsync.ghl;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Retry-After comes as seconds or as an HTTP-date; both become a wait, garbage becomes "no advice". */
class RetryAfterTest {

    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void secondsAndHttpDatesAreBothUnderstood() {
        assertThat(RetryAfter.parse("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void pastDatesAndNegativeSecondsMeanNoWaitAndGarbageMeansNoAdvice() {
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("-5", now)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(RetryAfter.parse(null, now)).isNull();
    }
}
