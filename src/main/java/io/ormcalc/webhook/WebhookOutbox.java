package io.ormcalc.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code webhook_delivery} outbox, written: claiming due messages, recording each attempt with
 * its outcome, postponing, redelivering and handing back. Each method is one statement; every write
 * after a claim is guarded by the claim ({@code status = 'sending' AND lease_owner = ? AND attempts
 * = ?}), so a sender that lost its lease records nothing. Callers hold the transaction. Times are
 * database times.
 */
@ApplicationScoped
public class WebhookOutbox {

  /**
   * Due pending messages, and messages whose sender stopped mid-attempt (lease expired): those get
   * an {@code interrupted} attempt in their audit, since the receiver may or may not have seen it.
   */
  private static final String CLAIM =
      """
      with due as (
        select id from webhook_delivery
        where (status = 'pending' and next_attempt_at <= now())
           or (status = 'sending' and lease_expires_at < now())
        order by coalesce(next_attempt_at, lease_expires_at)
        limit :limit
        for update skip locked),
      lost as (
        insert into webhook_attempt (delivery_id, attempt, started_at, finished_at, outcome, error,
          url, replica)
        select d.id, d.attempts + 1, d.attempt_started_at, now(), 'interrupted',
          'the replica sending it stopped before it recorded the outcome', d.url, d.lease_owner
        from webhook_delivery d join due on d.id = due.id
        where d.status = 'sending'),
      claimed as (
        update webhook_delivery d set
          attempts = d.attempts + case when d.status = 'sending' then 1 else 0 end,
          round_attempts = d.round_attempts + case when d.status = 'sending' then 1 else 0 end,
          status = 'sending', lease_owner = :owner,
          lease_expires_at = now() + make_interval(secs => :leaseSeconds),
          next_attempt_at = null, attempt_started_at = now(), updated_at = now()
        from due where d.id = due.id
        returning d.*)
      select * from claimed
      """;

  private static final String RECORD =
      """
      with d as (
        update webhook_delivery set
          attempts = attempts + 1, round_attempts = round_attempts + 1, status = :status,
          next_attempt_at = case when :status = 'pending'
            then now() + make_interval(secs => :delaySeconds) end,
          delivered_at = case when :status = 'delivered' then now() end,
          dead_at = case when :status = 'dead' then now() end,
          lease_owner = null, lease_expires_at = null, updated_at = now(),
          last_http_status = nullif(:httpStatus, -1), last_error = nullif(:error, '')
        where id = :id and status = 'sending' and lease_owner = :owner and attempts = :attempts
        returning id, attempts, attempt_started_at, url)
      insert into webhook_attempt (delivery_id, attempt, started_at, finished_at, latency_ms,
        http_status, outcome, error, response, url, replica)
      select id, attempts, attempt_started_at, now(), :latencyMs, nullif(:httpStatus, -1),
        :outcome, nullif(:error, ''), nullif(:response, ''), url, :owner
      from d
      """;

  private final EntityManager em;

  public WebhookOutbox(EntityManager em) {
    this.em = em;
  }

  /** Claims up to {@code limit} due messages for {@code owner}, oldest due first. */
  @SuppressWarnings("unchecked")
  public List<WebhookDelivery> claim(String owner, int limit, Duration lease) {
    return em.createNativeQuery(CLAIM, WebhookDelivery.class)
        .setParameter("owner", owner)
        .setParameter("limit", limit)
        .setParameter("leaseSeconds", lease.toMillis() / 1000.0)
        .getResultList();
  }

  /** Stores the message body built by the first attempt; every later attempt sends it as is. */
  public boolean freezePayload(WebhookDelivery claimed, String payload) {
    return em.createNativeQuery(
                "update webhook_delivery set payload = :payload where id = :id"
                    + " and payload is null and status = 'sending' and lease_owner = :owner")
            .setParameter("payload", payload)
            .setParameter("id", claimed.id)
            .setParameter("owner", claimed.leaseOwner)
            .executeUpdate()
        == 1;
  }

  /** What an attempt leaves the delivery as. */
  public enum Next {
    DELIVERED("delivered"),
    RETRY("pending"),
    DEAD("dead");

