package io.ormcalc.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.ormcalc.job.JobEvent;
import io.ormcalc.job.JobStatus;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of a job's append-only audit trail. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "AuditEvent", description = "Who moved the job from which state to which, when.")
public record AuditEventResponse(
    long id,
    Instant occurredAt,
    @Schema(description = "created, started, completed, failed, retry_scheduled, cancelled, ...")
        String eventType,
    JobStatus fromStatus,
    JobStatus toStatus,
    Integer attempt,
    @Schema(description = "The token subject, or the replica for the system's own transitions")
        String actor,
    String tenantId,
    String correlationId,
    String clientAddress,
    @Schema(description = "What the event did, as recorded", implementation = Object.class)
        @JsonRawValue
        String details) {

  static AuditEventResponse of(JobEvent event) {
    return new AuditEventResponse(
        event.id,
        event.occurredAt,
        event.eventType,
        event.fromStatus,
        event.toStatus,
        event.attempt,
        event.actor,
        event.tenantId,
        event.correlationId,
        event.clientAddress,
        event.details);
  }

  /** A job's audit trail, oldest first. */
  @Schema(name = "AuditTrail")
  public record Page(
      List<AuditEventResponse> items,
      @Schema(description = "Whether the trail holds more events than the page's limit")
          boolean truncated) {}
}
