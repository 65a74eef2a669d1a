package io.ormcalc.security;

import io.ormcalc.job.AuditContext;
import java.util.Set;

/**
 * The authenticated caller of a request: who (the token's subject), for which tenant, with which
 * roles, and from which address.
 */
public record Caller(String subject, String tenant, Set<String> roles, String clientAddress) {

  public boolean has(Role role) {
    return roles.contains(role.group());
  }

  public boolean isAdmin() {
    return has(Role.ADMIN);
  }

  /** The tenant whose jobs a read may see: the caller's own, or null (every tenant) for admins. */
  public String readScope() {
    return isAdmin() ? null : tenant;
  }

  /** The audit context of this caller's actions. */
  public AuditContext audit(String correlationId) {
    return new AuditContext(subject, correlationId, clientAddress);
  }
}
