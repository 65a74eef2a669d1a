package io.ormcalc.execution;

import io.ormcalc.calculation.lda.ChunkPool;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The threads Monte Carlo simulations run their chunks on: one pool for the whole replica, sized by
 * {@code ormcalc.lda.threads} (default: the machine's processors), shared by every LDA job, so
 * however many jobs run at once they never use more cores than that.
 *
 * <p>Its queue is ordered by the priority of the jobs, then by when each task was queued. Every
 * task is one chunk (milliseconds), and a simulation queues the next chunk of a worker only when
 * the last one ended, behind what was queued meanwhile: an urgent job's chunks overtake a low one's
 * within about one chunk, and jobs of one priority take turns chunk by chunk, so a short run is not
 * held up for the length of a long one.
 */
@ApplicationScoped
public class LdaExecutor implements ChunkPool {

  private static final Logger LOG = Logger.getLogger(LdaExecutor.class);

  private final int threads;
  private final PriorityBlockingQueue<Task> queue = new PriorityBlockingQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean stopped;

  public LdaExecutor(
      @ConfigProperty(name = "ormcalc.lda.threads") java.util.Optional<Integer> configured) {
    this.threads = Math.max(1, configured.orElse(Runtime.getRuntime().availableProcessors()));
    for (int i = 1; i <= threads; i++) {
      Thread t = new Thread(this::work, "lda-" + i);
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      t.start();
      workers.add(t);
    }
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public Queued submit(int priorityRank, Runnable task) {
    if (stopped) {
      throw new RejectedExecutionException("the LDA pool is shut down");
    }
    Task queued = new Task(priorityRank, sequence.incrementAndGet(), task);
    queue.add(queued);
    return () -> queue.remove(queued);
  }

  private void work() {
    while (!stopped) {
      Task task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        // chunks of urgent and high jobs run at the priority of the threads that claim, answer
        // and record; the others below them: a JVM started with -XX:ThreadPriorityPolicy=1 runs
        // those at a higher nice value, so their simulations take the idle cores without slowing
        // the API or the queue (elsewhere the hint is ignored)
        int wanted = task.rank <= 1 ? Thread.NORM_PRIORITY : Thread.MIN_PRIORITY;
        if (Thread.currentThread().getPriority() != wanted) {
          Thread.currentThread().setPriority(wanted);
        }
        task.work.run();
      } catch (RuntimeException e) {
        LOG.errorf(e, "an LDA chunk task failed outside its simulation");
      }
      Thread.interrupted(); // a cancelled simulation's interrupt must not reach the next task
    }
  }

  /**
   * After the dispatcher's own shutdown observer (which waits for running jobs, lets simulations
   * save their state and hands the rest back): the threads are needed until then.
   */
  void stop(@Observes @Priority(PRIORITY_AFTER_DISPATCHER) ShutdownEvent event) {
    stopped = true;
    workers.forEach(Thread::interrupt);
  }

  /** After the observers of the default priority, the dispatcher's among them. */
  static final int PRIORITY_AFTER_DISPATCHER =
      jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000;

  private record Task(int rank, long sequence, Runnable work) implements Comparable<Task> {
    @Override
    public int compareTo(Task other) {
      return rank != other.rank
          ? Integer.compare(rank, other.rank)
          : Long.compare(sequence, other.sequence);
    }
  }
}
