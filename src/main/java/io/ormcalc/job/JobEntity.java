package io.ormcalc.job;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Generated;

/**
 * A row of the {@code job} table: one calculation, its state, result and lineage.
 *
 * <p>The entity is for reading ({@link JobRepository}: queries and the job a statement returned).
 * No row is written through JPA: {@link JobWriter} inserts a job and makes every later change with
 * one native SQL statement each (the insert or guarded UPDATE together with its {@code job_event}
 * audit row), so a stale copy of this entity can never overwrite a newer state. Times are database
 * times. JSON columns are read and written as JSON text; inputs, parameters and result are {@code
 * json}, which keeps the document exactly as written (key order included).
 */
@Entity
@Table(name = "job")
public class JobEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "run_id", nullable = false)
  public String runId;

  @Convert(converter = WireCodeConverter.Model.class)
  @Column(name = "model_name", nullable = false)
  public ModelName modelName;

  @Column(name = "entity_id", nullable = false)
  public String entityId;

  /** The tenant the job belongs to: the tenant claim of its creator's token. */
  @Column(name = "tenant_id", nullable = false)
  public String tenantId;

  @Column(name = "calculation_date", nullable = false)
  public LocalDate calculationDate;

  @Convert(converter = WireCodeConverter.Mode.class)
  @Column(name = "requested_execution_mode", nullable = false)
  public ExecutionMode requestedExecutionMode;

  @Convert(converter = WireCodeConverter.Mode.class)
  @Column(name = "execution_mode", nullable = false)
  public ExecutionMode executionMode;

  @Column(name = "estimated_duration_seconds", precision = 12, scale = 3)
  public BigDecimal estimatedDurationSeconds;

  @Convert(converter = WireCodeConverter.Rank.class)
  @Column(name = "priority", nullable = false)
  public Priority priority;

  @Column(name = "priority_rank", nullable = false)
  public short priorityRank;

  @Convert(converter = WireCodeConverter.Status.class)
  @Column(name = "status", nullable = false)
  public JobStatus status;

  @Column(name = "progress_percentage", nullable = false, precision = 5, scale = 2)
  public BigDecimal progressPercentage;

  @Column(name = "attempt", nullable = false)
  public int attempt;

  @Column(name = "max_attempts", nullable = false)
  public int maxAttempts;

  @Generated
  @Column(name = "run_at", insertable = false, updatable = false)
  public Instant runAt;

  @Generated
  @Column(name = "created_at", insertable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "callback_url")
  public String callbackUrl;

  @ColumnTransformer(write = "cast(? as json)")
  @Column(name = "inputs", nullable = false, columnDefinition = "json")
  public String inputs;

  @ColumnTransformer(write = "cast(? as json)")
  @Column(name = "parameters", nullable = false, columnDefinition = "json")
  public String parameters;

  @ColumnTransformer(write = "cast(? as json)")
  @Column(name = "result", columnDefinition = "json")
  public String result;

  @ColumnTransformer(write = "cast(? as jsonb)")
  @Column(name = "error", columnDefinition = "jsonb")
  public String error;

  @ColumnTransformer(write = "cast(? as jsonb)")
  @Column(name = "attempt_errors", nullable = false, columnDefinition = "jsonb")
  public String attemptErrors;

  @Column(name = "input_hash", nullable = false, columnDefinition = "bpchar(64)")
  public String inputHash;

  @Column(name = "engine_version", nullable = false)
  public String engineVersion;

  @Column(name = "rule_set", nullable = false)
  public String ruleSet;

  @Column(name = "calculated_at")
  public Instant calculatedAt;

  @Column(name = "correlation_id")
  public String correlationId;

  /** The replica holding the running job; null unless running. */
  @Column(name = "lease_owner")
  public String leaseOwner;

  @Column(name = "lease_expires_at")
  public Instant leaseExpiresAt;

  /** When cancellation of the running job was requested. */
  @Column(name = "cancel_requested_at")
  public Instant cancelRequestedAt;

  @Column(name = "idempotency_key")
  public String idempotencyKey;

  /** Fingerprint of the request that came with the idempotency key. */
  @Column(name = "request_hash", columnDefinition = "bpchar(64)")
  public String requestHash;
}
