package io.ormcalc.execution;

import io.ormcalc.job.JobError;

/**
 * What one attempt of a calculation came to: a result, or an error that may or may not be worth
 * another attempt. A value, not an exception, so callers handle both without try/catch.
 */
public sealed interface JobOutcome {

  static JobOutcome completed(Object result) {
    return new Completed(result);
  }

  static JobOutcome failed(JobError error) {
    return new Failed(error);
  }

  record Completed(Object result) implements JobOutcome {}

  record Failed(JobError error) implements JobOutcome {}
}
