package io.ormcalc.api;

import io.ormcalc.job.AuditTrail;
import io.ormcalc.security.Caller;
import io.ormcalc.security.Role;
import io.ormcalc.webhook.DeliveryState;
import io.ormcalc.webhook.WebhookAttempt;
import io.ormcalc.webhook.WebhookDeliveries;
import io.ormcalc.webhook.WebhookDelivery;
import io.ormcalc.webhook.WebhookOutbox;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/** Webhook deliveries across jobs: dead letters, one delivery, and redelivery. */
@Path("/api/v1/webhook-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhook deliveries", description = "The delivery audit, dead letters and replay")
public class WebhookDeliveryResource {

  static final Pattern DELIVERY_ID = Pattern.compile("msg_[0-9a-f]{32}");

  private final WebhookDeliveries deliveries;
  private final WebhookOutbox outbox;
  private final Access access;
  private final AuditTrail audit;
  private final RequestCorrelation correlation;

  public WebhookDeliveryResource(
      WebhookDeliveries deliveries,
      WebhookOutbox outbox,
      Access access,
      AuditTrail audit,
      RequestCorrelation correlation) {
    this.deliveries = deliveries;
    this.outbox = outbox;
    this.access = access;
    this.audit = audit;
    this.correlation = correlation;
  }

  @GET
  @Operation(
      summary = "List webhook deliveries",
      description = "Newest first, in one state (dead letters: status=dead), in cursor pages.")
  @APIResponse(
      responseCode = "200",
      description = "A page of deliveries",
      content = @Content(schema = @Schema(implementation = WebhookDeliveryPage.class)))
  @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID_REQUEST)
  public WebhookDeliveryPage list(
      @Parameter(description = "pending, sending, delivered or dead (default dead)") @RestQuery
          String status,
      @Parameter(description = "Page size, 1 to 200 (default 50)") @RestQuery String limit,
      @Parameter(description = "next_cursor of the previous page") @RestQuery String cursor,
      UriInfo uri) {
    String scope = access.require(Role.READ, Role.ADMIN).readScope();
    List<FieldError> errors = new ArrayList<>();
    QueryValues.onlyKnown(uri, Set.of("status", "limit", "cursor"), errors);
    DeliveryState state =
        QueryValues.enumValue(
            "status", status == null ? "dead" : status, DeliveryState.class, errors);
    int size = QueryValues.pageSize(limit, errors);
    JobCursor position = QueryValues.cursor(cursor, DELIVERY_ID, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(ProblemMappers.validation(errors));
    }
    List<WebhookDelivery> rows =
        deliveries.inState(
            state,
            scope,
            position == null ? null : position.createdAt(),
            position == null ? null : position.jobId(),
            size + 1);
    boolean more = rows.size() > size;
    List<WebhookDelivery> page = more ? rows.subList(0, size) : rows;
    WebhookDelivery last = page.isEmpty() ? null : page.get(page.size() - 1);
    return new WebhookDeliveryPage(
        responses(page), more ? new JobCursor(last.createdAt, last.id).encode() : null);
  }

  @GET
  @Path("/{deliveryId}")
  @Operation(summary = "Get a webhook delivery", description = "With every attempt.")
  @APIResponse(
      responseCode = "200",
      description = "The delivery",
      content = @Content(schema = @Schema(implementation = WebhookDeliveryResponse.class)))
  @APIResponse(responseCode = "404", ref = ApiDocumentation.WEBHOOK_DELIVERY_NOT_FOUND)
  public WebhookDeliveryResponse get(@PathParam("deliveryId") String deliveryId) {
    String scope = access.require(Role.READ, Role.ADMIN).readScope();
    return response(
        (DELIVERY_ID.matcher(deliveryId).matches()
                ? deliveries.find(deliveryId, scope)
                : java.util.Optional.<WebhookDelivery>empty())
            .orElseThrow(() -> notFound(deliveryId)));
  }

  @POST
  @Path("/{deliveryId}/redeliver")
  @Transactional
  @Operation(
      summary = "Redeliver a webhook message",
      description =
          "Queues a delivered or dead message for a new round of attempts, or makes a pending"
              + " one due now. The message keeps its id, so receivers can deduplicate it.")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content = @Content(schema = @Schema(implementation = WebhookDeliveryResponse.class)))
  @APIResponse(responseCode = "404", ref = ApiDocumentation.WEBHOOK_DELIVERY_NOT_FOUND)
  @APIResponse(responseCode = "409", ref = ApiDocumentation.WEBHOOK_DELIVERY_IN_FLIGHT)
  public Response redeliver(@PathParam("deliveryId") String deliveryId) {
    Caller caller = access.require(Role.ADMIN);
    if (!DELIVERY_ID.matcher(deliveryId).matches()) {
      throw notFound(deliveryId);
    }
    WebhookDelivery queued =
        outbox
            .redeliver(deliveryId)
            .orElseThrow(
                () ->
                    deliveries.find(deliveryId, null).isPresent()
                        ? new ProblemException(
                            Problem.of(
                                409,
                                "WEBHOOK_DELIVERY_IN_FLIGHT",
                                "Delivery in flight",
                                "Message "
                                    + deliveryId
                                    + " is being sent right now; ask again when it is not."))
                        : notFound(deliveryId));
    audit.record(
        "webhook_redelivery",
        queued.jobId,
        queued.tenantId,
        "{\"delivery_id\":\"" + queued.id + "\"}",
        caller.audit(correlation.id()));
    return Response.accepted(response(queued)).build();
  }

  /** The deliveries of one job (for {@code GET /calculation-jobs/{id}/webhook-deliveries}). */
  List<WebhookDeliveryResponse> ofJob(String jobId) {
    return responses(deliveries.ofJob(jobId));
  }

  private WebhookDeliveryResponse response(WebhookDelivery delivery) {
    return responses(List.of(delivery)).get(0);
  }

  private List<WebhookDeliveryResponse> responses(List<WebhookDelivery> page) {
    Map<String, List<WebhookAttempt>> attempts =
        deliveries.attemptsOf(page.stream().map(d -> d.id).toList());
    return page.stream()
        .map(
            d ->
                WebhookDeliveryResponse.of(
                    d, attempts.getOrDefault(d.id, List.of()), deliveries.maxAttempts()))
        .toList();
  }

  private static ProblemException notFound(String deliveryId) {
    return new ProblemException(
        Problem.of(
            404,
            "WEBHOOK_DELIVERY_NOT_FOUND",
            "Webhook delivery not found",
            "No webhook delivery " + deliveryId + " exists."));
  }
}
