package io.ormcalc.api;

/** Ends a request with the given problem; mapped by {@link ProblemMappers}. */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  static ProblemException jobNotFound(String jobId) {
    return new ProblemException(
        Problem.of(404, "JOB_NOT_FOUND", "Job not found", "No job " + jobId + " exists."));
  }
}