    final String status;

    Next(String status) {
      this.status = status;
    }
  }

  /**
   * Records the attempt of a claimed message and what follows it, in one statement.
   *
   * @param retryIn the wait before the next attempt, for {@link Next#RETRY}
   * @return false when the claim was lost (nothing was written)
   */
  public boolean record(
      WebhookDelivery claimed, AttemptResult result, Next next, Duration retryIn) {
    return em.createNativeQuery(RECORD)
            .setParameter("id", claimed.id)
            .setParameter("owner", claimed.leaseOwner)
            .setParameter("attempts", claimed.attempts)
            .setParameter("status", next.status)
            .setParameter("delaySeconds", retryIn == null ? 0.0 : retryIn.toMillis() / 1000.0)
            .setParameter("httpStatus", result.httpStatus() == null ? -1 : result.httpStatus())
            .setParameter("error", truncate(result.error()))
            .setParameter("response", truncate(result.response()))
            .setParameter("latencyMs", (int) Math.min(result.latencyMs(), Integer.MAX_VALUE))
            .setParameter("outcome", result.outcome().wire())
            .executeUpdate()
        == 1;
  }

  /** Puts a claimed message back, due after {@code delay}, without counting an attempt. */
  public boolean postpone(WebhookDelivery claimed, Duration delay, String reason) {
    return em.createNativeQuery(
                "update webhook_delivery set status = 'pending',"
                    + " next_attempt_at = now() + make_interval(secs => :delaySeconds),"
                    + " lease_owner = null, lease_expires_at = null, updated_at = now(),"
                    + " last_error = :reason"
                    + " where id = :id and status = 'sending' and lease_owner = :owner"
                    + " and attempts = :attempts")
            .setParameter("delaySeconds", delay.toMillis() / 1000.0)
            .setParameter("reason", truncate(reason))
            .setParameter("id", claimed.id)
            .setParameter("owner", claimed.leaseOwner)
            .setParameter("attempts", claimed.attempts)
            .executeUpdate()
        == 1;
  }

  /**
   * Hands every message {@code owner} is sending back to the queue, due now, no attempt counted: a
   * replica shutting down does not make the others wait for its leases.
   */
  public int release(String owner) {
    return em.createNativeQuery(
            "update webhook_delivery set status = 'pending', next_attempt_at = now(),"
                + " lease_owner = null, lease_expires_at = null, updated_at = now()"
                + " where status = 'sending' and lease_owner = :owner")
        .setParameter("owner", owner)
        .executeUpdate();
  }

  /**
   * Ends the leases {@code owner} holds now: used at start, for messages a previous run of this
   * replica was sending when it stopped; the next claim records them as interrupted and resends.
   */
  public int expireLeases(String owner) {
    return em.createNativeQuery(
            "update webhook_delivery set lease_expires_at = now() - interval '1 millisecond'"
                + " where status = 'sending' and lease_owner = :owner")
        .setParameter("owner", owner)
        .executeUpdate();
  }

  /**
   * Queues a message again: a delivered or dead one for a new round of attempts, a pending one at
   * once. The message keeps its id (receivers deduplicate on it) and its audit.
   *
   * @return the delivery as it now is, or empty when it is being sent right now or does not exist
   */
  public Optional<WebhookDelivery> redeliver(String id) {
    em.flush();
    em.clear();
    List<?> rows =
        em.createNativeQuery(
                "update webhook_delivery set"
                    + " round_attempts = case when status = 'pending' then round_attempts else 0"
                    + " end,"
                    + " redeliveries = redeliveries + case when status = 'pending' then 0 else 1"
                    + " end,"
                    + " status = 'pending', next_attempt_at = now(), delivered_at = null,"
                    + " dead_at = null, updated_at = now()"
                    + " where id = :id and status in ('pending', 'delivered', 'dead')"
                    + " returning *",
                WebhookDelivery.class)
            .setParameter("id", id)
            .getResultList();
    return rows.isEmpty() ? Optional.empty() : Optional.of((WebhookDelivery) rows.get(0));
  }

  private static String truncate(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }
}
