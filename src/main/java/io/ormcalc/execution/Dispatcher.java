package io.ormcalc.execution;

import io.ormcalc.execution.RunningJobs.RunningJob;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobQueue;
import io.ormcalc.job.TenantsConfig;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

/**
 * Moves due jobs from the database queue onto this replica: closed-form ones are calculated at
 * their claim, long-running ones (LDA) start on the managed executor while a slot ({@link
 * JobSlots}: {@code max-concurrent-jobs} per priority and above) and their memory ({@link
 * LdaMemory}) are free.
 *
 * <p>One loop thread runs the claiming transactions ({@link JobStore#claimBatch}): each takes the
 * tenants' most urgent due jobs in turn, closed-form ones whatever the slots, long ones only as
 * many as may start, in claim order, the first that may not ending the lane, so nothing waits in
 * memory: the database is the only queue. It claims again while more is likely due, when a slot
 * frees, when a job becomes due ({@link #wake(int)}: created here, or announced by the database),
 * and otherwise every {@code poll-interval}. On start it first rescues the jobs this replica left
 * running before a restart.
 *
 * <p>{@code claim-loops - 1} helper loops never poll. While a backlog of closed-form jobs lasts (a
 * claiming transaction locked a full batch and finished some), the loop wakes them and they run
 * claiming transactions of their own for closed-form jobs only, until one comes back short: the
 * database then writes one batch while this replica calculates the next. And when an urgent or high
 * job becomes due while the loop is busy with a claim, a waiting helper claims the due urgent and
 * high jobs at once (long ones too, through the same slots and memory budget), so that they wait
 * neither for the batch being calculated nor behind the low jobs of the next one: measured in
 * {@code bench/mixed-load.sh}, urgent SMA p99 from about 280 ms to 30–70 ms.
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
  private final JobSlots slots;
  private final LdaMemory memory;
  private final JobQueue.Shares shares;
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
      ReplicaRole role,
      LdaMemory memory,
      TenantsConfig tenants) {
    this.role = role;
    this.memory = memory;
    this.shares = JobQueue.Shares.of(tenants);
    this.store = store;
    this.worker = worker;
    this.running = running;
    this.instance = instance;
    this.config = config;
    this.slots = new JobSlots(config.maxConcurrentJobs());
    this.loop = ClaimLoop.polling("job-dispatcher", config.pollInterval(), this::claim);
    for (int i = 1; i < config.claimLoops(); i++) {
      helpers.add(ClaimLoop.helper("job-dispatcher-" + i, this::help));
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
            .maxAsync(2 * config.maxConcurrentJobs()) // JobSlots' bound
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

  /**
   * Stops the calculations of every job running here, lets them save their state (an LDA
   * checkpoint: the next attempt resumes from its last chunk), then hands the jobs back to the
   * queue.
   */
  public int releaseRunningJobs() {
    running.releaseAll();
    running.awaitReleased(RELEASE_WAIT);
    int released = 0;
    try {
      released = store.release(instance.get(), "dispatcher:" + instance.get());
      LOG.infof("handed %d running job(s) back to the queue", released);
    } catch (RuntimeException e) {
      LOG.warnf(
          e, "handing jobs back failed; their leases will expire and the rescuer re-queues them");
    }
    return released;
  }

  /** How long a hand-back waits for calculations to stop between chunks and save their state. */
  public static final java.time.Duration RELEASE_WAIT = java.time.Duration.ofSeconds(5);

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
      String rank = notification.payload();
      if (rank != null && rank.length() == 1 && Character.isDigit(rank.charAt(0))) {
        wake(rank.charAt(0) - '0'); // the most urgent rank among the jobs that became due
      } else {
        wake();
      }
    }
  }

  void onListening(@Observes Listening listening) {
    wake();
  }

  /** Asks the loop to look for due jobs now (a slot freed, or jobs became due). */
  public void wake() {
    loop.wake();
  }

  /**
   * A job of this priority rank became due. An urgent or high one gets a claim at once: while the
   * loop is busy with a claim (calculating a batch, say) a waiting helper claims the due urgent and
   * high jobs alone, so that they wait neither for the loop's batch nor for its next one.
   */
  public void wake(int rank) {
    if (loop.wakeIfWaiting(rank)) {
      return;
    }
    loop.wake();
    if (rank <= io.ormcalc.job.Priority.FOREGROUND_RANK) {
      for (ClaimLoop helper : helpers) {
        if (helper.wakeIfWaiting(io.ormcalc.job.Priority.FOREGROUND_RANK)) {
          return;
        }
      }
    }
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
    return slots.taken();
  }

  /**
   * One claiming transaction: closed-form jobs among the due ones are calculated and recorded at
   * once (microseconds each, no lease, no second write); long-running ones are claimed and handed
   * to the workers as far as slots and memory admit them.
   *
   * @return whether more is likely due at once
   */
  private boolean claim() {
    return claimUpTo(io.ormcalc.job.Priority.LOWEST_RANK);
  }

  /**
   * A claiming transaction for jobs up to this rank (lower is more urgent), as {@link #claim()}
   * does for all: a helper's claim of its own for urgent work.
   */
  private boolean claimUpTo(int rank) {
    Admission admission = new Admission();
    JobStore.Batch batch;
    try {
      int admissible = Math.min(slots.leastUrgentAdmissible(), rank);
      batch =
          claimBatch(rank, admissible < 0 ? 0 : slots.free(), Math.max(admissible, 0), admission);
    } catch (RuntimeException e) {
      admission.releaseExcept(java.util.Set.of());
      throw e;
    }
    admission.releaseExcept(
        batch.claimed().stream().map(job -> job.id).collect(Collectors.toSet()));
    batch.claimed().forEach(job -> submit(job, admission.taken.get(job.id)));
    if (batch.moreInstantLikely()) {
      helpers.forEach(ClaimLoop::wake);
    }
    return batch.moreInstantLikely() || batch.moreLongLikely();
  }

  /**
   * A helper's claiming transaction. Woken for urgent work ({@link #wake(int)}): the due jobs up to
   * that rank, long-running ones too as far as slots and memory admit them; woken for a backlog:
   * closed-form jobs only. True while more such work is likely due.
   */
  private boolean help(int rank) {
    if (rank <= io.ormcalc.job.Priority.FOREGROUND_RANK) {
      return claimUpTo(rank);
    }
    return claimBatch(io.ormcalc.job.Priority.LOWEST_RANK, 0, 0, null).moreInstantLikely();
  }

  private JobStore.Batch claimBatch(
      int instantRank, int longLimit, int longRank, Admission admission) {
    JobStore.Batch batch =
        store.claimBatch(
            instance.get(),
            config.instantBatchSize(),
            instantRank,
            longLimit,
            longRank,
            shares,
            config.lease(),
            worker::finishInstantly,
            admission == null ? job -> false : admission::admit);
    batch.finished().forEach(job -> worker.finishedInstantly(job, batch.took().get(job.id)));
    return batch;
  }

  /**
   * The slots and memory one claiming transaction took for the jobs it may start; those it did not
   * claim in the end (the transaction failed, was retried, or a job changed meanwhile) are given
   * back. Admitting a job twice (a retried transaction) takes nothing the second time.
   */
  private final class Admission {
    final Map<String, Long> taken = new HashMap<>();
    private final Map<String, Integer> ranks = new HashMap<>();

    boolean admit(JobEntity job) {
      if (taken.containsKey(job.id)) {
        return true;
      }
      int rank = job.priority.rank();
      if (!slots.tryTake(rank)) {
        return false;
      }
      long bytes = worker.peakMemoryBytes(job);
      if (!memory.tryReserve(bytes)) {
        slots.release(rank);
        return false;
      }
      taken.put(job.id, bytes);
      ranks.put(job.id, rank);
      return true;
    }

    void releaseExcept(java.util.Set<String> claimed) {
      taken.forEach(
          (id, bytes) -> {
            if (!claimed.contains(id)) {
              slots.release(ranks.get(id));
              memory.release(bytes);
            }
          });
    }
  }

  /**
   * What a synchronous execution holds while it computes: a slot of its priority and its memory,
   * the same as a claimed job's, so that {@code max-concurrent-jobs} and the memory budget hold for
   * synchronous work too. {@link #close()} gives them back (once).
   */
  public final class Ticket implements AutoCloseable {
    private final int rank;
    private final long bytes;
    private boolean closed;

    private Ticket(int rank, long bytes) {
      this.rank = rank;
      this.bytes = bytes;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        slots.release(rank);
        memory.release(bytes);
        wake(); // a slot freed: queued jobs may start
      }
    }
  }

  /**
   * Takes a slot and the memory for a synchronous execution of this priority rank, if both are free
   * now; empty otherwise (the caller queues the job or refuses the request: nothing waits in
   * memory).
   */
  public java.util.Optional<Ticket> admitSynchronous(int rank, long bytes) {
    if (!slots.tryTake(rank)) {
      return java.util.Optional.empty();
    }
    if (!memory.tryReserve(bytes)) {
      slots.release(rank);
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new Ticket(rank, bytes));
  }

  private void submit(JobEntity job, long reservedBytes) {
    int rank = job.priority.rank();
    RunningJob context = running.register(job, job.attempt);
    try {
      executor.execute(
          () -> {
            // the slot and the memory free when the calculation ends; the job stays registered
            // (its lease renewed) until its outcome is written, which a completion may leave to
            // the completer
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
              slots.release(rank);
              memory.release(reservedBytes);
              wake();
            }
          });
    } catch (RuntimeException rejected) {
      // the executor is shutting down: the lease lapses and the job is rescued
      running.unregister(context);
      slots.release(rank);
      memory.release(reservedBytes);
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
