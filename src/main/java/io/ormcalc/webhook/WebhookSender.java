package io.ormcalc.webhook;

import io.ormcalc.execution.ClaimLoop;
import io.ormcalc.execution.InstanceId;
import io.ormcalc.execution.JobLogContext;
import io.ormcalc.execution.ReplicaRole;
import io.ormcalc.metrics.Metrics;
import io.ormcalc.notify.Channels;
import io.ormcalc.notify.Listening;
import io.ormcalc.notify.PgNotification;
import io.ormcalc.webhook.AttemptResult.Outcome;
import io.ormcalc.webhook.WebhookOutbox.Next;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Delivers the outbox: claims due messages (on any replica, {@code SKIP LOCKED}), sends each on a
 * pool of {@code max-in-flight} threads, and records every attempt and what follows it — done,
 * another attempt after the retry schedule's delay (or the receiver's {@code Retry-After}), or dead
 * after the last.
 *
 * <p>Like the job dispatcher it claims only as many messages as it has free slots, wakes on {@code
 * NOTIFY ormcalc_webhook_due} (a job ended, a message was redelivered), on a timer when a retry it
 * scheduled falls due, and otherwise every {@code poll-interval}. On shutdown it lets attempts in
 * flight finish for a few seconds, then hands the rest back to the queue.
 */
@ApplicationScoped
public class WebhookSender {

  private static final Logger LOG = Logger.getLogger(WebhookSender.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

  private final WebhookStore store;
  private final WebhookClient client;
  private final WebhookSigning signing;
  private final WebhookConfig config;
  private final InstanceId instance;
  private final Clock clock;
  private final DestinationPolicy policy;
  private final RetrySchedule schedule;
  private final Metrics metrics;
  private final ReplicaRole role;
  private final Semaphore slots;
  private final ClaimLoop loop;
  private ExecutorService pool;
  private ScheduledExecutorService timer;

  public WebhookSender(
      WebhookStore store,
      WebhookClient client,
      WebhookSigning signing,
      WebhookConfig config,
      InstanceId instance,
      Clock clock,
      Metrics metrics,
      ReplicaRole role) {
    this.metrics = metrics;
    this.role = role;
    this.store = store;
    this.client = client;
    this.signing = signing;
    this.config = config;
    this.instance = instance;
    this.clock = clock;
    this.policy = DestinationPolicy.of(config);
    this.schedule = RetrySchedule.of(config);
    this.slots = new Semaphore(config.maxInFlight());
    this.loop = new ClaimLoop("webhook-dispatcher", slots, config.pollInterval(), this::claim);
  }

  void start(@Observes StartupEvent event) {
    metrics.webhookOutcomes(
        Arrays.stream(AttemptResult.Outcome.values()).map(AttemptResult.Outcome::wire).toList());
    if (!config.deliveryEnabled() || !role.claims()) {
      LOG.infof(
          "webhook delivery is off on this replica (role %s); other replicas send the outbox",
          role);
      return;
    }
    try {
      store.expireOwnLeases(instance.get());
    } catch (RuntimeException e) {
      LOG.warnf(e, "could not reclaim messages left mid-send; their leases will expire");
    }
    pool = Executors.newFixedThreadPool(config.maxInFlight(), threads("webhook-sender"));
    timer = Executors.newSingleThreadScheduledExecutor(threads("webhook-retry-timer"));
    loop.start();
  }

  void stop(@Observes ShutdownEvent event) {
    if (!loop.isActive()) {
      return;
    }
    loop.stop();
    timer.shutdownNow();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        int released = store.release(instance.get());
        LOG.infof("handed %d webhook message(s) in flight back to the outbox", released);
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warnf(e, "handing webhook messages back failed; their leases will expire");
    }
  }

  /** Asks the loop to look for due messages now. */
  /** A message became due on any replica (or the listening connection reopened): look now. */
  void onNotification(@Observes PgNotification notification) {
    if (notification.is(Channels.WEBHOOK_DUE)) {
      wake();
    }
  }

  void onListening(@Observes Listening listening) {
    wake();
  }

  public void wake() {
    loop.wake();
  }

  /** Whether its loop died although it should run: what liveness reports. */
  public boolean isWedged() {
    return loop.isWedged();
  }

  /** Whether this replica is sending webhooks now. */
  public boolean isRunning() {
    return loop.isRunning();
  }

  private int claim(int free) {
    List<WebhookDelivery> due = store.claim(instance.get(), free, config.lease());
    due.forEach(this::submit);
    return due.size();
  }

  private void submit(WebhookDelivery delivery) {
    slots.acquireUninterruptibly();
    try {
      pool.execute(
          () -> {
            try {
              deliver(delivery);
            } catch (RuntimeException e) {
              LOG.errorf(
                  e,
                  "webhook %s: attempt not recorded; it is resent when its lease expires",
                  delivery.id);
            } finally {
              slots.release();
              wake();
            }
          });
    } catch (RuntimeException rejected) {
      slots.release(); // shutting down: the lease lapses or is handed back
    }
  }

  /** One attempt of one claimed message, and its record. */
  void deliver(WebhookDelivery delivery) {
    JobLogContext.enter(delivery.jobId, null, delivery.tenantId, delivery.correlationId);
    MDC.put("webhook_id", delivery.id);
    try {
      attempt(delivery);
    } finally {
      MDC.remove("webhook_id");
      JobLogContext.leave();
    }
  }

  private void attempt(WebhookDelivery delivery) {
    byte[] body = store.payload(delivery);
    Optional<String> refusal = policy.refusal(delivery.url);
    AttemptResult result;
    if (refusal.isPresent()) {
      result = AttemptResult.of(Outcome.REFUSED, 0, "destination refused: " + refusal.get());
    } else {
      long timestamp = clock.instant().getEpochSecond();
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("webhook-id", delivery.id);
      headers.put("webhook-timestamp", Long.toString(timestamp));
      headers.put("webhook-signature", signing.signer().signature(delivery.id, timestamp, body));
      if (delivery.correlationId != null) {
        headers.put("X-Correlation-ID", delivery.correlationId);
      }
      result = client.send(URI.create(delivery.url), headers, body);
    }
    conclude(delivery, result);
  }

  private void conclude(WebhookDelivery delivery, AttemptResult result) {
    metrics.webhookAttempt(result.outcome().wire(), result.latencyMs());
    switch (result.outcome()) {
      case CIRCUIT_OPEN ->
          store.postpone(delivery, config.circuitBreaker().delay(), result.error());
      case DELIVERED -> store.record(delivery, result, Next.DELIVERED, null);
      case GONE -> {
        store.record(delivery, result, Next.DEAD, null);
        metrics.deadLetter();
        LOG.warnf("webhook %s of job %s: receiver answered 410 Gone", delivery.id, delivery.jobId);
      }
      case FAILED, TIMEOUT, REFUSED -> {
        Optional<Duration> delay =
            schedule.delayAfter(
                delivery.roundAttempts + 1,
                result.retryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
        if (delay.isPresent()) {
          if (store.record(delivery, result, Next.RETRY, delay.get())) {
            wakeAfter(delay.get());
          }
        } else {
          store.record(delivery, result, Next.DEAD, null);
          metrics.deadLetter();
          LOG.warnf(
              "webhook %s of job %s is dead after %d attempt(s): %s",
              delivery.id, delivery.jobId, delivery.roundAttempts + 1, result.error());
        }
      }
    }
  }

  private void wakeAfter(Duration delay) {
    try {
      timer.schedule(this::wake, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException shuttingDown) {
      // the poll, or another replica, picks it up
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
