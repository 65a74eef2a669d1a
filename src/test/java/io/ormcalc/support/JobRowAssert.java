package io.ormcalc.support;

import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@code job} row read back with {@link Database}. */
public final class JobRowAssert extends AbstractAssert<JobRowAssert, Map<String, Object>> {

  private JobRowAssert(Map<String, Object> row) {
    super(row, JobRowAssert.class);
  }

  public static JobRowAssert assertThatJob(Map<String, Object> row) {
    return new JobRowAssert(row);
  }

  public JobRowAssert hasStatus(String status) {
    isNotNull();
    if (!status.equals(actual.get("status"))) {
      failWithMessage(
          "expected job %s to be %s but was %s", actual.get("id"), status, actual.get("status"));
    }
    return this;
  }

  public JobRowAssert hasAttempt(int attempt) {
    if (((Number) actual.get("attempt")).intValue() != attempt) {
      failWithMessage("expected attempt %s but was %s", attempt, actual.get("attempt"));
    }
    return this;
  }

  public JobRowAssert isFinished() {
    if (actual.get("completed_at") == null || actual.get("started_at") == null) {
      failWithMessage("expected started_at and completed_at to be set: %s", actual);
    }
    return this;
  }

  public JobRowAssert hasResult() {
    if (actual.get("result") == null) {
      failWithMessage("expected a stored result for job %s", actual.get("id"));
    }
    return this;
  }

  public JobRowAssert hasNoResult() {
    if (actual.get("result") != null) {
      failWithMessage("expected no result for job %s", actual.get("id"));
    }
    return this;
  }
}
