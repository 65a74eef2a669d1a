package io.ormcalc.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of the {@code webhook_delivery} outbox: one message about one job's end, and where its
 * delivery stands. Written only by guarded statements in {@link WebhookOutbox} (and the trigger
 * that creates it with the job's terminal transition); this class reads it.
 */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "job_id", nullable = false)
  public String jobId;

  /** The job's tenant. */
  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Column(name = "url", nullable = false)
  public String url;

  @Column(name = "correlation_id")
  public String correlationId;

  /** pending, sending, delivered or dead. */
  @Column(name = "status", nullable = false)
  public String status;

  @Column(name = "attempts", nullable = false)
  public int attempts;

  @Column(name = "round_attempts", nullable = false)
  public int roundAttempts;

  @Column(name = "redeliveries", nullable = false)
  public int redeliveries;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_expires_at")
  public Instant leaseExpiresAt;

  @Column(name = "attempt_started_at")
  public Instant attemptStartedAt;

  @Column(name = "payload", columnDefinition = "text")
  public String payload;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  @Column(name = "delivered_at")
  public Instant deliveredAt;

  @Column(name = "dead_at")
  public Instant deadAt;

  @Column(name = "last_http_status")
  public Integer lastHttpStatus;

  @Column(name = "last_error")
  public String lastError;
}
