package io.ormcalc.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.OptionalInt;

/**
 * How the claim shares the queue between tenants: within a priority it takes the most urgent due
 * jobs of each tenant in turn, in proportion to their weights, and never more of a tenant's than
 * its concurrency limit leaves room for.
 */
@ConfigMapping(prefix = "ormcalc.tenants")
public interface TenantsConfig {

  /**
   * Jobs of one tenant running at once across every replica, unless the tenant has its own limit
   * (env {@code TENANT_MAX_RUNNING}; default none). Counts every job holding a lease, closed-form
   * jobs while their claim calculates them and synchronous jobs included; the claim never takes a
   * tenant's jobs beyond it (synchronous requests are bounded by their own limit instead).
   */
  OptionalInt maxRunning();

  /** Per tenant, by tenant id: {@code ormcalc.tenants.tenant."bank-a".weight=3}. */
  Map<String, Tenant> tenant();

  /** One tenant's share. */
  interface Tenant {

    /** Its jobs running at once, overriding {@code ormcalc.tenants.max-running}. */
    OptionalInt maxRunning();

    /**
     * Its weight in the round robin (default 1): a tenant of weight 3 gets three turns to another's
     * one, within a priority.
     */
    @WithDefault("1")
    int weight();
  }

  /** Whether any tenant has a concurrency limit, so that claims must count running jobs. */
  default boolean limitsRunning() {
    return maxRunning().isPresent()
        || tenant().values().stream().anyMatch(t -> t.maxRunning().isPresent());
  }
}
