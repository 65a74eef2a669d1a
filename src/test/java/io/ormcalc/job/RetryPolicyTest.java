package io.ormcalc.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retry policy as the pure function it is: attempts, bounds, cap and jitter. */
class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(10));

  @Test
  void a_failure_that_is_not_retryable_is_final_whatever_the_attempts_left() {
    assertThat(policy.nextAttemptIn(false, 1, 3, () -> 0.5)).isEmpty();
  }

  @Test
  void a_retryable_failure_is_retried_until_the_last_attempt_and_not_after_it() {
    assertThat(policy.nextAttemptIn(true, 1, 3, () -> 0.5)).isPresent();
    assertThat(policy.nextAttemptIn(true, 2, 3, () -> 0.5)).isPresent();
    assertThat(policy.nextAttemptIn(true, 3, 3, () -> 0.5)).isEmpty();
    assertThat(policy.nextAttemptIn(true, 1, 1, () -> 0.5)).isEmpty();
  }

  @Test
  void the_delay_doubles_per_attempt_within_half_to_all_of_its_nominal_value() {
    for (int attempt = 1; attempt <= 6; attempt++) {
      long nominal = 2000L << (attempt - 1);
      assertThat(policy.delayAfter(attempt, () -> 0.0)).isEqualTo(Duration.ofMillis(nominal / 2));
      assertThat(policy.delayAfter(attempt, () -> 0.999999))
          .isLessThan(Duration.ofMillis(nominal))
          .isGreaterThanOrEqualTo(Duration.ofMillis(nominal - 1));
    }
  }

  @Test
  void the_jitter_spreads_the_delay_linearly_over_its_range() {
    assertThat(policy.delayAfter(2, () -> 0.25)).isEqualTo(Duration.ofMillis(2000 + 500));
    assertThat(policy.delayAfter(2, () -> 0.5)).isEqualTo(Duration.ofMillis(3000));
  }

  @Test
  void the_delay_never_exceeds_the_cap_even_after_many_attempts() {
    for (int attempt : new int[] {10, 30, 31, 64, 1000, Integer.MAX_VALUE}) {
      assertThat(policy.delayAfter(attempt, () -> 0.999999))
          .isLessThan(Duration.ofMinutes(10))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void an_attempt_number_below_one_is_treated_as_the_first() {
    assertThat(policy.delayAfter(0, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(-5, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
  }
}
