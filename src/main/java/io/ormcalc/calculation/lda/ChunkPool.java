package io.ormcalc.calculation.lda;

import java.util.concurrent.Executor;

/**
 * Where the chunks of simulations run: threads shared by every simulation, which take the queued
 * chunk of the most urgent one next. A simulation queues one task per worker it may use; each task
 * runs one chunk and queues itself again, so that between any two chunks the pool may turn to more
 * urgent work: an urgent simulation started behind a long one waits about one chunk.
 */
public interface ChunkPool {

  /** How many chunks may run at once. */
  int parallelism();

  /**
   * Queues a task.
   *
   * @param priorityRank lower runs first; equal ranks run in the order they were queued
   * @return a handle with which the caller may take the task back while it still waits
   */
  Queued submit(int priorityRank, Runnable task);

  /** A task waiting in the pool. */
  interface Queued {
    /** Takes the task out of the pool if it has not started; true when it was taken out. */
    boolean withdraw();
  }

  /** A pool of the given executor's threads, in the order tasks come: for tools and tests. */
  static ChunkPool of(Executor executor, int parallelism) {
    int threads = Math.max(1, parallelism);
    return new ChunkPool() {
      @Override
      public int parallelism() {
        return threads;
      }

      @Override
      public Queued submit(int priorityRank, Runnable task) {
        executor.execute(task);
        return () -> false;
      }
    };
  }
}
