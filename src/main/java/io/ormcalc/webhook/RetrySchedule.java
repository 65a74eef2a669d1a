package io.ormcalc.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is attempted again. Pure: time and randomness come in.
 *
 * <p>The nominal delay after failed attempt {@code n} (1, 2, …) is {@code delays[n−1]}; there is no
 * attempt after the last delay. With the original specification's settings ({@code
 * WEBHOOK_RETRY_ATTEMPTS=3}, {@code WEBHOOK_RETRY_DELAY=2}) the delays double from the base: 2 s, 4
 * s, so three attempts in all. An explicit schedule (e.g. 5 s, 5 min, 30 min, 2 h, 5 h, 10 h)
 * replaces them. Jitter spreads each delay uniformly over ±20 % of its nominal value, so messages
 * that failed together (a receiver's outage) do not return in lockstep:
 *
 * <pre>
 *   delay = d(n) × (0.8 + 0.4 × U)        U uniform in [0, 1)
 * </pre>
 *
 * A receiver's {@code Retry-After} (429, 503) replaces the computed delay, capped by {@code
 * maxRetryAfter}.
 */
public record RetrySchedule(List<Duration> delays, Duration maxRetryAfter) {

  public RetrySchedule {
    delays = List.copyOf(delays);
  }

  /** {@code attempts} attempts, the delays doubling from {@code base}. */
  public static RetrySchedule exponential(int attempts, Duration base, Duration maxRetryAfter) {
    if (attempts < 1) {
      throw new IllegalArgumentException("webhook retry attempts must be at least 1");
    }
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < attempts - 1; i++) {
      delays.add(base.multipliedBy(1L << Math.min(i, 30)));
    }
    return new RetrySchedule(delays, maxRetryAfter);
  }

  public static RetrySchedule of(WebhookConfig config) {
    return config
        .retrySchedule()
        .map(delays -> new RetrySchedule(delays, config.maxRetryAfter()))
        .orElseGet(
            () -> exponential(config.retryAttempts(), config.retryDelay(), config.maxRetryAfter()));
  }

  /** Attempts per round of delivery, the first included. */
  public int maxAttempts() {
    return delays.size() + 1;
  }

  /**
   * The wait before the attempt after {@code failedAttempt} (counted within the round), or empty
   * when that was the last.
   *
   * @param retryAfter what the receiver asked for, if anything
   * @param random returns [0, 1)
   */
  public Optional<Duration> delayAfter(
      int failedAttempt, Optional<Duration> retryAfter, DoubleSupplier random) {
    if (failedAttempt >= maxAttempts()) {
      return Optional.empty();
    }
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get();
      return Optional.of(asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked);
    }
    long nominal = delays.get(Math.max(failedAttempt, 1) - 1).toMillis();
    return Optional.of(Duration.ofMillis((long) (nominal * (0.8 + 0.4 * random.getAsDouble()))));
  }

  /**
   * Reads a {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). A date in
   * the past means now; anything unreadable counts as no header.
   */
  public static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    if (value.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
