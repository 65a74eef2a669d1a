package io.ormcalc.job;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The states of a job and the one table of allowed transitions (docs/state-machine.md).
 *
 * <pre>
 * queued  → running | cancelled
 * running → completed | failed | cancelled | queued (retry with backoff, or rescue of a lost lease)
 * completed, failed, cancelled: terminal
 * </pre>
 */
@Schema(name = "JobState", description = "queued, running, completed, failed or cancelled.")
public enum JobStatus {
  QUEUED("queued"),
  RUNNING("running"),
  COMPLETED("completed"),
  FAILED("failed"),
  CANCELLED("cancelled");

  private final String code;

  JobStatus(String code) {
    this.code = code;
  }

  public boolean isTerminal() {
    return switch (this) {
      case COMPLETED, FAILED, CANCELLED -> true;
      case QUEUED, RUNNING -> false;
    };
  }

  public boolean canTransitionTo(JobStatus target) {
    return switch (this) {
      case QUEUED -> target == RUNNING || target == CANCELLED;
      case RUNNING ->
          target == COMPLETED || target == FAILED || target == CANCELLED || target == QUEUED;
      case COMPLETED, FAILED, CANCELLED -> false;
    };
  }

  /** The guard every status change passes through. */
  public void checkTransitionTo(JobStatus target) {
    if (!canTransitionTo(target)) {
      throw new IllegalJobTransitionException(this, target);
    }
  }

  @Override
  public String toString() {
    return code;
  }
}
