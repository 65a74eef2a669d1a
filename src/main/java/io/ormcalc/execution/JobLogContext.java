package io.ormcalc.execution;

import io.ormcalc.job.JobEntity;
import org.jboss.logging.MDC;

/**
 * Puts a job's identity in the log context ({@code job_id}, {@code run_id}, {@code tenant}, {@code
 * correlation_id}) for everything its attempt logs, on whichever thread runs it; the JSON logs of
 * production carry them as fields.
 */
public final class JobLogContext {

  private JobLogContext() {}

  public static void enter(JobEntity job) {
    MDC.put("job_id", job.id);
    MDC.put("run_id", job.runId);
    MDC.put("tenant", job.tenantId);
    if (job.correlationId != null) {
      MDC.put("correlation_id", job.correlationId);
    }
  }

  public static void leave() {
    MDC.remove("job_id");
    MDC.remove("run_id");
    MDC.remove("tenant");
    MDC.remove("correlation_id");
  }
}
