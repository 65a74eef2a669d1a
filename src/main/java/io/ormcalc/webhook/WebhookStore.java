package io.ormcalc.webhook;

import io.ormcalc.job.JobEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The sender's database calls, each in its own transaction and retried on transient database
 * trouble. Every write is guarded by the claim, so a retry of a write that did commit changes
 * nothing the second time.
 */
@ApplicationScoped
@Retry(
    maxRetries = 3,
    delay = 200,
    jitter = 100,
    retryOn = {PersistenceException.class, SQLException.class})
public class WebhookStore {

  private final WebhookOutbox outbox;
  private final WebhookPayloads payloads;

  public WebhookStore(WebhookOutbox outbox, WebhookPayloads payloads) {
    this.outbox = outbox;
    this.payloads = payloads;
  }

  public List<WebhookDelivery> claim(String owner, int limit, Duration lease) {
    return QuarkusTransaction.requiringNew().call(() -> outbox.claim(owner, limit, lease));
  }

  /**
   * The bytes to send: the stored payload, or, on the first attempt, the payload built from the job
   * and stored for every later attempt.
   */
  public byte[] payload(WebhookDelivery claimed) {
    if (claimed.payload != null) {
      return claimed.payload.getBytes(StandardCharsets.UTF_8);
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              JobEntity job = JobEntity.findById(claimed.jobId);
              byte[] body = payloads.build(job, claimed.eventType);
              outbox.freezePayload(claimed, new String(body, StandardCharsets.UTF_8));
              return body;
            });
  }

  public boolean record(
      WebhookDelivery claimed, AttemptResult result, WebhookOutbox.Next next, Duration retryIn) {
    return QuarkusTransaction.requiringNew()
        .call(() -> outbox.record(claimed, result, next, retryIn));
  }

  public boolean postpone(WebhookDelivery claimed, Duration delay, String reason) {
    return QuarkusTransaction.requiringNew().call(() -> outbox.postpone(claimed, delay, reason));
  }

  public int release(String owner) {
    return QuarkusTransaction.requiringNew().call(() -> outbox.release(owner));
  }

  /** Makes the messages a previous run of this replica left mid-send due now (interrupted). */
  public int expireOwnLeases(String owner) {
    return QuarkusTransaction.requiringNew().call(() -> outbox.expireLeases(owner));
  }
}
