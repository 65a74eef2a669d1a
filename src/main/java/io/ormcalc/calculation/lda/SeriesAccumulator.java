package io.ormcalc.calculation.lda;

import java.util.Arrays;

/**
 * What the simulation keeps of one series of annual losses (a unit's, or the total): its exact
 * upper tail, the sum of each chunk (added in chunk order at the end, so the mean does not depend
 * on the thread count), and each chunk's own VaR for the batch-means standard error.
 */
final class SeriesAccumulator {

  private final TopValues tail;
  private final double[] chunkSums;
  private final double[] chunkVars;
  private final double confidence;

  SeriesAccumulator(int tailSize, int chunks, double confidence) {
    this.tail = new TopValues(tailSize);
    this.chunkSums = new double[chunks];
    this.chunkVars = new double[chunks];
    this.confidence = confidence;
  }

  /** Takes in one chunk's annual losses; {@code scratch} is a buffer at least as long. */
  void accept(int chunk, double[] losses, int count, double[] scratch) {
    double sum = 0;
    double compensation = 0;
    double threshold = tail.threshold();
    int candidates = 0;
    for (int i = 0; i < count; i++) {
      double x = losses[i];
      double t = sum + x; // Neumaier's compensated sum
      compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
      if (x >= threshold) {
        scratch[candidates++] = x;
      }
    }
    chunkSums[chunk] = sum + compensation;
    tail.offer(scratch, candidates);
    System.arraycopy(losses, 0, scratch, 0, count);
    chunkVars[chunk] = Quantiles.select(scratch, count, Quantiles.rank(confidence, count) - 1);
  }

  /**
   * Writes the state for a checkpoint: the kept tail (as it lies in the heap, or {@code sorted}
   * once the pass that fills it is over), then the chunk sums and VaRs.
   */
  void write(java.nio.ByteBuffer out, double[] sorted) {
    if (sorted == null) {
      tail.write(out);
    } else {
      out.putInt(sorted.length);
      putAll(out, sorted);
    }
    putAll(out, chunkSums);
    putAll(out, chunkVars);
  }

  /** Bytes {@link #write} takes. */
  long stateBytes(double[] sorted) {
    int kept = sorted == null ? tail.size() : sorted.length;
    return Integer.BYTES + (long) Double.BYTES * (kept + 2L * chunkSums.length);
  }

  /**
   * Takes back what {@link #write} wrote: into the heap, or, for a finished pass, as the sorted
   * tail it returns.
   */
  double[] read(java.nio.ByteBuffer in, boolean finished) {
    double[] kept = new double[in.getInt()];
    getAll(in, kept);
    if (!finished) {
      tail.restore(kept);
    }
    getAll(in, chunkSums);
    getAll(in, chunkVars);
    return finished ? kept : null;
  }

  static void putAll(java.nio.ByteBuffer out, double[] values) {
    out.asDoubleBuffer().put(values);
    out.position(out.position() + values.length * Double.BYTES);
  }

  static void getAll(java.nio.ByteBuffer in, double[] values) {
    in.asDoubleBuffer().get(values);
    in.position(in.position() + values.length * Double.BYTES);
  }

  double[] tailAscending() {
    return tail.sortedAscending();
  }

  /** The sum of all years, chunk sums added in chunk order (Neumaier). */
  double total() {
    double sum = 0;
    double compensation = 0;
    for (double x : chunkSums) {
      double t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  /** Standard error of the VaR by batch means: the sample deviation of chunk VaRs over √chunks. */
  double varStandardError() {
    int b = chunkVars.length;
    if (b < 2) {
      return Double.NaN;
    }
    double mean = Arrays.stream(chunkVars).sum() / b;
    double squares = 0;
    for (double v : chunkVars) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (b - 1) / b);
  }
}
