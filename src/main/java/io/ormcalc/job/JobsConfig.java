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

  /**
   * Attempts in a row whose replica stopped under them (lease expired) after which a job is
   * quarantined as failed, {@code POISON_JOB}, instead of being run again (default 2; env {@code
   * POISON_AFTER_LOST_ATTEMPTS}): a job that kills its replica (a crash in native code, the
   * kernel's OOM killer) kills at most this many. 1 quarantines at the first loss; a graceful
   * hand-back at shutdown never counts, and an attempt that ended otherwise breaks the row.
   */
  @WithDefault("2")
  int poisonAfterLostAttempts();

  /** The retry policy these settings describe. */
  default RetryPolicy retryPolicy() {
    return new RetryPolicy(retryBaseDelay(), retryMaxDelay());
  }
}
