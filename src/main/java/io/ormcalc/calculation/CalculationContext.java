package io.ormcalc.calculation;

/**
 * What a running calculation may tell its job and ask of it: report progress, and learn that it
 * should stop (the job was cancelled, or its time is up). Long calculations call {@link
 * #checkCancelled()} between chunks of work; closed-form ones need not.
 */
public interface CalculationContext {

  /** A context that records nothing and never cancels: for direct calls and tests. */
  CalculationContext NONE =
      new CalculationContext() {
        @Override
        public void progress(double fraction) {}

        @Override
        public boolean isCancelled() {
          return false;
        }
      };

  /** Reports the fraction of the work done, from 0 to 1. Cheap: it never does I/O. */
  void progress(double fraction);

  /**
   * The job's priority rank (0 most urgent), by which shared compute serves its work: a long
   * calculation's chunks wait behind a more urgent one's. Plain callers are urgent.
   */
  default int priorityRank() {
    return 0;
  }

  /**
   * The state an earlier attempt of this calculation saved ({@link #checkpoint}), to resume from;
   * null to start from the beginning. The calculation ignores a state it does not recognise.
   */
  default byte[] resumeState() {
    return null;
  }

  /** Whether the calculation should save its state now (a while since the last, or a hand-back). */
  default boolean checkpointDue() {
    return false;
  }

  /** Saves the calculation's state, from which a later attempt resumes; blocks while it writes. */
  default void checkpoint(byte[] state) {}

  /** True once the job was cancelled. */
  boolean isCancelled();

  /**
   * Stops the calculation when the job was cancelled or the thread interrupted (a timeout).
   *
   * @throws CancelledException in either case
   */
  default void checkCancelled() {
    if (isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new CancelledException();
    }
  }
}
