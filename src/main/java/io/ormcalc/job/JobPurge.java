package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;

/**
 * Deletes finished jobs, one bounded batch per call, oldest first; queued and running jobs are
 * never touched, nor are jobs whose webhook is still being delivered or whose last delivery
 * activity (a dead letter, say) is younger than the age — so dead letters stay visible and
 * redeliverable for that long. A job's deliveries and their audit go with it. Each deleted job
 * leaves a {@code purged} row in its audit trail, which itself is kept.
 */
@ApplicationScoped
public class JobPurge {

  private static final String PURGE =
      """
      with doomed as (
        select id from job
        where status in ('completed', 'failed', 'cancelled')
          and completed_at < now() - make_interval(secs => :ageSeconds)
          and not exists (
            select 1 from webhook_delivery d where d.job_id = job.id
              and (d.status in ('pending', 'sending')
                or d.updated_at >= now() - make_interval(secs => :ageSeconds)))
        order by completed_at
        limit :limit
        for update skip locked),
      deleted as (
        delete from job where id in (select id from doomed)
        returning id, status, attempt, tenant_id)
      insert into job_event (job_id, event_type, from_status, to_status, attempt, actor,
        correlation_id, tenant_id, client_address)
      select id, 'purged', status, null, attempt, :actor, :correlationId, tenant_id, :client
      from deleted
      """;

  private final EntityManager em;

  public JobPurge(EntityManager em) {
    this.em = em;
  }

  /** Drops per-minute outcome counters older than a day (statistics use the last hour). */
  public int purgeOutcomeCounters() {
    return em.createNativeQuery(
            "delete from job_outcome_minute where minute < now() - interval '1 day'")
        .executeUpdate();
  }

  /** Deletes up to {@code limit} jobs that finished more than {@code age} ago; returns how many. */
  public int purgeBatch(Duration age, int limit, AuditContext audit) {
    return em.createNativeQuery(PURGE)
        .setParameter("ageSeconds", age.toMillis() / 1000.0)
        .setParameter("limit", limit)
        .setParameter("actor", audit.actor())
        .setParameter("correlationId", audit.correlationId())
        .setParameter("client", audit.clientAddress())
        .executeUpdate();
  }
}
