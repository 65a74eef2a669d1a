package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.Immutable;

/**
 * A row of the append-only {@code job_event} audit trail: who moved which job from which state to
 * which, when, under which correlation id. Immutable here, and a database trigger refuses any
 * UPDATE, DELETE or TRUNCATE.
 */
@Entity
@Immutable
@Table(name = "job_event")
public class JobEvent extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "job_id")
  public String jobId;

  @Generated
  @Column(name = "occurred_at", insertable = false, updatable = false)
  public Instant occurredAt;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Convert(converter = WireCodeConverter.Status.class)
  @Column(name = "from_status")
  public JobStatus fromStatus;

  @Convert(converter = WireCodeConverter.Status.class)
  @Column(name = "to_status")
  public JobStatus toStatus;

  @Column(name = "attempt")
  public Integer attempt;

  @Column(name = "actor", nullable = false)
  public String actor;

  @Column(name = "correlation_id")
  public String correlationId;

  @Column(name = "tenant_id")
  public String tenantId;

  @Column(name = "client_address")
  public String clientAddress;

  @ColumnTransformer(write = "cast(? as jsonb)")
  @Column(name = "details", columnDefinition = "jsonb")
  public String details;
}
