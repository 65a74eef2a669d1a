package io.ormcalc.job;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a job that failed for a retryable reason runs again. Pure: time and randomness come in.
 *
 * <p>Exponential backoff with "equal jitter": after failed attempt {@code n} (1, 2, …)
 *
 * <pre>
 *   d(n)  = min(cap, base × 2^(n−1))
 *   delay = d(n)/2 + U × d(n)/2          U uniform in [0, 1)
 * </pre>
 *
 * so the delay lies in [d/2, d): it grows by doubling, never below half its nominal value, and jobs
 * that failed together spread out instead of retrying in lockstep. With the defaults (base 2 s, cap
 * 10 min) the second attempt starts 1–2 s after the first failed, the third 2–4 s after the second.
 *
 * @param base the nominal delay after the first failure
 * @param cap the largest nominal delay
 */
public record RetryPolicy(Duration base, Duration cap) {

  /**
   * What follows a failed attempt: the delay before the next one, or empty when the job fails for
   * good (the failure is not retryable, or {@code attempt} was the last of {@code maxAttempts}).
   *
   * @param random returns [0, 1): the jitter
   */
  public Optional<Duration> nextAttemptIn(
      boolean retryable, int attempt, int maxAttempts, DoubleSupplier random) {
    return retries(retryable, attempt, maxAttempts)
        ? Optional.of(delayAfter(attempt, random))
        : Optional.empty();
  }

  /** Whether a failure at {@code attempt} of {@code maxAttempts} gets another attempt. */
  public boolean retries(boolean retryable, int attempt, int maxAttempts) {
    return retryable && attempt < maxAttempts;
  }

  /** The delay before the attempt after {@code failedAttempt}; {@code random} returns [0, 1). */
  public Duration delayAfter(int failedAttempt, DoubleSupplier random) {
    int doublings = Math.max(0, Math.min(failedAttempt - 1, 40));
    long nominal = Math.min(cap.toMillis(), base.toMillis() << Math.min(doublings, 30));
    long half = nominal / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (nominal - half)));
  }
}
