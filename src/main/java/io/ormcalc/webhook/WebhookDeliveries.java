package io.ormcalc.webhook;

import io.quarkus.panache.common.Parameters;
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

  /** The delivery, if the scope (a tenant, or null for every tenant) may see it. */
  public Optional<WebhookDelivery> find(String id, String tenantScope) {
    return WebhookDelivery.<WebhookDelivery>findByIdOptional(id)
        .filter(d -> tenantScope == null || tenantScope.equals(d.tenantId));
  }

  /** The deliveries of a job, oldest first. */
  public List<WebhookDelivery> ofJob(String jobId) {
    return WebhookDelivery.list("jobId", Sort.by("createdAt").and("id"), jobId);
  }

  /**
   * Deliveries in a state, of a tenant (or of every tenant for a null scope), newest first, after
   * the keyset position ({@code createdAt}, {@code id}) when given.
   */
  public List<WebhookDelivery> inState(
      DeliveryState state,
      String tenantScope,
      Instant beforeCreatedAt,
      String beforeId,
      int limit) {
    StringBuilder where = new StringBuilder("status = :status");
    Parameters params = Parameters.with("status", state.toString());
    if (tenantScope != null) {
      where.append(" and tenantId = :tenant");
      params.and("tenant", tenantScope);
    }
    if (beforeCreatedAt != null) {
      where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
      params.and("at", beforeCreatedAt).and("id", beforeId);
    }
    return WebhookDelivery.find(where.toString(), Sort.descending("createdAt", "id"), params)
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
