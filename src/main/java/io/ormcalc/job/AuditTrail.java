package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Records administrative actions in the append-only {@code job_event} trail, beside the job
 * transitions: who did what, for which tenant, from where, under which correlation id. Callers hold
 * the transaction.
 */
@ApplicationScoped
public class AuditTrail {

  private final EntityManager em;

  public AuditTrail(EntityManager em) {
    this.em = em;
  }

  /**
   * @param jobId the job concerned, or null for an action on no single job (a cleanup)
   * @param tenantId the tenant concerned, or null for every tenant
   * @param detailsJson what the action did, as a JSON object
   */
  public void record(
      String eventType, String jobId, String tenantId, String detailsJson, AuditContext audit) {
    em.createNativeQuery(
            "insert into job_event (job_id, event_type, actor, correlation_id, details, tenant_id,"
                + " client_address) values (:job, :type, :actor, :correlation,"
                + " cast(:details as jsonb), :tenant, :client)")
        .setParameter("job", jobId)
        .setParameter("type", eventType)
        .setParameter("actor", audit.actor())
        .setParameter("correlation", audit.correlationId())
        .setParameter("details", detailsJson)
        .setParameter("tenant", tenantId)
        .setParameter("client", audit.clientAddress())
        .executeUpdate();
  }
}
