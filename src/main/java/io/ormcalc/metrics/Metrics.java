package io.ormcalc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ormcalc.job.JobEntity;
import io.ormcalc.job.JobStatisticsQuery;
import io.ormcalc.job.JobStatus;
import io.ormcalc.job.QueueCounts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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
 */
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
  }

  /** A job was created (sync or async). */
  public void submitted(JobEntity job) {
    Counter.builder("ormcalc_jobs_submitted")
        .description("Jobs created")
        .tags("model", job.modelName.toString(), "priority", job.priority.toString())
        .tag("mode", job.executionMode.toString())
        .register(registry)
        .increment();
  }

  /** A creation request was answered with the job an idempotency key made before. */
  public void idempotentReplay() {
    Counter.builder("ormcalc_idempotent_replays")
        .description("Idempotent replays")
        .register(registry)
        .increment();
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
      Counter.builder("ormcalc_job_retries")
          .description("Failed attempts scheduled again")
          .tag("model", model)
          .register(registry)
          .increment();
      return;
    }
    Counter.builder("ormcalc_jobs_finished")
        .description("Jobs that ended")
        .tags("model", model, "priority", job.priority.toString(), "status", job.status.toString())
        .register(registry)
        .increment();
    Timer.builder("ormcalc_job_duration")
        .description("Run time of a job's last attempt")
        .tags("model", model, "status", job.status.toString())
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(took);
  }

  /** Jobs whose replica stopped were put back in the queue (or failed). */
  public void rescued(int jobs) {
    Counter.builder("ormcalc_lease_rescues")
        .description("Jobs rescued after their lease expired")
        .register(registry)
        .increment(jobs);
  }

  /** A webhook attempt ended ({@code delivered}, {@code failed}, {@code gone}, …). */
  public void webhookAttempt(String outcome, long latencyMs) {
    Counter.builder("ormcalc_webhook_deliveries")
        .description("Webhook delivery attempts by outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("ormcalc_webhook_attempt_duration")
        .description("Duration of webhook attempts, connection to answer")
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(Duration.ofMillis(latencyMs));
  }

  /** A webhook message became a dead letter. */
  public void deadLetter() {
    Counter.builder("ormcalc_webhook_dead_letters")
        .description("Webhook messages that became dead letters")
        .register(registry)
        .increment();
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
