package io.ormcalc.execution;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What this replica does ({@code ORMCALC_ROLE}, property {@code ormcalc.role}): {@code all} (the
 * default) serves the API and runs jobs; {@code api} serves the API (synchronous calculations
 * included) and never claims queued jobs or webhook messages; {@code worker} claims and runs jobs
 * and sends webhooks, and serves only probes and metrics. A platform team scales the two tiers
 * independently; the benchmark separates enqueueing from processing with them.
 */
@ApplicationScoped
public class ReplicaRole {

  /** The roles. */
  public enum Kind {
    ALL,
    API,
    WORKER
  }

  private final Kind kind;

  public ReplicaRole(@ConfigProperty(name = "ormcalc.role", defaultValue = "all") String role) {
    this.kind = parse(role);
  }

  static Kind parse(String role) {
    try {
      return Kind.valueOf(role.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "ORMCALC_ROLE must be all, api or worker, not '" + role + "'", e);
    }
  }

  public Kind kind() {
    return kind;
  }

  /** Whether this replica claims queued jobs and webhook messages. */
  public boolean claims() {
    return kind != Kind.API;
  }

  /** Whether this replica serves the API and the dashboard (else only probes and metrics). */
  public boolean servesApi() {
    return kind != Kind.WORKER;
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
