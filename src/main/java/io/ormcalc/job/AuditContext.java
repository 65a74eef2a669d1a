package io.ormcalc.job;

/**
 * Who is acting and under which correlation id; recorded with every job event.
 *
 * @param actor the authenticated subject, or a system component such as {@code api} or {@code
 *     dispatcher}
 */
public record AuditContext(String actor, String correlationId) {}
