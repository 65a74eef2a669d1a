package io.ormcalc.security;

/** What a caller may do, from the {@code groups} claim of its token. */
public enum Role {
  /** Create jobs, and cancel its own tenant's jobs. */
  SUBMIT("calc:submit"),
  /** Read its own tenant's jobs, their webhook deliveries and statistics. */
  READ("calc:read"),
  /**
   * Clean up, read statistics and jobs across tenants, and redeliver webhooks. Reading across
   * tenants needs no other role.
   */
  ADMIN("calc:admin");

  private final String group;

  Role(String group) {
    this.group = group;
  }

  /** The group name in the token. */
  public String group() {
    return group;
  }

  @Override
  public String toString() {
    return group;
  }
}
