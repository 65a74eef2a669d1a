package io.ormcalc.job;

/**
 * Who is acting, from where and under which correlation id; recorded with every job event (the
 * tenant recorded is the job's own).
 *
 * @param actor the authenticated subject, or a system component such as {@code worker:<replica>} or
 *     {@code purger}
 * @param clientAddress the caller's network address, null for system components
 */
public record AuditContext(String actor, String correlationId, String clientAddress) {

  /** A system component acting on its own (no client). */
  public AuditContext(String actor, String correlationId) {
    this(actor, correlationId, null);
  }
}
