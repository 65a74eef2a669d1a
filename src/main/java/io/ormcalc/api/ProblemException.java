package io.ormcalc.api;

import java.util.Map;

/** Ends a request with the given problem; mapped by {@link ProblemMappers}. */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final transient Map<String, String> headers;

  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  /** A problem answered with extra response headers, such as {@code Retry-After}. */
  public ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  public Problem problem() {
    return problem;
  }

  public Map<String, String> headers() {
    return headers;
  }

  static ProblemException jobNotFound(String jobId) {
    return new ProblemException(
        Problem.of(404, "JOB_NOT_FOUND", "Job not found", "No job " + jobId + " exists."));
  }
}
