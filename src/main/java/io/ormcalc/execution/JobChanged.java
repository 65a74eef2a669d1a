package io.ormcalc.execution;

/**
 * A job was created, changed status or reported progress, on any replica: the payload of the
 * database's {@code ormcalc_job_changed} announcement (a small JSON object: job_id, tenant, status,
 * progress, model, entity, priority, attempts; never inputs or results), fired as a CDI event.
 *
 * @param json the announcement; null for {@link #MISSED}
 * @param receivedAtMillis when this replica received the announcement (epoch milliseconds)
 */
public record JobChanged(String json, long receivedAtMillis) {

  /**
   * The listening connection was (re)opened: announcements made while it was down are lost, so
   * whoever shows jobs should read them afresh.
   */
  public static final JobChanged MISSED = new JobChanged(null, 0);

  public boolean missed() {
    return json == null;
  }
}
