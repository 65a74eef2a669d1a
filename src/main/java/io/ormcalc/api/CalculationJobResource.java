package io.ormcalc.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ormcalc.execution.JobCancellation;
import io.ormcalc.execution.JobSubmission;
import io.ormcalc.execution.JobSubmissionService;
import io.ormcalc.execution.JobSubmissionService.Submission;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobEvent;
import io.ormcalc.job.JobRepository;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.JobStatusView;
import io.ormcalc.security.Caller;
import io.ormcalc.security.Role;
import io.ormcalc.webhook.DestinationPolicy;
import io.ormcalc.webhook.WebhookConfig;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/** The calculation-jobs API: create, read and list jobs. */
@Path("/api/v1/calculation-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calculation jobs", description = "Operational-risk capital calculations run as jobs")
public class CalculationJobResource {

  static final Pattern JOB_ID = Pattern.compile("job_[0-9a-z]{26}");
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  static final int MAX_AUDIT_EVENTS = 1000;

  private final JobSubmissionService submissions;
  private final JobCancellation cancellation;
  private final JobRepository jobs;
  private final Validator validator;
  private final RequestCorrelation correlation;
  private final ObjectMapper mapper;
  private final WebhookDeliveryResource webhookDeliveries;
  private final DestinationPolicy callbacks;
  private final Access access;

