package io.ormcalc.execution;

import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobInserts;
import io.ormcalc.job.JobInserts.NewJob;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.JobWriter;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Group commit for new jobs: requests that create jobs at the same moment have them stored by one
 * statement and one commit ({@link JobInserts#insertAll}), as Hatchet buffers its writes and River
 * inserts in bulk. A request hands its job over and waits for the commit, so nothing is
 * acknowledged before it is durable, exactly as with its own statement.
 *
 * <p>{@code inserts.writers} threads each take every job waiting (at most {@code batch-size}) and
 * write them; jobs arriving meanwhile form the next batch. There is no timer: an idle service
 * writes a lone job at once, by the single-row statement, and a busy one writes larger batches.
 * When a batch fails as a whole (a database blip, a row that breaks a constraint) each of its jobs
 * is written alone, so one job's failure is its request's only.
 */
@ApplicationScoped
public class JobInsertBatcher {

  private static final Logger LOG = Logger.getLogger(JobInsertBatcher.class);

  /** How often an idle writer looks whether the service is stopping. */
  private static final long IDLE_CHECK_MILLIS = 200;

  private record Pending(NewJob job, CompletableFuture<Optional<JobEntity>> stored) {}

  private final JobInserts inserts;
  private final JobWriter writer;
  private final InstanceId instance;
  private final int batchSize;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private volatile boolean active;

  public JobInsertBatcher(
      JobInserts inserts, JobWriter writer, InstanceId instance, ExecutionConfig config) {
    this.inserts = inserts;
    this.writer = writer;
    this.instance = instance;
    this.batchSize = Math.max(1, config.inserts().batchSize());
    int writers = config.inserts().writers();
    this.active = writers > 0;
    for (int i = 0; i < writers; i++) {
      Thread thread = new Thread(this::run, "job-inserter-" + i);
      thread.setDaemon(true);
      thread.start();
    }
  }

  /**
   * Stores {@code job} (queued, or finished when it carries a result or an error) and returns once
   * it is committed.
   *
   * @return the job as stored, or empty when its idempotency key was taken already
   */
  public Optional<JobEntity> store(NewJob job) {
    if (!active) {
      return storeAlone(job);
    }
    Pending pending = new Pending(job, new CompletableFuture<>());
    queue.add(pending);
    if (!active && queue.remove(pending)) { // stopped meanwhile: no writer will take it
      return storeAlone(job);
    }
    try {
      return pending.stored.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Stops the writers (each finishes the batch it holds) and writes what is still waiting; later
   * jobs are written alone. No interrupt: a writer interrupted while it takes a connection would
   * fail the requests of its batch.
   */
  void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
    active = false;
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(p -> settle(p, () -> storeAlone(p.job)));
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(batchSize);
    while (active) {
      Pending first;
      try {
        first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first == null) {
        continue;
      }
      batch.add(first);
      queue.drainTo(batch, batchSize - 1);
      write(batch);
      batch = new ArrayList<>(batchSize);
    }
  }

  private void write(List<Pending> batch) {
    if (batch.size() == 1) {
      settle(batch.get(0), () -> storeAlone(batch.get(0).job));
      return;
    }
    try {
      List<JobEntity> written =
          inserts.insertAll(batch.stream().map(Pending::job).toList(), finisher());
      Map<String, JobEntity> byId = new HashMap<>();
      written.forEach(job -> byId.put(job.id, job));
      batch.forEach(p -> p.stored.complete(Optional.ofNullable(byId.get(p.job.job().id))));
    } catch (RuntimeException e) {
      LOG.debugf("inserts: a batch of %d failed (%s); writing each alone", batch.size(), e);
      batch.forEach(p -> settle(p, () -> storeAlone(p.job)));
    }
  }

  private static void settle(Pending p, Supplier<Optional<JobEntity>> write) {
    try {
      p.stored.complete(write.get());
    } catch (RuntimeException e) {
      p.stored.completeExceptionally(e);
    }
  }

  /** The job in its own statement: the single-row forms of the writer. */
  private Optional<JobEntity> storeAlone(NewJob n) {
    if (n.status() == JobStatus.QUEUED) {
      return writer.insert(
          n.job(), n.idempotencyKey(), n.requestHash(), null, Duration.ZERO, n.audit());
    }
    return writer.insertFinished(
        n.job(),
        n.idempotencyKey(),
        n.requestHash(),
        n.resultJson(),
        n.error(),
        n.audit(),
        finisher());
  }

  private String finisher() {
    return "worker:" + instance.get();
  }
}
