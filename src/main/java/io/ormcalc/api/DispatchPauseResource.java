package io.ormcalc.api;

import io.ormcalc.job.DispatchPauses;
import io.ormcalc.job.DispatchPauses.Pause;
import io.ormcalc.job.DispatchPauses.Scope;
import io.ormcalc.job.ModelName;
import io.ormcalc.security.Caller;
import io.ormcalc.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Pausing and resuming dispatch per model or per tenant: while paused, no replica claims the
 * model's or tenant's queued jobs (from its next claim on, within a poll interval); creating jobs
 * goes on, and running jobs finish. Administrators only; every change is audited.
 */
@Path("/api/v1/calculation-jobs/queue/pauses")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queue", description = "Statistics and cleanup of the job queue")
public class DispatchPauseResource {

  private final DispatchPauses pauses;
  private final Access access;
  private final RequestCorrelation correlation;

  public DispatchPauseResource(
      DispatchPauses pauses, Access access, RequestCorrelation correlation) {
    this.pauses = pauses;
    this.access = access;
    this.correlation = correlation;
  }

  /** A pause in force. */
  @Schema(name = "DispatchPause", description = "Dispatch paused for a model or a tenant.")
  public record PauseResponse(
      @Schema(description = "model or tenant", examples = "model") String scope,
      @Schema(description = "The model name or tenant id", examples = "lda") String value,
      Instant pausedAt,
      @Schema(description = "Who paused it") String pausedBy,
      @Schema(description = "Why, as given") String reason) {

    static PauseResponse of(Pause p) {
      return new PauseResponse(p.scope(), p.value(), p.pausedAt(), p.pausedBy(), p.reason());
    }
  }

  /** The pauses in force. */
  public record PauseList(List<PauseResponse> pauses) {}

  /** Why dispatch is paused (optional). */
  public record PauseRequest(
      @Schema(description = "Why, for the audit trail and the dashboard (500 characters at most)")
          String reason) {}

  @GET
  @Operation(
      summary = "Paused dispatch",
      description =
          "The models and tenants whose queued jobs no replica claims now. A tenant's reader sees"
              + " the models paused and its own tenant.")
  @APIResponse(
      responseCode = "200",
      description = "The pauses in force",
      content = @Content(schema = @Schema(implementation = PauseList.class)))
  public PauseList list() {
    Caller caller = access.require(Role.READ, Role.ADMIN);
    return new PauseList(visibleTo(caller, pauses.list()));
  }

  /** The pauses a caller may see: all for administrators, else models and its own tenant. */
  static List<PauseResponse> visibleTo(Caller caller, List<Pause> all) {
    return all.stream()
        .filter(
            p ->
                caller.isAdmin()
                    || p.scope().equals(Scope.MODEL.code())
                    || p.value().equals(caller.tenant()))
        .map(PauseResponse::of)
        .toList();
  }

  @PUT
  @Path("/{scope}/{value}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Pause dispatch of a model or a tenant",
      description =
          "From each replica's next claim, queued jobs of the model (sma, bia, tsa, asa, lda) or"
              + " the tenant are not started; jobs are still accepted and queued, running ones"
              + " finish. Pausing what is paused changes nothing. Needs calc:admin.")
  @APIResponse(
      responseCode = "200",
      description = "The pause in force",
      content = @Content(schema = @Schema(implementation = PauseResponse.class)))
  @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID_REQUEST)
  public PauseResponse pause(
      @Parameter(description = "model or tenant") @PathParam("scope") String scope,
      @Parameter(description = "The model name or tenant id") @PathParam("value") String value,
      PauseRequest body) {
    Caller caller = access.require(Role.ADMIN);
    Scope which = checked(scope, value);
    String reason = body == null ? null : body.reason();
    if (reason != null && reason.length() > 500) {
      throw invalid(new FieldError("reason", "must be at most 500 characters"));
    }
    return PauseResponse.of(pauses.pause(which, value, reason, caller.audit(correlation.id())));
  }

  @DELETE
  @Path("/{scope}/{value}")
  @Operation(
      summary = "Resume dispatch of a model or a tenant",
      description =
          "Every replica claims the model's or tenant's queued jobs again at once. Needs"
              + " calc:admin.")
  @APIResponse(responseCode = "204", description = "Resumed")
  @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID_REQUEST)
  @APIResponse(
      responseCode = "404",
      description = "It was not paused",
      content = @Content(schema = @Schema(implementation = Problem.class)))
  public Response resume(
      @Parameter(description = "model or tenant") @PathParam("scope") String scope,
      @Parameter(description = "The model name or tenant id") @PathParam("value") String value) {
    Caller caller = access.require(Role.ADMIN);
    Scope which = checked(scope, value);
    if (pauses.resume(which, value, caller.audit(correlation.id())).isEmpty()) {
      throw new ProblemException(
          Problem.of(
              404,
              "NOT_PAUSED",
              "Not paused",
              "Dispatch of " + which.code() + " " + value + " is not paused."));
    }
    return Response.noContent().build();
  }

  private static Scope checked(String scope, String value) {
    List<FieldError> errors = new ArrayList<>();
    Scope which =
        Arrays.stream(Scope.values()).filter(s -> s.code().equals(scope)).findFirst().orElse(null);
    if (which == null) {
      errors.add(new FieldError("scope", "must be model or tenant"));
    } else if (which == Scope.MODEL
        && Arrays.stream(ModelName.values()).map(Objects::toString).noneMatch(value::equals)) {
      errors.add(new FieldError("value", "must be one of sma, bia, tsa, asa, lda"));
    } else if (which == Scope.TENANT && !Access.TENANT.matcher(value).matches()) {
      errors.add(new FieldError("value", "must be a tenant id: 1 to 100 of A-Z a-z 0-9 . _ : -"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors.toArray(FieldError[]::new));
    }
    return which;
  }

  private static ProblemException invalid(FieldError... errors) {
    return new ProblemException(ProblemMappers.validation(List.of(errors)));
  }
}