  public CalculationJobResource(
      JobSubmissionService submissions,
      JobCancellation cancellation,
      JobRepository jobs,
      Validator validator,
      RequestCorrelation correlation,
      ObjectMapper mapper,
      WebhookDeliveryResource webhookDeliveries,
      WebhookConfig webhookConfig,
      Access access) {
    this.submissions = submissions;
    this.cancellation = cancellation;
    this.jobs = jobs;
    this.validator = validator;
    this.correlation = correlation;
    this.mapper = mapper;
    this.webhookDeliveries = webhookDeliveries;
    this.callbacks = DestinationPolicy.of(webhookConfig);
    this.access = access;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create a calculation job",
      description =
          "Validates the request completely, stores the job and, for sync or auto execution,"
              + " calculates it before answering. Nothing is stored for an invalid request.")
  @APIResponse(
      responseCode = "201",
      description = "The job ran while the client waited and completed; Location names it",
      content = @Content(schema = @Schema(implementation = JobResponse.class)))
  @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID_REQUEST)
  @APIResponse(responseCode = "413", ref = ApiDocumentation.PAYLOAD_TOO_LARGE)
  @APIResponse(responseCode = "415", ref = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE)
  @APIResponse(
      responseCode = "202",
      description =
          "Queued (async), or still running when the synchronous threshold passed; Location names"
              + " the job",
      content = @Content(schema = @Schema(implementation = JobResponse.class)))
  @APIResponse(
      responseCode = "200",
      description = "Idempotent replay: the job the same key and request created before",
      content = @Content(schema = @Schema(implementation = JobResponse.class)))
  @APIResponse(responseCode = "422", ref = ApiDocumentation.UNPROCESSABLE)
  public Response create(
      CreateJobRequest request,
      @Parameter(description = "Makes creation safe to retry (see idempotency_key)")
          @RestHeader("Idempotency-Key")
          String idempotencyKeyHeader,
      UriInfo uri) {
    Caller caller = access.require(Role.SUBMIT);
    if (request == null) {
      throw new ProblemException(
          ProblemMappers.validation(List.of(new FieldError("body", "is required"))));
    }
    List<FieldError> envelope =
        new ArrayList<>(
            validator.validate(request).stream()
                .map(v -> new FieldError(snakeCase(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList());
    String key = idempotencyKey(request.idempotencyKey(), idempotencyKeyHeader, envelope);
    if (request.callbackUrl() != null
        && envelope.stream().noneMatch(e -> e.field().equals("callback_url"))) {
      callbacks
          .refusal(request.callbackUrl())
          .ifPresent(why -> envelope.add(new FieldError("callback_url", why)));
    }
    if (!envelope.isEmpty()) {
      throw new ProblemException(ProblemMappers.validation(envelope));
    }
    Submission submission =
        submissions.submit(
            new JobSubmission(
                caller.tenant(),
                request.modelName(),
                request.entityId(),
                request.calculationDate(),
                request.executionMode(),
                request.priority(),
                request.inputs(),
                request.parameters(),
                request.callbackUrl()),
            key,
            caller.audit(correlation.id()));
    JobEntity job = submission.job();
    URI location = uri.getBaseUriBuilder().path("api/v1/calculation-jobs").path(job.id).build();
    return switch (submission.kind()) {
      case REPLAYED ->
          Response.ok(JobResponse.of(job))
              .location(location)
              .header("Idempotent-Replayed", "true")
              .build();
      case ACCEPTED -> Response.accepted(JobResponse.of(job)).location(location).build();
      case FINISHED -> {
        if (job.status == JobStatus.FAILED) {
          JsonNode error = readTree(job.error);
          throw new ProblemException(
              Problem.of(
                      422,
                      error.path("error_code").asText("CALCULATION_FAILED"),
                      "Calculation failed",
                      error.path("message").asText("The calculation failed."))
                  .withJobId(job.id));
        }
        yield Response.created(location).entity(JobResponse.of(job)).build();
      }
    };
  }

  /** The key from the body or the header; both may be given only if they agree. */
  private static String idempotencyKey(String field, String header, List<FieldError> errors) {
    if (header != null && !header.matches("[\\x21-\\x7E]{1,255}")) {
      errors.add(new FieldError("Idempotency-Key", "must be 1 to 255 printable ASCII characters"));
      return null;
    }
    if (field != null && header != null && !field.equals(header)) {
      errors.add(new FieldError("idempotency_key", "differs from the Idempotency-Key header"));
    }
    return field != null ? field : header;
  }

  @GET
  @Path("/{jobId}")
  @Operation(summary = "Get a job", description = "The job with its result, error and lineage.")
  @APIResponse(
      responseCode = "200",
      description = "The job",
      content = @Content(schema = @Schema(implementation = JobResponse.class)))
  @APIResponse(responseCode = "404", ref = ApiDocumentation.JOB_NOT_FOUND)
  public JobResponse get(@PathParam("jobId") String jobId) {
    return JobResponse.of(find(jobId, access.require(Role.READ, Role.ADMIN).readScope()));
  }

  @GET
  @Path("/{jobId}/status")
  @Operation(summary = "Get a job's status", description = "Light status, cheap to poll.")
  @APIResponse(
      responseCode = "200",
      description = "The status",
      content = @Content(schema = @Schema(implementation = JobStatusResponse.class)))
  @APIResponse(responseCode = "404", ref = ApiDocumentation.JOB_NOT_FOUND)
  public JobStatusResponse status(@PathParam("jobId") String jobId) {
    String scope = access.require(Role.READ, Role.ADMIN).readScope();
    return (JOB_ID.matcher(jobId).matches()
            ? jobs.findStatus(jobId, scope)
            : Optional.<JobStatusView>empty())
        .map(JobStatusResponse::of)
        .orElseThrow(() -> ProblemException.jobNotFound(jobId));
  }

  @GET
  @Path("/{jobId}/webhook-deliveries")
  @Operation(
      summary = "List a job's webhook deliveries",
      description = "Every message about the job's end, with every attempt: the delivery audit.")
  @APIResponse(
      responseCode = "200",
      description = "The job's deliveries, oldest first",
      content = @Content(schema = @Schema(implementation = WebhookDeliveryPage.class)))
  @APIResponse(responseCode = "404", ref = ApiDocumentation.JOB_NOT_FOUND)
  public WebhookDeliveryPage webhookDeliveries(@PathParam("jobId") String jobId) {
    find(jobId, access.require(Role.READ, Role.ADMIN).readScope());
    return new WebhookDeliveryPage(webhookDeliveries.ofJob(jobId), null);
  }

  @GET
  @Path("/{jobId}/events")
  @Operation(
      summary = "A job's audit trail",
      description =
          "Every transition and administrative action on the job, oldest first: who, when, from"
              + " where, under which correlation id. At most 1,000 events.")
  @APIResponse(
      responseCode = "200",
      description = "The audit trail",
      content = @Content(schema = @Schema(implementation = AuditEventResponse.Page.class)))
  @APIResponse(responseCode = "404", ref = ApiDocumentation.JOB_NOT_FOUND)
  @Transactional
  public AuditEventResponse.Page events(@PathParam("jobId") String jobId) {
    find(jobId, access.require(Role.READ, Role.ADMIN).readScope());
    List<JobEvent> events = jobs.events(jobId, MAX_AUDIT_EVENTS + 1);
    boolean truncated = events.size() > MAX_AUDIT_EVENTS;
    return new AuditEventResponse.Page(
        (truncated ? events.subList(0, MAX_AUDIT_EVENTS) : events)
            .stream().map(AuditEventResponse::of).toList(),
        truncated);
  }

  @DELETE
  @Path("/{jobId}")
  @Operation(
      summary = "Cancel a job",
      description =
          "Cancels a queued job at once; asks the replica running a running job to stop it"
              + " (cooperatively: the job ends cancelled, its partial work discarded).")
  @APIResponse(
      responseCode = "202",
      description = "Cancelled, or cancellation requested (cancel_requested)",
      content = @Content(schema = @Schema(implementation = JobStatusResponse.class)))
  @APIResponse(responseCode = "404", ref = ApiDocumentation.JOB_NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocumentation.JOB_NOT_CANCELLABLE)
  public Response cancel(@PathParam("jobId") String jobId) {
    Caller caller = access.require(Role.SUBMIT);
    if (!JOB_ID.matcher(jobId).matches()) {
      throw ProblemException.jobNotFound(jobId);
    }
    try {
      JobEntity job =
          cancellation
              .cancel(jobId, caller.tenant(), caller.audit(correlation.id()))
              .orElseThrow(() -> ProblemException.jobNotFound(jobId));
      return Response.accepted(JobStatusResponse.of(job)).build();
    } catch (JobCancellation.NotCancellableException e) {
      throw new ProblemException(
          Problem.of(
                  409,
                  "JOB_NOT_CANCELLABLE",
                  "Job not cancellable",
                  "Job " + jobId + " is " + e.job().status + " and can no longer be cancelled.")
              .withJobId(jobId));
    }
  }

  @GET
  @Operation(
      summary = "List jobs",
      description = "Newest first, filtered, in pages linked by an opaque cursor.")
  @APIResponse(
      responseCode = "200",
      description = "A page of jobs",
      content = @Content(schema = @Schema(implementation = JobPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID_REQUEST)
  public JobPage list(
      @Parameter(description = "queued, running, completed, failed or cancelled") @RestQuery
          String status,
      @Parameter(description = "sma, bia, tsa, asa or lda") @RestQuery("model_name")
          String modelName,
      @Parameter(description = "Only this entity") @RestQuery("entity_id") String entityId,
      @Parameter(description = "Only jobs created after this ISO-8601 instant")
          @RestQuery("created_after")
          String createdAfter,
      @Parameter(description = "Page size, 1 to 200 (default 50)") @RestQuery String limit,
      @Parameter(description = "next_cursor of the previous page") @RestQuery String cursor,
      UriInfo uri) {
    String scope = access.require(Role.READ, Role.ADMIN).readScope();
    ListQuery query =
        ListQuery.parse(uri, scope, status, modelName, entityId, createdAfter, limit, cursor);
    List<JobEntity> rows = jobs.list(query.filter(), query.limit() + 1);
    boolean more = rows.size() > query.limit();
    List<JobEntity> page = more ? rows.subList(0, query.limit()) : rows;
    String next =
        more
            ? new JobCursor(page.get(page.size() - 1).createdAt, page.get(page.size() - 1).id)
                .encode()
            : null;
    return new JobPage(page.stream().map(JobSummary::of).toList(), next);
  }

  /** The job if the scope may see it; another tenant's job is as absent as a missing one. */
  private JobEntity find(String jobId, String scope) {
    return (JOB_ID.matcher(jobId).matches()
            ? jobs.findVisible(jobId, scope)
            : Optional.<JobEntity>empty())
        .orElseThrow(() -> ProblemException.jobNotFound(jobId));
  }

  private JsonNode readTree(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      return mapper.createObjectNode();
    }
  }

  private static String snakeCase(ConstraintViolation<?> violation) {
    return violation
        .getPropertyPath()
        .toString()
        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
        .toLowerCase();
  }
}
