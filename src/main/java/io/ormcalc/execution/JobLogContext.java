package io.ormcalc.execution;

import io.ormcalc.job.JobEntity;
import org.jboss.logging.MDC;

/**
 * Puts a job's identity in the log context ({@code job_id}, {@code run_id}, {@code tenant}, {@code
 * correlation_id}) for everything done for it on this thread — its attempt, its webhook — until
 * {@link #leave()}; the JSON logs of production carry them as fields.
 */
public final class JobLogContext {

  private JobLogContext() {}

  public static void enter(JobEntity job) {
    enter(job.id, job.runId, job.tenantId, job.correlationId);
  }

  /** The same for what is known of a job without loading it; null values are left out. */
  public static void enter(String jobId, String runId, String tenant, String correlationId) {
    put("job_id", jobId);
    put("run_id", runId);
    put("tenant", tenant);
    put("correlation_id", correlationId);
  }

  private static void put(String key, String value) {
    if (value != null) {
      MDC.put(key, value);
    }
  }

  public static void leave() {
    MDC.remove("job_id");
    MDC.remove("run_id");
    MDC.remove("tenant");
    MDC.remove("correlation_id");
  }
}
