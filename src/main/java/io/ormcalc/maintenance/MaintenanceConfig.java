package io.ormcalc.maintenance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the maintenance duties. */
@ConfigMapping(prefix = "ormcalc.maintenance")
public interface MaintenanceConfig {

  /** How often expired leases are looked for (application.properties: 15 s). */
  Duration rescueInterval();

  /** How often old finished jobs are purged (application.properties: 10 min). */
  Duration purgeInterval();

  /**
   * Finished jobs older than this many hours are purged (default 24, the original specification's;
   * env {@code JOB_CLEANUP_AGE_HOURS}).
   */
  @WithDefault("24")
  int cleanupAgeHours();

  /** Jobs deleted per transaction by a purge, so no purge is one huge delete (default 1000). */
  @WithDefault("1000")
  int purgeBatchSize();

  /** Running jobs rescued per statement by the rescuer (default 500). */
  @WithDefault("500")
  int rescueBatchSize();
}
