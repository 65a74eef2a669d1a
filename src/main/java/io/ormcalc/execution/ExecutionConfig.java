package io.ormcalc.execution;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How jobs are run on this replica. */
@ConfigMapping(prefix = "ormcalc.execution")
public interface ExecutionConfig {

  /**
   * Jobs run at once by this replica's dispatcher (default 5, the original specification's default;
   * env {@code MAX_CONCURRENT_JOBS}).
   */
  @WithDefault("5")
  int maxConcurrentJobs();

  /**
   * {@code auto} runs a job synchronously when its estimate is below this, and a synchronous
   * request still running after this long is answered 202 (default 60 s; env {@code
   * SYNC_EXECUTION_THRESHOLD}, in seconds).
   */
  @WithDefault("60s")
  Duration syncThreshold();

  /**
   * How often the dispatcher looks for due jobs when nothing woke it (default 1 s): the longest a
   * retry waits past its due time, and the fallback when a wake-up is missed.
   */
  @WithDefault("1s")
  Duration pollInterval();

  /**
   * How long a claimed job stays this replica's without a renewal (default 30 s). A replica that
   * dies loses its jobs to the rescuer within about this time.
   */
  @WithDefault("30s")
  Duration lease();

  /**
   * How often this replica renews the leases of its running jobs (application.properties: 10 s, a
   * third of the lease, so two renewals may fail before a lease lapses).
   */
  Duration leaseRenewalInterval();

  /** How often reported progress is written (application.properties: 1 s). */
  Duration progressInterval();

  /**
   * On shutdown, how long running jobs may go on before they are handed back to the queue (default
   * 20 s). Keep shutdown delay + this + the HTTP shutdown timeout under Kubernetes' {@code
   * terminationGracePeriodSeconds}.
   */
  @WithDefault("20s")
  Duration shutdownGrace();

  /** Time limit of a calculation of a model without its own entry (default 10 min). */
  @WithDefault("10m")
  Duration defaultTimeout();

  /**
   * Time limit per model, e.g. {@code ormcalc.execution.timeout.sma=30s}; overrides the default.
   */
  Map<String, Duration> timeout();

  /**
   * This replica's name in {@code lease_owner} (default: the host name, which is the pod name on
   * Kubernetes). Must be unique among live replicas.
   */
  Optional<String> instanceId();

  /**
   * Due jobs one claiming transaction locks at most (default 50): the closed-form ones among them
   * are calculated and recorded at once, while their rows are locked.
   */
  @WithDefault("50")
  int instantBatchSize();

  /**
   * Claiming transactions this replica runs at once while a backlog lasts (default 4). One loop
   * claims jobs for the workers as slots free, and is the only one to poll; when it locks a full
   * batch it wakes the others, which calculate and record closed-form jobs until a batch comes back
   * short, so that the database writes one batch while the service calculates the next. 1: one loop
   * only.
   */
  @WithDefault("4")
  int claimLoops();

  /** The batch completer ({@link Completer}). */
  Batching completer();

  /** Jobs created by concurrent requests, stored together ({@link JobInsertBatcher}). */
  InsertBatching inserts();

  /** How new jobs are batched. */
  interface InsertBatching {

    /**
     * Connections writing new jobs at once (default 2): while they write, new jobs gather for their
     * next statement, so a batch is as large as the load makes it and an idle service adds no wait.
     * 0 writes each job in its request's own statement.
     */
    @WithDefault("2")
    int writers();

    /** New jobs written by one statement at most (default 100). */
    @WithDefault("100")
    int batchSize();
  }

  /** How completions are batched. */
  interface Batching {

    /**
     * How long the first completion of a batch waits for more (default 2 ms): the added latency of
     * a completion, bounded.
     */
    @WithDefault("2ms")
    Duration interval();

    /** Completions written by one statement at most (default 100). */
    @WithDefault("100")
    int batchSize();
  }
}
