package io.ormcalc.execution;

import io.ormcalc.job.AuditContext;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobWriter;
import io.ormcalc.job.JobWriter.Completion;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Records completed attempts in batches, after River's batch completer and graphile-worker's
 * batched {@code completeJob}: a worker hands its result over and takes its next job at once; one
 * thread writes every completion waiting at that moment in one statement ({@link
 * JobWriter#completeAll}), after at most {@code completer.interval} for more to arrive and at most
 * {@code completer.batch-size} at a time. Each completion keeps every guarantee of the single
 * write: guarded by attempt and lease owner (a stale one is refused, the others in its batch
 * recorded), with its audit event, outbox message, counters and announcement.
 *
 * <p>Until its completion is written a job stays running and leased to this replica (its lease is
 * renewed). A replica that dies between a calculation's end and the flush loses only those
 * completions: their leases expire, the rescuer re-queues the jobs and they run once more
 * (at-least-once execution, the result exactly once). A graceful shutdown flushes first.
 */
@ApplicationScoped
public class Completer {

  private static final Logger LOG = Logger.getLogger(Completer.class);

  private record Pending(
      Completion completion,
      String correlationId,
      CompletableFuture<Optional<JobEntity>> recorded) {}

  private final JobWriter writer;
  private final JobStore store;
  private final InstanceId instance;
  private final ExecutionConfig config;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean active = true;

  public Completer(JobWriter writer, JobStore store, InstanceId instance, ExecutionConfig config) {
    this.writer = writer;
    this.store = store;
    this.instance = instance;
    this.config = config;
    this.thread = new Thread(this::run, "job-completer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Records a completed attempt this replica holds.
   *
   * @return the job as recorded once written, or empty when the attempt no longer held the job
   */
  public CompletableFuture<Optional<JobEntity>> complete(
      String jobId, int attempt, String resultJson, String correlationId) {
    CompletableFuture<Optional<JobEntity>> recorded = new CompletableFuture<>();
    Pending pending =
        new Pending(new Completion(jobId, attempt, resultJson), correlationId, recorded);
    if (!active) {
      write(List.of(pending)); // shutting down: written on the caller's thread
    } else {
      queue.add(pending);
    }
    return recorded;
  }

  /** Completions waiting to be written. */
  public int pending() {
    return queue.size();
  }

  /**
   * Shutdown: writes what waits, after the dispatcher's drain (a greater priority observes later).
   */
  void stop(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) ShutdownEvent event) {
    flushNow();
  }

  /** Writes everything waiting now, on the caller's thread, and stops the batching thread. */
  void flushNow() {
    active = false;
    thread.interrupt();
    List<Pending> batch = new ArrayList<>();
    queue.drainTo(batch);
    if (!batch.isEmpty()) {
      write(batch);
    }
  }

  private void run() {
    long interval = config.completer().interval().toNanos();
    int size = config.completer().batchSize();
    List<Pending> batch = new ArrayList<>(size);
    while (active) {
      try {
        Pending first = queue.take();
        batch.add(first);
        long deadline = System.nanoTime() + interval;
        while (batch.size() < size) {
          long left = deadline - System.nanoTime();
          Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          batch.add(next);
        }
      } catch (InterruptedException e) {
        // stopping: flushNow writes what is left
      }
      if (!batch.isEmpty()) {
        write(batch);
        batch = new ArrayList<>(size);
      }
    }
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    if (!rest.isEmpty()) {
      write(rest);
    }
  }

  private void write(List<Pending> batch) {
    String owner = instance.get();
    try {
      List<JobEntity> written =
          writer.completeAll(
              owner, batch.stream().map(Pending::completion).toList(), "worker:" + owner);
      Map<String, JobEntity> byId = new HashMap<>();
      written.forEach(job -> byId.put(job.id, job));
      for (Pending pending : batch) {
        pending.recorded.complete(Optional.ofNullable(byId.get(pending.completion.jobId())));
      }
    } catch (RuntimeException e) {
      // the batch as a whole failed (a database blip): each is written alone, with the retries of
      // the single write, so one cannot hold the others back
      LOG.warnf("completer: a batch of %d failed (%s); writing each alone", batch.size(), e);
      for (Pending pending : batch) {
        Completion c = pending.completion;
        try {
          pending.recorded.complete(
              store.complete(
                  c.jobId(),
                  new JobWriter.Holder(c.attempt(), owner),
                  c.resultJson(),
                  new AuditContext("worker:" + owner, pending.correlationId)));
        } catch (RuntimeException alone) {
          pending.recorded.completeExceptionally(alone);
        }
      }
    }
  }
}
