package io.ormcalc.api;

import io.ormcalc.job.AuditContext;
import io.ormcalc.job.AuditTrail;
import io.ormcalc.maintenance.MaintenanceConfig;
import io.ormcalc.maintenance.PurgeFinishedJobsTask;
import io.ormcalc.security.Caller;
import io.ormcalc.security.Role;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** The queue as a whole: statistics and cleanup. */
@Path("/api/v1/calculation-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queue", description = "Statistics and cleanup of the job queue")
public class QueueResource {

  /** Ten years: the largest cleanup age accepted. */
  static final int MAX_AGE_HOURS = 87_600;

  private final QueueSnapshot snapshot;
  private final PurgeFinishedJobsTask purge;
  private final MaintenanceConfig maintenance;
  private final RequestCorrelation correlation;
  private final Access access;
  private final AuditTrail audit;

  public QueueResource(
      QueueSnapshot snapshot,
      PurgeFinishedJobsTask purge,
      MaintenanceConfig maintenance,
      RequestCorrelation correlation,
      Access access,
      AuditTrail audit) {
    this.snapshot = snapshot;
    this.purge = purge;
    this.maintenance = maintenance;
    this.correlation = correlation;
    this.access = access;
    this.audit = audit;
  }

  @GET
  @Path("/queue/statistics")
  @Operation(
      summary = "Queue statistics",
      description =
          "Counts by status and priority, the oldest waiting job, the last hour's outcomes and"
              + " this replica's processor. Read from maintained counters and indexes: its cost"
              + " does not grow with the number of jobs.")
  @APIResponse(
      responseCode = "200",
      description = "The statistics",
      content = @Content(schema = @Schema(implementation = QueueStatistics.class)))
  public QueueStatistics statistics() {
    return snapshot.read(access.require(Role.READ, Role.ADMIN).readScope());
  }

  @POST
  @Path("/cleanup")
  @Operation(
      summary = "Purge finished jobs",
      description =
          "Deletes completed, failed and cancelled jobs that finished more than max_age_hours ago,"
              + " in bounded batches. Queued and running jobs are never purged; audit rows stay.")
  @APIResponse(
      responseCode = "200",
      description = "How many jobs were purged",
      content = @Content(schema = @Schema(implementation = CleanupResult.class)))
  @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID_REQUEST)
  public CleanupResult cleanup(
      @Parameter(description = "Age in hours, 0 to 87600 (default JOB_CLEANUP_AGE_HOURS, 24)")
          @RestQuery("max_age_hours")
          String maxAgeHours,
      UriInfo uri) {
    Caller caller = access.require(Role.ADMIN);
    List<FieldError> errors = new ArrayList<>();
    QueryValues.onlyKnown(uri, Set.of("max_age_hours"), errors);
    int hours =
        QueryValues.intInRange(
            "max_age_hours", maxAgeHours, maintenance.cleanupAgeHours(), 0, MAX_AGE_HOURS, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(ProblemMappers.validation(errors));
    }
    AuditContext who = caller.audit(correlation.id());
    int purged = purge.run(Duration.ofHours(hours), who);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                audit.record(
                    "cleanup",
                    null,
                    null,
                    "{\"max_age_hours\":" + hours + ",\"jobs_cleaned\":" + purged + "}",
                    who));
    return new CleanupResult(
        "Purged " + purged + " finished job(s) older than " + hours + " hour(s)", purged, hours);
  }
}
