package io.ormcalc.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the job records themselves. */
@ConfigMapping(prefix = "ormcalc.jobs")
public interface JobsConfig {

  /**
   * Attempts a job may use before it fails for good (default 3, the original specification's retry
   * count; env {@code MAX_JOB_ATTEMPTS}).
   */
  @WithDefault("3")
  int maxAttempts();
}
