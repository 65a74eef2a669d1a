package io.ormcalc.execution;

import io.ormcalc.execution.RunningJobs.RunningJob;
import io.ormcalc.job.JobEntity;
import io.ormcalc.notify.Channels;
import io.ormcalc.notify.Listening;
import io.ormcalc.notify.PgNotification;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

/**
 * Moves due jobs from the database queue onto this replica's managed executor, at most {@code
 * max-concurrent-jobs} at a time.
 *
 * <p>One loop thread claims exactly as many jobs as there are free slots (one {@code UPDATE … FOR
 * UPDATE SKIP LOCKED}), so nothing waits in memory: the database is the only queue. It claims again
 * when a slot frees, when a job is created here ({@link #wake()}), and otherwise every {@code
 * poll-interval}. On start it first rescues the jobs this replica left running before a restart.
 *
 * <p>While a backlog of closed-form jobs lasts (a claiming transaction locked a full batch and
 * finished some), the loop wakes {@code claim-loops - 1} helper loops that run claiming
 * transactions of their own for closed-form jobs only, until one comes back short: the database
 * then writes one batch while this replica calculates the next. Helpers never poll and never claim
 * jobs for the workers, so the slots stay exact.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class);
  static final int RESCUE_BATCH = 500;

  private final JobStore store;
  private final JobWorker worker;
  private final RunningJobs running;
  private final InstanceId instance;
  private final ExecutionConfig config;
  private final ReplicaRole role;
  private final Semaphore slots;
  private final ClaimLoop loop;
  private final List<ClaimLoop> helpers = new ArrayList<>();
  private ManagedExecutor executor;
  private volatile Thread drain;
  private volatile boolean started;

  public Dispatcher(
      JobStore store,
      JobWorker worker,
      RunningJobs running,
      InstanceId instance,
      ExecutionConfig config,
      ReplicaRole role) {
    this.role = role;
    this.store = store;
    this.worker = worker;
    this.running = running;
    this.instance = instance;
    this.config = config;
    this.slots = new Semaphore(config.maxConcurrentJobs());
    this.loop = new ClaimLoop("job-dispatcher", slots, config.pollInterval(), this::claim);
    for (int i = 1; i < config.claimLoops(); i++) {
      helpers.add(ClaimLoop.helper("job-dispatcher-" + i, this::finishBacklog));
    }
  }

  void start(@Observes @Priority(10) StartupEvent event) {
    int rescued = rescueOwnJobs();
    if (rescued > 0) {
      LOG.infof(
          "re-queued %d job(s) this replica (%s) left running before it restarted",
          rescued, instance.get());
    }
    executor =
        ManagedExecutor.builder()
            .maxAsync(config.maxConcurrentJobs())
            .propagated(ThreadContext.NONE)
            .cleared(ThreadContext.ALL_REMAINING)
            .build();
    if (role.claims()) {
      loop.start();
      helpers.forEach(ClaimLoop::start);
    } else {
      LOG.infof("role %s: this replica never claims queued jobs; workers run them", role);
    }
    started = true;
  }

  /**
   * First step of a graceful shutdown (readiness is DOWN from now on, HTTP still served): claim
   * nothing more, and start the grace period of the running jobs at once, alongside the HTTP drain
   * rather than after it.
   */
  void stopClaiming(@Observes ShutdownDelayInitiatedEvent event) {
    beginDrain();
  }

  /**
   * Graceful shutdown: claims nothing more, lets running jobs finish within {@code shutdown-grace},
   * then hands the rest back to the queue at once (the attempt not counted) so that another replica
   * resumes them without waiting for their leases to expire.
   */
  void stop(@Observes ShutdownEvent event) {
    Thread drain = beginDrain();
    try {
      drain.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized Thread beginDrain() {
    if (drain == null) {
      loop.stop();
      helpers.forEach(ClaimLoop::stop);
      drain = new Thread(this::drainRunningJobs, "job-drain");
      drain.setDaemon(true);
      drain.start();
    }
    return drain;
  }

  private void drainRunningJobs() {
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    while (running.size() > 0 && System.nanoTime() < deadline) {
      pause(50);
    }
    if (running.size() > 0) {
      releaseRunningJobs();
    }
  }

  /** Hands every job running here back to the queue and stops their calculations. */
  public int releaseRunningJobs() {
    int released = 0;
    try {
      released = store.release(instance.get(), "dispatcher:" + instance.get());
      LOG.infof("handed %d running job(s) back to the queue", released);
    } catch (RuntimeException e) {
      LOG.warnf(
          e, "handing jobs back failed; their leases will expire and the rescuer re-queues them");
    }
    running.releaseAll();
    return released;
  }

  /**
   * Whether this replica still takes new work (false from the start of a shutdown): a claiming
   * replica's loop is active; an {@code api} replica serves until it shuts down.
   */
  public boolean isAcceptingWork() {
    return started && (role.claims() ? loop.isActive() : drain == null);
  }

  /** Whether start-up is done: the loop runs (or, for an {@code api} replica, need not). */
  public boolean isStarted() {
    return started && (!role.claims() || loop.isRunning());
  }

  /** A job became due on any replica (or the listening connection reopened): look now. */
  void onNotification(@Observes PgNotification notification) {
    if (notification.is(Channels.JOB_DUE)) {
      wake();
    }
  }

  void onListening(@Observes Listening listening) {
    wake();
  }

  /** Asks the loop to look for due jobs now (a job was created, or a slot freed). */
  public void wake() {
    loop.wake();
  }

  /** Whether the loop runs: {@code processor_running} of the statistics. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  /** Whether its loop died although it should run: what liveness reports. */
  public boolean isWedged() {
    return loop.isWedged();
  }

  /** Jobs this dispatcher is running now. */
  public int activeJobs() {
    return config.maxConcurrentJobs() - slots.availablePermits();
  }

  /**
   * One claiming transaction: closed-form jobs among the due ones are calculated and recorded at
   * once (microseconds each, no lease, no second write); the others, up to the free slots, are
   * claimed and handed to the workers.
   */
  private int claim(int free) {
    JobStore.Batch batch = claimBatch(free);
    batch.claimed().forEach(this::submit);
    if (batch.moreInstantLikely()) {
      helpers.forEach(ClaimLoop::wake);
    }
    return batch.finished().size() + batch.claimed().size();
  }

  /** A helper's claiming transaction: closed-form jobs only. True while more are likely due. */
  private boolean finishBacklog() {
    JobStore.Batch batch = claimBatch(0);
    return batch.moreInstantLikely();
  }

  private JobStore.Batch claimBatch(int free) {
    JobStore.Batch batch =
        store.claimBatch(
            instance.get(),
            free,
            Math.max(free, config.instantBatchSize()),
            config.lease(),
            worker::finishInstantly);
    batch.finished().forEach(job -> worker.finishedInstantly(job, batch.took().get(job.id)));
    return batch;
  }

  private void submit(JobEntity job) {
    slots.acquireUninterruptibly();
    RunningJob context = running.register(job, job.attempt);
    try {
      executor.execute(
          () -> {
            // the slot frees when the calculation ends; the job stays registered (its lease
            // renewed) until its outcome is written, which a completion may leave to the completer
            try {
              worker
                  .execute(job, null, context)
                  .whenComplete(
                      (recorded, e) -> {
                        running.unregister(context);
                        if (e != null) {
                          LOG.errorf(
                              e,
                              "job %s attempt %d: its outcome could not be recorded",
                              job.id,
                              job.attempt);
                        }
                      });
            } catch (RuntimeException e) {
              running.unregister(context);
              LOG.errorf(
                  e, "job %s attempt %d ended without a recorded outcome", job.id, job.attempt);
            } finally {
              slots.release();
              wake();
            }
          });
    } catch (RuntimeException rejected) {
      // the executor is shutting down: the lease lapses and the job is rescued
      running.unregister(context);
      slots.release();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int rescueOwnJobs() {
    int total = 0;
    try {
      int batch;
      do {
        batch = store.rescue(instance.get(), RESCUE_BATCH, "rescuer:" + instance.get());
        total += batch;
      } while (batch == RESCUE_BATCH);
    } catch (RuntimeException e) {
      LOG.warnf(e, "rescuing jobs at start failed; the rescue duty will retry");
    }
    return total;
  }
}
