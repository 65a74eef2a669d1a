package io.ormcalc.api;

import io.ormcalc.job.JobListFilter;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.ModelName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The parsed query parameters of a job listing. */
record ListQuery(JobListFilter filter, int limit) {

  static ListQuery parse(
      String status,
      String model,
      String entityId,
      String createdAfter,
      String limit,
      String cursor) {
    List<FieldError> errors = new ArrayList<>();
    JobStatus statusValue = QueryValues.enumValue("status", status, JobStatus.class, errors);
    ModelName modelValue = QueryValues.enumValue("model_name", model, ModelName.class, errors);
    Instant after = QueryValues.instant("created_after", createdAfter, errors);
    int size = QueryValues.pageSize(limit, errors);
    JobCursor position = QueryValues.cursor(cursor, CalculationJobResource.JOB_ID, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(ProblemMappers.validation(errors));
    }
    return new ListQuery(
        new JobListFilter(
            statusValue,
            modelValue,
            entityId,
            after,
            position == null ? null : position.createdAt(),
            position == null ? null : position.jobId()),
        size);
  }
}
