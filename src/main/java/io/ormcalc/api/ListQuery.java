package io.ormcalc.api;

import io.ormcalc.job.JobListFilter;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.ModelName;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The parsed query parameters of a job listing. */
record ListQuery(JobListFilter filter, int limit) {

  static final Set<String> PARAMETERS =
      Set.of("status", "model_name", "entity_id", "created_after", "limit", "cursor");

  static ListQuery parse(
      UriInfo uri,
      String tenantScope,
      String status,
      String model,
      String entityId,
      String createdAfter,
      String limit,
      String cursor) {
    List<FieldError> errors = new ArrayList<>();
    QueryValues.onlyKnown(uri, PARAMETERS, errors);
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
            tenantScope,
            statusValue,
            modelValue,
            entityId,
            after,
            position == null ? null : position.createdAt(),
            position == null ? null : position.jobId()),
        size);
  }
}
