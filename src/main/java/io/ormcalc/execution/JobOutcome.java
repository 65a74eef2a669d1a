package io.ormcalc.execution;

import io.ormcalc.job.JobError;

/**
 * What one attempt of a calculation came to: a result, an error that may or may not be worth
 * another attempt, or a stop on cancellation. A value, not an exception, so callers handle every
 * case without try/catch.
 */
public sealed interface JobOutcome {

  static JobOutcome completed(Object result) {
    return new Completed(result);
  }

  static JobOutcome failed(JobError error) {
    return new Failed(error);
  }

  static JobOutcome cancelled() {
    return new Cancelled();
  }

  record Completed(Object result) implements JobOutcome {}

  record Failed(JobError error) implements JobOutcome {}

  record Cancelled() implements JobOutcome {}
}
