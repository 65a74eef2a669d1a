package io.ormcalc.webhook;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads webhook deliveries and their attempts, for the API. */
@ApplicationScoped
public class WebhookDeliveries {

  private final RetrySchedule schedule;

  public WebhookDeliveries(WebhookConfig config) {
    this.schedule = RetrySchedule.of(config);
  }

  /** Attempts per round of delivery, as configured. */
  public int maxAttempts() {
    return schedule.maxAttempts();
  }

  public Optional<WebhookDelivery> find(String id) {
    return WebhookDelivery.findByIdOptional(id);
  }

  /** The deliveries of a job, oldest first. */
  public List<WebhookDelivery> ofJob(String jobId) {
    return WebhookDelivery.list("jobId", Sort.by("createdAt").and("id"), jobId);
  }

  /**
   * Deliveries in a state, newest first, after the keyset position ({@code createdAt}, {@code id})
   * when given.
   */
  public List<WebhookDelivery> inState(
      DeliveryState state, Instant beforeCreatedAt, String beforeId, int limit) {
    Sort order = Sort.descending("createdAt", "id");
    if (beforeCreatedAt == null) {
      return WebhookDelivery.find("status", order, state.toString()).page(0, limit).list();
    }
    return WebhookDelivery.find(
            "status = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))",
            order,
            state.toString(),
            beforeCreatedAt,
            beforeId)
        .page(0, limit)
        .list();
  }

  /** The attempts of each delivery, in order. */
  public Map<String, List<WebhookAttempt>> attemptsOf(List<String> deliveryIds) {
    Map<String, List<WebhookAttempt>> byDelivery = new LinkedHashMap<>();
    if (deliveryIds.isEmpty()) {
      return byDelivery;
    }
    List<WebhookAttempt> attempts =
        WebhookAttempt.list("deliveryId in ?1", Sort.by("deliveryId").and("attempt"), deliveryIds);
    for (WebhookAttempt attempt : attempts) {
      byDelivery.computeIfAbsent(attempt.deliveryId, k -> new java.util.ArrayList<>()).add(attempt);
    }
    return byDelivery;
  }
}
