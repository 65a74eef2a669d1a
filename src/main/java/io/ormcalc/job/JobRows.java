package io.ormcalc.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a {@code job} row ({@code returning *} or {@code select *}) into a {@link JobEntity} by
 * hand: the statements of the hot path return rows without Hibernate's hydration.
 */
final class JobRows {

  private static final Map<String, ModelName> MODELS = codes(ModelName.values());
  private static final Map<String, ExecutionMode> MODES = codes(ExecutionMode.values());
  private static final Map<String, Priority> PRIORITIES = codes(Priority.values());
  private static final Map<String, JobStatus> STATUSES = codes(JobStatus.values());

  private JobRows() {}

  static JobEntity job(ResultSet r) throws SQLException {
    JobEntity job = recorded(r);
    job.runId = r.getString("run_id");
    job.entityId = r.getString("entity_id");
    job.tenantId = r.getString("tenant_id");
    job.calculationDate = r.getObject("calculation_date", LocalDate.class);
    job.requestedExecutionMode = code(MODES, r.getString("requested_execution_mode"));
    job.executionMode = code(MODES, r.getString("execution_mode"));
    job.estimatedDurationSeconds = r.getBigDecimal("estimated_duration_seconds");
    job.priorityRank = r.getShort("priority_rank");
    job.progressPercentage = r.getBigDecimal("progress_percentage");
    job.attempt = r.getInt("attempt");
    job.maxAttempts = r.getInt("max_attempts");
    job.createdAt = instant(r, "created_at");
    job.completedAt = instant(r, "completed_at");
    job.nextAttemptAt = instant(r, "next_attempt_at");
    job.callbackUrl = r.getString("callback_url");
    job.inputs = r.getString("inputs");
    job.parameters = r.getString("parameters");
    job.result = r.getString("result");
    job.error = r.getString("error");
    job.attemptErrors = r.getString("attempt_errors");
    job.inputHash = r.getString("input_hash");
    job.engineVersion = r.getString("engine_version");
    job.ruleSet = r.getString("rule_set");
    job.calculatedAt = instant(r, "calculated_at");
    job.correlationId = r.getString("correlation_id");
    job.leaseOwner = r.getString("lease_owner");
    job.leaseExpiresAt = instant(r, "lease_expires_at");
    job.cancelRequestedAt = instant(r, "cancel_requested_at");
    job.idempotencyKey = r.getString("idempotency_key");
    job.requestHash = r.getString("request_hash");
    return job;
  }

  /**
   * The columns of a recorded transition: id, status, model, priority, due and start times (the
   * first columns {@link #job} reads).
   */
  static JobEntity recorded(ResultSet r) throws SQLException {
    JobEntity job = new JobEntity();
    job.id = r.getString("id");
    job.status = code(STATUSES, r.getString("status"));
    job.modelName = code(MODELS, r.getString("model_name"));
    job.priority = code(PRIORITIES, r.getString("priority"));
    job.runAt = instant(r, "run_at");
    job.startedAt = instant(r, "started_at");
    return job;
  }

  static JobStatus status(String code) {
    return code(STATUSES, code);
  }

  static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static <E extends Enum<E>> E code(Map<String, E> codes, String code) {
    if (code == null) {
      return null;
    }
    E value = codes.get(code);
    if (value == null) {
      throw new IllegalArgumentException("unknown code " + code);
    }
    return value;
  }

  private static <E extends Enum<E>> Map<String, E> codes(E[] values) {
    Map<String, E> codes = new HashMap<>();
    for (E value : values) {
      codes.put(value.toString(), value);
    }
    return Map.copyOf(codes);
  }
}
