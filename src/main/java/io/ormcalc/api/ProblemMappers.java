package io.ormcalc.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.ormcalc.calculation.InvalidInputException;
import io.ormcalc.execution.JobSubmissionService;
import io.ormcalc.execution.LdaMemory;
import io.ormcalc.json.JsonErrors;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an {@code application/problem+json} answer. Clients see a stable {@code
 * error_code} and plain words; stack traces, SQL and class names stay in the log, under the
 * request's correlation id.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  private final RequestCorrelation correlation;

  public ProblemMappers(RequestCorrelation correlation) {
    this.correlation = correlation;
  }

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response response = respond(e.problem(), uri);
    e.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
    return response;
  }

  /** A bearer token that is malformed, badly signed, expired, or for another issuer or audience. */
  @ServerExceptionMapper
  public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
    return problem(Access.unauthenticated("The bearer token is not valid."), uri);
  }

  @ServerExceptionMapper
  public Response unauthorized(UnauthorizedException e, UriInfo uri) {
    return problem(Access.unauthenticated("A bearer token is required."), uri);
  }

  @ServerExceptionMapper
  public Response idempotencyKeyReused(
      JobSubmissionService.IdempotencyKeyReusedException e, UriInfo uri) {
    return respond(
        Problem.of(
                422,
                "IDEMPOTENCY_KEY_REUSED",
                "Idempotency key reused",
                "This idempotency key was first used with a different request; use a new key for"
                    + " a new request.")
            .withJobId(e.jobId()),
        uri);
  }

  @ServerExceptionMapper
  public Response invalidInput(InvalidInputException e, UriInfo uri) {
    return respond(
        validation(
            e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList()),
        uri);
  }

  @ServerExceptionMapper
  public Response memoryLimit(LdaMemory.MemoryLimitExceededException e, UriInfo uri) {
    return respond(
        Problem.of(
                422,
                "MEMORY_LIMIT_EXCEEDED",
                "Calculation too large for this service",
                e.getMessage()
                    + ". Fewer simulations, fewer units of measure or a higher confidence need"
                    + " less.")
            .withErrors(
                List.of(
                    new FieldError(
                        "inputs.simulations", "too many for this service's memory limit")))
            .withMemory(e.estimate(), e.limit()),
        uri);
  }

  @ServerExceptionMapper
  public Response synchronousCapacity(
      JobSubmissionService.SynchronousCapacityExceededException e, UriInfo uri) {
    return problem(
        new ProblemException(
            Problem.of(
                503,
                "SYNC_CAPACITY_EXHAUSTED",
                "No capacity for a synchronous calculation now",
                "Every slot for calculations on this replica is taken. Retry after "
                    + e.retryAfterSeconds()
                    + " s, or send the request with execution_mode async (or auto) to have it"
                    + " queued."),
            Map.of("Retry-After", String.valueOf(e.retryAfterSeconds()))),
        uri);
  }

  @ServerExceptionMapper
  public Response dispatchPaused(JobSubmissionService.DispatchPausedException e, UriInfo uri) {
    return problem(
        new ProblemException(
            Problem.of(
                503,
                "DISPATCH_PAUSED",
                "Dispatch paused",
                "The "
                    + e.getMessage()
                    + "; nothing was stored. Send the request with execution_mode async or auto"
                    + " to have it queued until dispatch resumes."),
            Map.of("Retry-After", "60")),
        uri);
  }

  @ServerExceptionMapper
  public Response json(JsonProcessingException e, UriInfo uri) {
    return respond(jsonProblem(e), uri);
  }

  /** Overrides Quarkus's own mapper, which would answer in its format, not problem+json. */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return respond(jsonProblem(e), uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return respond(jsonProblem(json), uri);
    }
    int status = e.getResponse().getStatus();
    Problem problem =
        switch (status) {
          case 400 -> Problem.of(400, "BAD_REQUEST", "Bad request", "The request is not valid.");
          case 404 -> Problem.of(404, "NOT_FOUND", "Not found", "No resource exists at this path.");
          case 405 ->
              Problem.of(
                  405,
                  "METHOD_NOT_ALLOWED",
                  "Method not allowed",
                  "This path does not accept that method.");
          case 406 ->
              Problem.of(
                  406,
                  "NOT_ACCEPTABLE",
                  "Not acceptable",
                  "This resource answers in application/json only.");
          case 413 ->
              Problem.of(413, "PAYLOAD_TOO_LARGE", "Payload too large", "The body exceeds 1 MiB.");
          case 415 ->
              Problem.of(
                  415,
                  "UNSUPPORTED_MEDIA_TYPE",
                  "Unsupported media type",
                  "Send the body as application/json.");
          default ->
              status >= 500
                  ? internal(e)
                  : Problem.of(
                      status, "HTTP_" + status, "Request refused", "The request was refused.");
        };
    return respond(problem, uri);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    if (DatabaseTrouble.isUnavailable(e)) {
      LOG.warnf("request failed: the database is unavailable (%s)", DatabaseTrouble.summary(e));
      return problem(
          new ProblemException(
              Problem.of(
                  503,
                  "DATABASE_UNAVAILABLE",
                  "Service temporarily unavailable",
                  "The job database cannot be reached or is overloaded; nothing was stored by this"
                      + " request. Retry after "
                      + DatabaseTrouble.RETRY_AFTER_SECONDS
                      + " s."),
              Map.of("Retry-After", String.valueOf(DatabaseTrouble.RETRY_AFTER_SECONDS))),
          uri);
    }
    return respond(internal(e), uri);
  }

  private Problem internal(Throwable e) {
    LOG.errorf(e, "request failed unexpectedly (correlation id %s)", correlation.id());
    return Problem.of(
        500,
        "INTERNAL_ERROR",
        "Internal error",
        "The request could not be completed. Quote the correlation id when reporting it.");
  }

  static Problem validation(List<FieldError> errors) {
    return Problem.of(
            400,
            "VALIDATION_ERROR",
            "Invalid request",
            errors.size() == 1
                ? "One value of the request is invalid."
                : errors.size() + " values of the request are invalid.")
        .withErrors(errors);
  }

  private static Problem jsonProblem(JsonProcessingException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ProblemException problem) {
        return problem.problem(); // e.g. the body size limit, met while Jackson was reading
      }
    }
    var violation = JsonErrors.toViolation("", e);
    if (JsonErrors.isSyntaxError(e)) {
      return Problem.of(400, "MALFORMED_JSON", "Malformed JSON", "The body is not valid JSON.")
          .withErrors(List.of(new FieldError(violation.field(), violation.message())));
    }
    return validation(List.of(new FieldError(violation.field(), violation.message())));
  }

  private Response respond(Problem problem, UriInfo uri) {
    String path = uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    return Response.status(problem.status())
        .type(Problem.MEDIA_TYPE)
        .entity(problem.at(path, correlation.id()))
        .build();
  }
}
