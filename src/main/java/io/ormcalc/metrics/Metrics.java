package io.ormcalc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ormcalc.job.ExecutionMode;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobStatisticsQuery;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.ModelName;
import io.ormcalc.job.Priority;
import io.ormcalc.job.QueueCounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * Every metric of the service, in one place, under one prefix ({@code ormcalc_}). Tags are few and
 * bounded — model, priority, status, outcome, mode — never a job id or a tenant, so the number of
 * series stays small whatever the traffic.
 *
 * <p>Counters and histograms count what this replica did; the gauges (queued, running, oldest
 * queued age, dead letters) read the whole queue from the maintained counters, at most once per
 * {@value #GAUGE_CACHE_SECONDS} seconds.
 *
 * <p>The bean starts with the application, and every gauge and every counter is registered then,
 * with each of its known label sets (models × priorities × modes or statuses; the webhook outcomes
 * that the sender names at its start), at 0: a replica that has done nothing yet exposes them all,
 * so {@code absent()} alerts and rates over a fresh replica read true figures. Histograms appear
 * with their first observation.
 */
@Startup
@ApplicationScoped
public class Metrics {

  static final long GAUGE_CACHE_SECONDS = 5;

  /** Histogram bucket bounds: 5 ms to 30 min. */
  private static final Duration[] BUCKETS =
      DoubleStream.of(0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 1800)
          .mapToObj(seconds -> Duration.ofNanos((long) (seconds * 1e9)))
          .toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final JobStatisticsQuery statistics;
  private volatile QueueCounts counts;
  private volatile long countsReadAt;

  public Metrics(MeterRegistry registry, JobStatisticsQuery statistics) {
    this.registry = registry;
    this.statistics = statistics;
    gauge("ormcalc_jobs_queued", "Jobs waiting in the queue", c -> c.count(JobStatus.QUEUED));
    gauge("ormcalc_jobs_running", "Jobs running on any replica", c -> c.count(JobStatus.RUNNING));
    gauge(
        "ormcalc_oldest_queued_age_seconds",
        "How long the longest-waiting due job has waited",
        c ->
            c.oldestDueQueuedAgeSeconds() == null
                ? 0
                : c.oldestDueQueuedAgeSeconds().doubleValue());
    registerKnownSeries();
  }

  /** Every counter with every label set it can take, at 0 (see the class comment). */
  private void registerKnownSeries() {
    List<JobStatus> ends = List.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED);
    List<ExecutionMode> modes = List.of(ExecutionMode.SYNC, ExecutionMode.ASYNC);
    for (ModelName model : ModelName.values()) {
      retries(model.toString());
      for (Priority priority : Priority.values()) {
        modes.forEach(mode -> submitted(model.toString(), priority.toString(), mode.toString()));
        ends.forEach(end -> finished(model.toString(), priority.toString(), end.toString()));
      }
    }
    idempotentReplays();
    synchronousRefusals();
    rescues();
    deadLetters();
  }

  /** The webhook sender's outcomes, each registered at 0 (the sender names them at start). */
  public void webhookOutcomes(List<String> outcomes) {
    outcomes.forEach(this::webhookDeliveries);
  }

  /** A job was created (sync or async). */
  public void submitted(JobEntity job) {
    submitted(job.modelName.toString(), job.priority.toString(), job.executionMode.toString())
        .increment();
  }

  private Counter submitted(String model, String priority, String mode) {
    return Counter.builder("ormcalc_jobs_submitted")
        .description("Jobs created")
        .tags("model", model, "priority", priority, "mode", mode)
        .register(registry);
  }

  /** A creation request was answered with the job an idempotency key made before. */
  public void idempotentReplay() {
    idempotentReplays().increment();
  }

  private Counter idempotentReplays() {
    return Counter.builder("ormcalc_idempotent_replays")
        .description("Idempotent replays")
        .register(registry);
  }

  /** An explicit synchronous request found every slot taken and was answered 503. */
  public void synchronousRefused() {
    synchronousRefusals().increment();
  }

  private Counter synchronousRefusals() {
    return Counter.builder("ormcalc_sync_refused")
        .description("Synchronous requests refused for lack of a free slot (503)")
        .register(registry);
  }

  /** An attempt started after waiting in the queue from its due time. */
  public void started(JobEntity job) {
    if (job.startedAt != null && job.runAt != null) {
      Duration waited = Duration.between(job.runAt, job.startedAt);
      Timer.builder("ormcalc_job_queue_wait")
          .description("From a job's due time to the start of its attempt")
          .tags("model", job.modelName.toString(), "priority", job.priority.toString())
          .serviceLevelObjectives(BUCKETS)
          .register(registry)
          .record(waited.isNegative() ? Duration.ZERO : waited);
    }
  }

  /** An attempt ended and its outcome was recorded as {@code job}. */
  public void attemptEnded(JobEntity job, Duration took) {
    String model = job.modelName.toString();
    if (job.status == JobStatus.QUEUED) {
      retries(model).increment();
      return;
    }
    finished(model, job.priority.toString(), job.status.toString()).increment();
    Timer.builder("ormcalc_job_duration")
        .description("Run time of a job's last attempt")
        .tags("model", model, "status", job.status.toString())
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(took);
  }

  private Counter retries(String model) {
    return Counter.builder("ormcalc_job_retries")
        .description("Failed attempts scheduled again")
        .tag("model", model)
        .register(registry);
  }

  private Counter finished(String model, String priority, String status) {
    return Counter.builder("ormcalc_jobs_finished")
        .description("Jobs that ended")
        .tags("model", model, "priority", priority, "status", status)
        .register(registry);
  }

  /** Jobs whose replica stopped were put back in the queue (or failed). */
  public void rescued(int jobs) {
    rescues().increment(jobs);
  }

  private Counter rescues() {
    return Counter.builder("ormcalc_lease_rescues")
        .description("Jobs rescued after their lease expired")
        .register(registry);
  }

  /** A webhook attempt ended ({@code delivered}, {@code failed}, {@code gone}, …). */
  public void webhookAttempt(String outcome, long latencyMs) {
    webhookDeliveries(outcome).increment();
    Timer.builder("ormcalc_webhook_attempt_duration")
        .description("Duration of webhook attempts, connection to answer")
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofMillis(latencyMs));
  }

  private Counter webhookDeliveries(String outcome) {
    return Counter.builder("ormcalc_webhook_deliveries")
        .description("Webhook delivery attempts by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** A webhook message became a dead letter. */
  public void deadLetter() {
    deadLetters().increment();
  }

  private Counter deadLetters() {
    return Counter.builder("ormcalc_webhook_dead_letters")
        .description("Webhook messages that became dead letters")
        .register(registry);
  }

  /**
   * Bearer tokens verified in full ({@code outcome="verified"}, including those refused) and
   * accepted from the verified-token cache ({@code outcome="cached"}), read from {@code source}.
   */
  public <T> void tokenVerifications(
      T source, ToDoubleFunction<T> verified, ToDoubleFunction<T> cached) {
    Map.of("verified", verified, "cached", cached)
        .forEach(
            (outcome, read) ->
                FunctionCounter.builder("ormcalc_token_verifications", source, read)
                    .description(
                        "Bearer tokens verified in full or accepted from the verified-token cache")
                    .tag("outcome", outcome)
                    .register(registry));
  }

  private void gauge(String name, String description, ToDoubleFunction<QueueCounts> read) {
    Gauge.builder(
            name,
            this,
            m -> {
              QueueCounts current = m.counts();
              return current == null ? Double.NaN : read.applyAsDouble(current);
            })
        .description(description)
        .register(registry);
  }

  private QueueCounts counts() {
    long now = System.nanoTime();
    if (counts == null || now - countsReadAt > GAUGE_CACHE_SECONDS * 1_000_000_000L) {
      try {
        counts = QuarkusTransaction.requiringNew().call(() -> statistics.read(null));
        countsReadAt = now;
      } catch (RuntimeException e) {
        // database unreachable: keep the last values (readiness reports the outage)
      }
    }
    return counts;
  }
}
