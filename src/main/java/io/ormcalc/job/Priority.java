package io.ormcalc.job;

/** Queue priority; the rank orders the claim query (lower first), FIFO within a priority. */
public enum Priority {
  URGENT("urgent", 0),
  HIGH("high", 1),
  NORMAL("normal", 2),
  LOW("low", 3);

  /** The least urgent rank (low): a bound that leaves out no job. */
  public static final int LOWEST_RANK = 3;

  /**
   * Ranks up to this one (urgent, high) are served in the foreground: claimed at once when they
   * become due, their LDA chunks run on the foreground threads.
   */
  public static final int FOREGROUND_RANK = 1;

  private final String code;
  private final int rank;

  Priority(String code, int rank) {
    this.code = code;
    this.rank = rank;
  }

  public short rank() {
    return (short) rank;
  }

  @Override
  public String toString() {
    return code;
  }
}
