package io.ormcalc.execution;

import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.job.JobEntity;
import io.ormcalc.notify.Channels;
import io.ormcalc.notify.PgNotification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs this replica is running right now, each with its cancellation flag and latest progress.
 * Memory only: the database says who owns a job; this says what to tell the thread running it.
 * Progress is written back in batches by {@link ProgressFlush}.
 */
@ApplicationScoped
public class RunningJobs {

  private final Map<String, RunningJob> jobs = new ConcurrentHashMap<>();

  /** Registers a job this replica now holds, returning the context its calculation reports to. */
  public RunningJob register(JobEntity held, int attempt) {
    RunningJob job = new RunningJob(held.id, attempt, held.priority.rank());
    jobs.put(held.id, job);
    return job;
  }

  public void unregister(RunningJob job) {
    jobs.remove(job.jobId, job);
  }

  /** Cancellation was requested on any replica: the jobs among them that run here stop. */
  void onNotification(@Observes PgNotification notification) {
    if (notification.is(Channels.JOB_CANCEL)) {
      for (String jobId : notification.payload().split(",")) {
        cancel(jobId);
      }
    }
  }

  /** Asks the calculation of a job running here to stop; false when it does not run here. */
  public boolean cancel(String jobId) {
    RunningJob job = jobs.get(jobId);
    if (job == null) {
      return false;
    }
    job.cancel();
    return true;
  }

  /** Stops every calculation running here: the jobs are being handed back to the queue. */
  public void releaseAll() {
    jobs.values().forEach(RunningJob::release);
  }

  /** Waits, at most {@code timeout}, until every job released here ended its calculation. */
  public void awaitReleased(java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (jobs.values().stream().anyMatch(RunningJob::isReleased)
        && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public List<RunningJob> all() {
    return List.copyOf(jobs.values());
  }

  public int size() {
    return jobs.size();
  }

  /** One job running here: the context its calculation sees. */
  public static final class RunningJob implements CalculationContext {
    final String jobId;
    final int attempt;
    private final int priorityRank;
    private volatile boolean cancelled;
    private volatile boolean released;
    private volatile double progress;
    private double flushedProgress;
    private volatile byte[] resume;
    private volatile java.util.function.Predicate<byte[]> saver;
    private long checkpointEvery;
    private long lastCheckpoint;
    private long lastSaveTook;
    private volatile boolean finalSaved;
    private volatile boolean checkpointed;

    RunningJob(String jobId, int attempt, int priorityRank) {
      this.jobId = jobId;
      this.attempt = attempt;
      this.priorityRank = priorityRank;
    }

    @Override
    public int priorityRank() {
      return priorityRank;
    }

    public String jobId() {
      return jobId;
    }

    public int attempt() {
      return attempt;
    }

    @Override
    public void progress(double fraction) {
      if (fraction > progress) {
        progress = Math.min(1.0, fraction);
      }
    }

    @Override
    public boolean isCancelled() {
      return cancelled || released;
    }

    public void cancel() {
      cancelled = true;
    }

    /**
     * Stops the calculation because this replica handed the job back (shutdown): not a cancellation
     * of the job, which another replica will run.
     */
    void release() {
      released = true;
    }

    /**
     * Lets the calculation resume from {@code saved} and save its state through {@code saver} (true
     * when written) every {@code every} at least, and when the job is handed back.
     */
    void checkpointing(
        byte[] saved, java.time.Duration every, java.util.function.Predicate<byte[]> save) {
      this.resume = saved;
      this.checkpointEvery = every.toNanos();
      this.lastCheckpoint = System.nanoTime();
      this.saver = save;
      this.checkpointed = saved != null;
    }

    @Override
    public byte[] resumeState() {
      byte[] saved = resume;
      resume = null; // once: a second pass does not resume
      return saved;
    }

    /**
     * Due when handed back (once), or after the interval, and never sooner than fifty times the
     * last save took (at most 2 % of the time goes to checkpoints); never for a cancelled job.
     */
    @Override
    public boolean checkpointDue() {
      if (saver == null) {
        return false;
      }
      if (released) {
        return !finalSaved;
      }
      if (cancelled || checkpointEvery <= 0) {
        return false;
      }
      long since = System.nanoTime() - lastCheckpoint;
      return since >= checkpointEvery && since >= 50 * lastSaveTook;
    }

    @Override
    public void checkpoint(byte[] state) {
      long start = System.nanoTime();
      boolean handedBack = released;
      if (saver.test(state)) {
        checkpointed = true;
      }
      lastCheckpoint = System.nanoTime();
      lastSaveTook = lastCheckpoint - start;
      if (handedBack) {
        finalSaved = true;
      }
    }

    /** Whether a state was loaded or saved for this job: there is one to drop when it ends. */
    boolean hasCheckpoint() {
      return checkpointed;
    }

    /** True once the job was handed back; the calculation's outcome is then discarded. */
    public boolean isReleased() {
      return released;
    }

    /**
     * The progress to write, in percent with two decimals, or null when unchanged since the last
     * write.
     */
    BigDecimal unflushedPercentage() {
      double now = progress;
      if (now <= flushedProgress) {
        return null;
      }
      flushedProgress = now;
      return BigDecimal.valueOf(now * 100).setScale(2, RoundingMode.DOWN);
    }
  }
}
