package io.ormcalc.health;

import io.ormcalc.execution.Dispatcher;
import io.ormcalc.execution.ReplicaRole;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Readiness: this replica can take work — the schema is at the version this build expects (the
 * database is reachable and migrated; Quarkus adds its own datasource check beside this one) and it
 * is not shutting down (from the first moment of a graceful shutdown it claims nothing, and the
 * load balancer should send nothing). The same for every role ({@link ReplicaRole}): an {@code api}
 * replica is ready without claiming, a {@code worker} serves only probes and metrics.
 */
@Readiness
@ApplicationScoped
public class QueueReadiness implements HealthCheck {

  private final Dispatcher dispatcher;
  private final ReplicaRole role;
  private final EntityManager em;
  private final String expectedVersion;

  public QueueReadiness(Dispatcher dispatcher, ReplicaRole role, EntityManager em, Flyway flyway) {
    this.dispatcher = dispatcher;
    this.role = role;
    this.em = em;
    String latest = null;
    for (MigrationInfo migration : flyway.info().all()) {
      if (migration.getVersion() != null) {
        latest = migration.getVersion().getVersion();
      }
    }
    this.expectedVersion = latest;
  }

  @Override
  public HealthCheckResponse call() {
    boolean migrated;
    String problem = null;
    try {
      migrated =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      !em.createNativeQuery(
                              "select 1 from flyway_schema_history where version = :v and success")
                          .setParameter("v", expectedVersion)
                          .getResultList()
                          .isEmpty());
    } catch (RuntimeException e) {
      migrated = false;
      problem = "database unreachable";
    }
    boolean accepting = dispatcher.isAcceptingWork();
    var response =
        HealthCheckResponse.named("ormcalc-queue")
            .status(migrated && accepting)
            .withData("schema_version_expected", String.valueOf(expectedVersion))
            .withData("schema_migrated", migrated)
            .withData("accepting_work", accepting)
            .withData("role", role.toString());
    if (problem != null) {
      response.withData("problem", problem);
    }
    return response.build();
  }
}
