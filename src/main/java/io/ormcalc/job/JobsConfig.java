package io.ormcalc.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the job records themselves. */
@ConfigMapping(prefix = "ormcalc.jobs")
public interface JobsConfig {

  /**
   * Attempts a job may use before it fails for good (default 3, the original specification's retry
   * count; env {@code MAX_JOB_ATTEMPTS}).
   */
  @WithDefault("3")
  int maxAttempts();

  /** Nominal delay before the second attempt; it doubles per attempt (default 2 s). */
  @WithDefault("2s")
  Duration retryBaseDelay();

  /** The longest nominal retry delay (default 10 min). */
  @WithDefault("10m")
  Duration retryMaxDelay();

  /** The retry policy these settings describe. */
  default RetryPolicy retryPolicy() {
    return new RetryPolicy(retryBaseDelay(), retryMaxDelay());
  }
}
