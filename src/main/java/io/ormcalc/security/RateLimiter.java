package io.ormcalc.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-tenant token buckets: each request takes a token; tokens come back at the tenant's rate, up
 * to its burst. Per replica and in memory, so the service-wide limit is the per-replica limit times
 * the replicas — a guard against a runaway client, not a billing meter.
 */
@ApplicationScoped
public class RateLimiter {

  /** More tenants than this and the buckets start afresh (bounded memory). */
  static final int MAX_BUCKETS = 100_000;

  private final SecurityConfig.RateLimit config;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Inject
  public RateLimiter(SecurityConfig config) {
    this(config.rateLimit(), System::nanoTime);
  }

  RateLimiter(SecurityConfig.RateLimit config, LongSupplier nanoTime) {
    this.config = config;
    this.nanoTime = nanoTime;
  }

  /**
   * Takes a token for the tenant.
   *
   * @return empty when the request may go on; otherwise how long until a token is back
   */
  public Optional<Duration> acquire(String tenant) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    if (buckets.size() > MAX_BUCKETS) {
      buckets.clear();
    }
    double rate = config.tenants().getOrDefault(tenant, config.requestsPerSecond());
    double burst = Math.max(1, config.burst() * rate / config.requestsPerSecond());
    return buckets
        .computeIfAbsent(tenant, t -> new Bucket(burst, nanoTime.getAsLong()))
        .take(rate, burst, nanoTime.getAsLong());
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updated = now;
    }

    /**
     * @param now read before this bucket's lock was taken, so another request may have moved the
     *     bucket past it already: an earlier time adds nothing (and must not take tokens away)
     */
    synchronized Optional<Duration> take(double rate, double burst, long now) {
      if (now > updated) {
        tokens = Math.min(burst, tokens + (now - updated) / 1e9 * rate);
        updated = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        return Optional.empty();
      }
      return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9)));
    }
  }
}
