package io.ormcalc.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How completion webhooks are signed and delivered. The environment variables named here are part
 * of the service's contract (README, Configuration).
 */
@ConfigMapping(prefix = "ormcalc.webhook")
public interface WebhookConfig {

  /**
   * The signing secret, {@code whsec_<base64 of 24 to 64 random bytes>} (env {@code
   * WEBHOOK_SIGNING_SECRET}). Required in production: the service does not start without it. Dev
   * and test use a fixed, public secret.
   */
  Optional<String> signingSecret();

  /**
   * The secret being rotated out (env {@code WEBHOOK_SIGNING_SECRET_PREVIOUS}): while it is set,
   * every message carries both signatures, so receivers can switch secrets at their own pace.
   */
  Optional<String> signingSecretPrevious();

  /**
   * Whether {@code http://} callback URLs are accepted (env {@code WEBHOOK_ALLOW_HTTP}, default
   * false: callbacks carry results, so only {@code https://} in production).
   */
  @WithDefault("false")
  boolean allowHttp();

  /**
   * Hosts and CIDR ranges that may be called although they are loopback, private or link-local (env
   * {@code WEBHOOK_ALLOWED_HOSTS}, comma-separated, e.g. {@code hooks.internal,10.1.0.0/16};
   * default none: such destinations are refused to prevent server-side request forgery).
   */
  Optional<List<String>> allowedHosts();

  /**
   * Time limit of one attempt, connection to last byte read (env {@code WEBHOOK_TIMEOUT}, 15 s).
   */
  @WithDefault("15s")
  Duration timeout();

  /**
   * Attempts per delivery, the first included (env {@code WEBHOOK_RETRY_ATTEMPTS}, default 3 as in
   * the original specification). Ignored when {@code retry-schedule} is set.
   */
  @WithDefault("3")
  int retryAttempts();

  /**
   * Nominal delay before the first retry, doubled for each further one (env {@code
   * WEBHOOK_RETRY_DELAY}, in seconds; default 2 as in the original specification).
   */
  @WithDefault("2s")
  Duration retryDelay();

  /**
   * An explicit schedule of delays between attempts, e.g. {@code 5s,5m,30m,2h,5h,10h} (env {@code
   * WEBHOOK_RETRY_SCHEDULE}; default none). When set it replaces {@code retry-attempts} and {@code
   * retry-delay}: one attempt, then one retry after each delay.
   */
  Optional<List<Duration>> retrySchedule();

  /**
   * The longest wait a receiver's {@code Retry-After} may ask for (default 1 h); longer requests
   * are cut to this so that a receiver cannot park a message for ever.
   */
  @WithDefault("1h")
  Duration maxRetryAfter();

  /**
   * Deliveries in flight at once on this replica (default 32). Sending is I/O-bound: a slow
   * receiver holds a slot for up to {@code timeout}.
   */
  @WithDefault("32")
  int maxInFlight();

  /** How often the sender looks for due deliveries when nothing woke it (default 1 s). */
  @WithDefault("1s")
  Duration pollInterval();

  /**
   * How long a claimed delivery stays this replica's (default 2 min, well above {@code timeout}):
   * if the replica dies mid-send, another sends the message again after this.
   */
  @WithDefault("2m")
  Duration lease();

  /** Response bytes read and kept per attempt (default 1024); the rest is discarded. */
  @WithDefault("1024")
  int maxResponseBytes();

  /**
   * Whether this replica sends webhooks (default true). Replicas that only calculate can leave
   * delivery to others; the outbox waits for whichever replica sends.
   */
  @WithDefault("true")
  boolean deliveryEnabled();

  /**
   * Base URL of this API as clients reach it, e.g. {@code https://orm.example.com} (env {@code
   * PUBLIC_BASE_URL}): makes the links in webhook payloads absolute. Default none: links are paths.
   */
  Optional<String> publicBaseUrl();

  /** The per-host circuit breaker. */
  CircuitBreaker circuitBreaker();

  /**
   * One breaker per destination host, so that a dead receiver fails fast without holding slots that
   * other receivers' messages need. While it is open, that host's messages wait (the wait is not
   * counted as an attempt).
   */
  interface CircuitBreaker {

    /** Attempts in the rolling window (default 10). */
    @WithDefault("10")
    int requestVolumeThreshold();

    /** Share of failed attempts in the window that opens the breaker (default 0.5). */
    @WithDefault("0.5")
    double failureRatio();

    /** How long the breaker stays open before a trial attempt (default 30 s). */
    @WithDefault("30s")
    Duration delay();
  }
}
