package io.ormcalc.job;

import io.ormcalc.notify.Channels;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Dispatch paused per model or per tenant ({@code dispatch_pause}): the claim statement skips what
 * is paused, so every replica stops taking it at its next claim, and jobs are still accepted and
 * queued meanwhile. Each change is one statement with its audit event ({@code dispatch_paused},
 * {@code dispatch_resumed} in {@code job_event}); a resume wakes every replica's dispatcher.
 */
@ApplicationScoped
public class DispatchPauses {

  /** What may be paused. */
  public enum Scope {
    MODEL,
    TENANT;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One pause in force. */
  public record Pause(
      String scope, String value, Instant pausedAt, String pausedBy, String reason) {}

  private static final NamedSql LIST =
      NamedSql.of(
          "select scope, value, paused_at, paused_by, reason from dispatch_pause"
              + " order by scope, value");

  private static final NamedSql PAUSE =
      NamedSql.of(
          """
          with p as (
            insert into dispatch_pause (scope, value, paused_by, reason)
            values (:scope, :value, :actor, :reason)
            on conflict (scope, value) do nothing
            returning *),
          e as (
            insert into job_event (job_id, event_type, actor, correlation_id, details, tenant_id,
              client_address)
            select null, 'dispatch_paused', :actor, :correlation,
              jsonb_build_object('scope', scope, 'value', value, 'reason', reason),
              case when scope = 'tenant' then value end, :client
            from p)
          select scope, value, paused_at, paused_by, reason from p
          union all
          select scope, value, paused_at, paused_by, reason from dispatch_pause
          where scope = :scope and value = :value and not exists (select 1 from p)
          """);

  private static final NamedSql RESUME =
      NamedSql.of(
          """
          with d as (
            delete from dispatch_pause where scope = :scope and value = :value returning *),
          e as (
            insert into job_event (job_id, event_type, actor, correlation_id, details, tenant_id,
              client_address)
            select null, 'dispatch_resumed', :actor, :correlation,
              jsonb_build_object('scope', scope, 'value', value, 'paused_at', paused_at,
                'paused_by', paused_by, 'reason', reason),
              case when scope = 'tenant' then value end, :client
            from d)
          select scope, value, paused_at, paused_by, reason, pg_notify(:channel, '') from d
          """);

  /** How stale the view of pauses that requests consult may be: what "within a second" means. */
  static final long VIEW_NANOS = 1_000_000_000L;

  private final DataSource db;
  private volatile View view; // null: to be read

  private record View(List<Pause> pauses, long readAt) {}

  public DispatchPauses(DataSource db) {
    this.db = db;
  }

  /**
   * Whether dispatch of this model or tenant is paused, as read at most a second ago: what a
   * synchronous request consults before it calculates at once (the claim reads the table itself).
   */
  public boolean isPaused(ModelName model, String tenant) {
    View current = view;
    long now = System.nanoTime();
    if (current == null || now - current.readAt() > VIEW_NANOS) {
      current = new View(list(), now);
      view = current;
    }
    for (Pause p : current.pauses()) {
      if (p.scope().equals(Scope.MODEL.code())
          ? p.value().equals(model.toString())
          : p.value().equals(tenant)) {
        return true;
      }
    }
    return false;
  }

  public List<Pause> list() {
    return LIST.query(db, Map.of(), DispatchPauses::pause);
  }

  /** Pauses dispatch of the model or tenant (again: unchanged); the pause in force. */
  public Pause pause(Scope scope, String value, String reason, AuditContext audit) {
    Map<String, Object> values = values(scope, value, audit);
    values.put("reason", reason);
    Pause pause = PAUSE.query(db, values, DispatchPauses::pause).get(0);
    view = null; // this replica sees it at once
    return pause;
  }

  /** Resumes dispatch; the pause that was lifted, or empty when none was in force. */
  public Optional<Pause> resume(Scope scope, String value, AuditContext audit) {
    Map<String, Object> values = values(scope, value, audit);
    values.put("channel", Channels.JOB_DUE);
    Optional<Pause> lifted = RESUME.query(db, values, DispatchPauses::pause).stream().findFirst();
    view = null;
    return lifted;
  }

  private static Map<String, Object> values(Scope scope, String value, AuditContext audit) {
    Map<String, Object> values = new HashMap<>();
    values.put("scope", scope.code());
    values.put("value", value);
    values.put("actor", audit.actor());
    values.put("correlation", audit.correlationId());
    values.put("client", audit.clientAddress());
    return values;
  }

  private static Pause pause(java.sql.ResultSet r) throws java.sql.SQLException {
    return new Pause(
        r.getString("scope"),
        r.getString("value"),
        JobRows.instant(r, "paused_at"),
        r.getString("paused_by"),
        r.getString("reason"));
  }
}
