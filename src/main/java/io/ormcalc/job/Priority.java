package io.ormcalc.job;

/** Queue priority; the rank orders the claim query (lower first), FIFO within a priority. */
public enum Priority {
  URGENT("urgent", 0),
  HIGH("high", 1),
  NORMAL("normal", 2),
  LOW("low", 3);

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
