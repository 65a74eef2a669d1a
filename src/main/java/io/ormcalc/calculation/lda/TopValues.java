package io.ormcalc.calculation.lda;

import java.util.Arrays;

/**
 * The largest {@code capacity} values offered, kept in a primitive min-heap: the upper tail of a
 * simulated distribution, from which quantiles and expected shortfalls are read exactly. Threads
 * offer a chunk's candidates at once; the result is the same multiset whatever the order of the
 * offers, so it does not depend on the number of threads.
 */
final class TopValues {

  private final double[] heap;
  private int size;
  private volatile double threshold = Double.NEGATIVE_INFINITY;

  TopValues(int capacity) {
    heap = new double[capacity];
  }

  /** Writes the kept values as they lie (heap order), for a checkpoint: their count, then them. */
  synchronized void write(java.nio.ByteBuffer out) {
    int n = Math.max(0, size);
    out.putInt(n);
    out.asDoubleBuffer().put(heap, 0, n);
    out.position(out.position() + n * Double.BYTES);
  }

  /** How many values are kept. */
  synchronized int size() {
    return Math.max(0, size);
  }

  /**
   * Takes back what {@link #write} wrote: the same heap, so offers go on exactly as if the process
   * had never stopped.
   */
  synchronized void restore(double[] values) {
    if (values.length > heap.length) {
      throw new IllegalArgumentException("more values than the capacity");
    }
    System.arraycopy(values, 0, heap, 0, values.length);
    size = values.length;
    threshold = size == heap.length ? heap[0] : Double.NEGATIVE_INFINITY;
  }

  /** Values below this can be dropped before {@link #offer}: they cannot enter any more. */
  double threshold() {
    return threshold;
  }

  synchronized void offer(double[] values, int count) {
    for (int i = 0; i < count; i++) {
      double x = values[i];
      if (size < heap.length) {
        heap[size] = x;
        siftUp(size++);
      } else if (x > heap[0]) {
        heap[0] = x;
        siftDown(0);
      }
    }
    if (size == heap.length) {
      threshold = heap[0];
    }
  }

  /**
   * The kept values in ascending order, sorted where they are (no copy: the tail is the largest
   * array of a simulation, and a second one would double its peak). Ends the offers: nothing may be
   * offered afterwards.
   */
  synchronized double[] sortedAscending() {
    double[] sorted = size == heap.length ? heap : Arrays.copyOf(heap, size);
    Arrays.sort(sorted);
    size = -1; // a later offer fails loudly instead of corrupting the sorted tail
    return sorted;
  }

  private void siftUp(int i) {
    double x = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (heap[parent] <= x) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = x;
  }

  private void siftDown(int i) {
    double x = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      if (child + 1 < size && heap[child + 1] < heap[child]) {
        child++;
      }
      if (heap[child] >= x) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = x;
  }
}
