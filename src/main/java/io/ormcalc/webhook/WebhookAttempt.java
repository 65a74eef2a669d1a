package io.ormcalc.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code webhook_attempt}: one attempt to deliver a message, the delivery audit. */
@Entity
@Table(name = "webhook_attempt")
public class WebhookAttempt extends PanacheEntityBase {

  @Id public Long id;

  @Column(name = "delivery_id", nullable = false)
  public String deliveryId;

  @Column(name = "attempt", nullable = false)
  public int attempt;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  @Column(name = "finished_at", nullable = false)
  public Instant finishedAt;

  @Column(name = "latency_ms")
  public Integer latencyMs;

  @Column(name = "http_status")
  public Integer httpStatus;

  /** delivered, failed, gone, timeout, refused or interrupted. */
  @Column(name = "outcome", nullable = false)
  public String outcome;

  @Column(name = "error")
  public String error;

  @Column(name = "response")
  public String response;

  @Column(name = "url", nullable = false)
  public String url;

  @Column(name = "replica")
  public String replica;
}
