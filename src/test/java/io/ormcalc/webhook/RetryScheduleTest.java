package io.ormcalc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  static final Duration HOUR = Duration.ofHours(1);

  @Test
  void the_original_defaults_give_three_attempts_two_then_four_seconds_apart_with_jitter() {
    RetrySchedule schedule = RetrySchedule.exponential(3, Duration.ofSeconds(2), HOUR);

    assertThat(schedule.maxAttempts()).isEqualTo(3);
    assertThat(schedule.delayAfter(1, Optional.empty(), () -> 0.0))
        .contains(Duration.ofMillis(1600));
    assertThat(schedule.delayAfter(1, Optional.empty(), () -> 0.5)).contains(Duration.ofSeconds(2));
    assertThat(schedule.delayAfter(2, Optional.empty(), () -> 0.999))
        .get()
        .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(4700), Duration.ofMillis(4800)));
    assertThat(schedule.delayAfter(3, Optional.empty(), () -> 0.5)).isEmpty();
  }

  @Test
  void an_explicit_schedule_gives_one_retry_after_each_delay() {
    List<Duration> delays =
        List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10));
    RetrySchedule schedule = new RetrySchedule(delays, HOUR);

    assertThat(schedule.maxAttempts()).isEqualTo(7);
    assertThat(schedule.delayAfter(6, Optional.empty(), () -> 0.5)).contains(Duration.ofHours(10));
    assertThat(schedule.delayAfter(7, Optional.empty(), () -> 0.5)).isEmpty();
  }

  @Test
  void retry_after_replaces_the_backoff_up_to_its_cap_but_not_past_the_last_attempt() {
    RetrySchedule schedule = RetrySchedule.exponential(3, Duration.ofSeconds(2), HOUR);

    assertThat(schedule.delayAfter(1, Optional.of(Duration.ofSeconds(30)), () -> 0.5))
        .contains(Duration.ofSeconds(30));
    assertThat(schedule.delayAfter(1, Optional.of(Duration.ofDays(3)), () -> 0.5)).contains(HOUR);
    assertThat(schedule.delayAfter(3, Optional.of(Duration.ofSeconds(1)), () -> 0.5)).isEmpty();
  }

  @Test
  void retry_after_is_read_as_seconds_or_as_an_http_date() {
    Instant now = Instant.parse("2026-11-29T12:00:00Z");

    assertThat(RetrySchedule.parseRetryAfter("120", now)).contains(Duration.ofSeconds(120));
    assertThat(RetrySchedule.parseRetryAfter("Sun, 29 Nov 2026 12:01:30 GMT", now))
        .contains(Duration.ofSeconds(90));
    assertThat(RetrySchedule.parseRetryAfter("Sun, 29 Nov 2026 11:00:00 GMT", now))
        .contains(Duration.ZERO);
    assertThat(RetrySchedule.parseRetryAfter("soon", now)).isEmpty();
    assertThat(RetrySchedule.parseRetryAfter("-5", now)).isEmpty();
    assertThat(RetrySchedule.parseRetryAfter(null, now)).isEmpty();
  }
}
