package io.ormcalc.api;

import io.ormcalc.webhook.WebhookAttempt;
import io.ormcalc.webhook.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook message about a job's end, where its delivery stands, and every attempt. */
@Schema(
    name = "WebhookDelivery",
    description = "A webhook message, its delivery state and its attempts (the delivery audit).")
public record WebhookDeliveryResponse(
    @Schema(description = "Message id, sent as the webhook-id header; stable across attempts")
        String deliveryId,
    String jobId,
    @Schema(
            description =
                "calculation_job.completed, calculation_job.failed or calculation_job.cancelled")
        String eventType,
    String url,
    @Schema(description = "pending, sending, delivered or dead") String status,
    @Schema(description = "Attempts made in all") int attempts,
    @Schema(description = "Attempts of the current round (since creation or redelivery)")
        int roundAttempts,
    @Schema(description = "Attempts per round before the message is dead") int maxAttempts,
    int redeliveries,
    @Schema(description = "When the next attempt is due (pending only)") Instant nextAttemptAt,
    Instant createdAt,
    Instant deliveredAt,
    Instant deadAt,
    Integer lastHttpStatus,
    String lastError,
    List<Attempt> attemptHistory,
    Links links) {

  @Schema(name = "WebhookAttempt", description = "One attempt to deliver a message.")
  public record Attempt(
      int attempt,
      Instant startedAt,
      Instant finishedAt,
      @Schema(description = "From the start of the attempt to its end") Integer latencyMs,
      @Schema(description = "The receiver's status code; null when no answer came")
          Integer httpStatus,
      @Schema(description = "delivered, failed, gone, timeout, refused or interrupted")
          String outcome,
      String error,
      @Schema(description = "The first bytes of the receiver's answer") String response,
      @Schema(description = "The replica that made the attempt") String replica) {

    static Attempt of(WebhookAttempt a) {
      return new Attempt(
          a.attempt,
          a.startedAt,
          a.finishedAt,
          a.latencyMs,
          a.httpStatus,
          a.outcome,
          a.error,
          a.response,
          a.replica);
    }
  }

  @Schema(name = "WebhookDeliveryLinks")
  public record Links(String self, String redeliver, String job) {}

  static WebhookDeliveryResponse of(
      WebhookDelivery d, List<WebhookAttempt> attempts, int maxAttempts) {
    String self = "/api/v1/webhook-deliveries/" + d.id;
    return new WebhookDeliveryResponse(
        d.id,
        d.jobId,
        d.eventType,
        d.url,
        d.status,
        d.attempts,
        d.roundAttempts,
        maxAttempts,
        d.redeliveries,
        d.nextAttemptAt,
        d.createdAt,
        d.deliveredAt,
        d.deadAt,
        d.lastHttpStatus,
        d.lastError,
        attempts.stream().map(Attempt::of).toList(),
        new Links(self, self + "/redeliver", "/api/v1/calculation-jobs/" + d.jobId));
  }
}
