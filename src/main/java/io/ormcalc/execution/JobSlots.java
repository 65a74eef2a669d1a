package io.ormcalc.execution;

/**
 * The slots of the jobs this replica runs with a lease (long-running ones: LDA, and retries of
 * closed-form ones), by priority. {@code max-concurrent-jobs} bounds the jobs of each priority and
 * above: a job may start while fewer than that many jobs as urgent as it or more run here, and
 * while fewer than twice that many run in all. Less urgent work therefore never keeps a more urgent
 * job from starting (their chunks then share the LDA pool, the urgent first), and the number of
 * jobs held at once stays bounded. Closed-form jobs take no slot: they are calculated at their
 * claim.
 */
final class JobSlots {

  private final int perPriority;
  private final int[] running = new int[4];
  private int total;

  JobSlots(int maxConcurrentJobs) {
    this.perPriority = Math.max(1, maxConcurrentJobs);
  }

  /** Takes a slot for a job of this priority rank if one is free. */
  synchronized boolean tryTake(int rank) {
    if (total >= 2 * perPriority || atOrAbove(rank) >= perPriority) {
      return false;
    }
    running[rank]++;
    total++;
    return true;
  }

  synchronized void release(int rank) {
    if (running[rank] > 0) {
      running[rank]--;
      total--;
    }
  }

  /** How many jobs could start now at most (the most urgent priority's free slots). */
  synchronized int free() {
    return Math.max(0, Math.min(perPriority - running[0], 2 * perPriority - total));
  }

  /**
   * The least urgent priority rank a job may have to start now (0 urgent … 3 low), or -1 when none
   * may: the claim looks at no long job less urgent than that.
   */
  synchronized int leastUrgentAdmissible() {
    if (total >= 2 * perPriority) {
      return -1;
    }
    int rank = -1;
    for (int r = 0; r < running.length && atOrAbove(r) < perPriority; r++) {
      rank = r;
    }
    return rank;
  }

  /** Jobs holding a slot now. */
  synchronized int taken() {
    return total;
  }

  private int atOrAbove(int rank) {
    int n = 0;
    for (int r = 0; r <= rank; r++) {
      n += running[r];
    }
    return n;
  }
}
