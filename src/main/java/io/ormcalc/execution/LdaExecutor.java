package io.ormcalc.execution;

import io.ormcalc.calculation.lda.ChunkPool;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The threads Monte Carlo simulations run their chunks on: one pool for the whole replica, shared
 * by every LDA job, so however many jobs run at once they never use more cores than {@code
 * ormcalc.lda.threads} (default: the machine's processors) at the priority of their jobs.
 *
 * <p>Two sets of that many threads, each at a fixed Java priority: the <em>foreground</em> threads
 * (normal priority, the same as the threads that claim, answer and record) run the chunks of urgent
 * and high jobs; the <em>background</em> threads (the lowest priority) those of normal and low
 * jobs, and only while the foreground ones leave cores free: a background thread takes no chunk
 * while foreground chunks queued or running fill the pool. An urgent simulation therefore starts at
 * once, beside at most one chunk (milliseconds) per background thread, however long the low runs
 * before it. A JVM started with {@code -XX:ThreadPriorityPolicy=1} turns the lowest priority into a
 * high nice value ({@code -XX:JavaPriority1_To_OSPriority=19}, as the JVM image runs, the highest),
 * so background simulations take the idle cores without slowing the claims, the API and the
 * completions. The priorities never change on a thread: an unprivileged process (the container's
 * user) may raise a thread's nice value but never lower it again.
 *
 * <p>Within each set the queue is ordered by the priority of the jobs, then by when each task was
 * queued. Every task is one chunk, and a simulation queues the next chunk of a worker only when the
 * last one ended, behind what was queued meanwhile: jobs of one priority take turns chunk by chunk,
 * so a short run is not held up for the length of a long one.
 */
@ApplicationScoped
public class LdaExecutor implements ChunkPool {

  private static final Logger LOG = Logger.getLogger(LdaExecutor.class);

  private final int threads;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition foregroundQueued = lock.newCondition();
  private final Condition backgroundMayRun = lock.newCondition();
  private final PriorityQueue<Task> foreground = new PriorityQueue<>();
  private final PriorityQueue<Task> background = new PriorityQueue<>();
  private int foregroundRunning;
  private long sequence;
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean stopped;

  public LdaExecutor(
      @ConfigProperty(name = "ormcalc.lda.threads") java.util.Optional<Integer> configured) {
    this.threads = Math.max(1, configured.orElse(Runtime.getRuntime().availableProcessors()));
    for (int i = 1; i <= threads; i++) {
      start("lda-" + i, Thread.NORM_PRIORITY, () -> serve(true));
      start("lda-background-" + i, Thread.MIN_PRIORITY, () -> serve(false));
    }
  }

  private void start(String name, int priority, Runnable loop) {
    Thread t = new Thread(loop, name);
    t.setDaemon(true);
    t.setPriority(priority);
    t.start();
    workers.add(t);
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public Queued submit(int priorityRank, Runnable task) {
    lock.lock();
    try {
      if (stopped) {
        throw new RejectedExecutionException("the LDA pool is shut down");
      }
      Task queued = new Task(priorityRank, ++sequence, task);
      if (queued.isForeground()) {
        foreground.add(queued);
        foregroundQueued.signal();
      } else {
        background.add(queued);
        backgroundMayRun.signal();
      }
      return () -> withdraw(queued);
    } finally {
      lock.unlock();
    }
  }

  private boolean withdraw(Task task) {
    lock.lock();
    try {
      boolean removed = (task.isForeground() ? foreground : background).remove(task);
      if (removed && task.isForeground()) {
        backgroundMayRun.signalAll(); // a foreground chunk fewer may free a core
      }
      return removed;
    } finally {
      lock.unlock();
    }
  }

  /** Chunks queued and running on the foreground threads (a test's view). */
  int foregroundLoad() {
    lock.lock();
    try {
      return foreground.size() + foregroundRunning;
    } finally {
      lock.unlock();
    }
  }

  /** The loop of a foreground or a background thread. */
  private void serve(boolean foregroundThread) {
    Condition wakeUp = foregroundThread ? foregroundQueued : backgroundMayRun;
    while (true) {
      Task task;
      lock.lock();
      try {
        while (!stopped && !mayTake(foregroundThread)) {
          wakeUp.await();
        }
        if (stopped) {
          return;
        }
        task = (foregroundThread ? foreground : background).poll();
        foregroundRunning += foregroundThread ? 1 : 0;
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      try {
        run(task);
      } finally {
        if (foregroundThread) {
          lock.lock();
          try {
            foregroundRunning--;
            backgroundMayRun.signal(); // a core may be free for a background chunk
          } finally {
            lock.unlock();
          }
        }
      }
    }
  }

  /** Whether a thread of this set may take a chunk now (the lock held). */
  private boolean mayTake(boolean foregroundThread) {
    return foregroundThread
        ? !foreground.isEmpty()
        : !background.isEmpty() && foreground.size() + foregroundRunning < threads;
  }

  private static void run(Task task) {
    try {
      task.work.run();
    } catch (RuntimeException e) {
      LOG.errorf(e, "an LDA chunk task failed outside its simulation");
    }
    Thread.interrupted(); // a cancelled simulation's interrupt must not reach the next task
  }

  /**
   * After the dispatcher's own shutdown observer (which waits for running jobs, lets simulations
   * save their state and hands the rest back): the threads are needed until then.
   */
  void stop(@Observes @Priority(PRIORITY_AFTER_DISPATCHER) ShutdownEvent event) {
    lock.lock();
    try {
      stopped = true;
      foregroundQueued.signalAll();
      backgroundMayRun.signalAll();
    } finally {
      lock.unlock();
    }
    workers.forEach(Thread::interrupt);
  }

  /** After the observers of the default priority, the dispatcher's among them. */
  static final int PRIORITY_AFTER_DISPATCHER =
      jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000;

  private record Task(int rank, long sequence, Runnable work) implements Comparable<Task> {
    boolean isForeground() {
      return rank <= io.ormcalc.job.Priority.FOREGROUND_RANK;
    }

    @Override
    public int compareTo(Task other) {
      return rank != other.rank
          ? Integer.compare(rank, other.rank)
          : Long.compare(sequence, other.sequence);
    }
  }
}
