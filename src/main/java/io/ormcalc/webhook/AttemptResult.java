package io.ormcalc.webhook;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What one attempt to deliver a message came to: a value, never an exception.
 *
 * @param httpStatus the receiver's status code, or null when no response came
 * @param latencyMs from the start of the attempt to its end
 * @param error why it failed, for the audit (never a secret); null when delivered
 * @param response the first bytes of the receiver's answer, as text
 * @param retryAfter what the receiver asked for with {@code Retry-After} (429 and 503 only)
 */
public record AttemptResult(
    Outcome outcome,
    Integer httpStatus,
    long latencyMs,
    String error,
    String response,
    Optional<Duration> retryAfter) {

  public enum Outcome {
    /** 2xx: done. */
    DELIVERED,
    /** Any other status, or a connection failure: try again later. */
    FAILED,
    /** 410: the receiver wants no more of this message. */
    GONE,
    /** No answer within the time limit. */
    TIMEOUT,
    /** The destination may not be called (scheme, or a non-public address). */
    REFUSED,
    /** The host's circuit breaker is open: nothing was sent, and the attempt does not count. */
    CIRCUIT_OPEN;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static AttemptResult of(Outcome outcome, long latencyMs, String error) {
    return new AttemptResult(outcome, null, latencyMs, error, null, Optional.empty());
  }
}
