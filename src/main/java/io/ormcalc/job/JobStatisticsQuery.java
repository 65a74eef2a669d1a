package io.ormcalc.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@link QueueCounts} in three cheap statements: the maintained counters (at most 320 rows),
 * the first entry of the due-queue index, and an index-only range scan of the last hour's finished
 * jobs. None of them grows with the number of jobs ever run.
 */
@ApplicationScoped
public class JobStatisticsQuery {

  private final EntityManager em;

  public JobStatisticsQuery(EntityManager em) {
    this.em = em;
  }

  /** The counts of one tenant's jobs, or of every tenant's for a null {@code tenant}. */
  @SuppressWarnings("unchecked")
  public QueueCounts read(String tenant) {
    String only = tenant == null ? "" : " and tenant_id = :tenant";
    Map<JobStatus, Map<Priority, Long>> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);
      for (Priority priority : Priority.values()) {
        byPriority.put(priority, 0L);
      }
      counts.put(status, byPriority);
    }
    List<Object[]> rows =
        scoped(
                em.createNativeQuery(
                    "select status, priority, sum(jobs) from job_count where true"
                        + only
                        + " group by status, priority"),
                tenant)
            .getResultList();
    WireCodeConverter.Status statuses = new WireCodeConverter.Status();
    WireCodeConverter.Rank priorities = new WireCodeConverter.Rank();
    for (Object[] row : rows) {
      counts
          .get(statuses.convertToEntityAttribute((String) row[0]))
          .put(priorities.convertToEntityAttribute((String) row[1]), ((Number) row[2]).longValue());
    }
    Object oldest =
        scoped(
                em.createNativeQuery(
                    "select extract(epoch from now() - min(run_at)) from job"
                        + " where status = 'queued' and run_at <= now()"
                        + only),
                tenant)
            .getSingleResult();
    Map<String, Long> lastHour = new HashMap<>();
    List<Object[]> outcomes =
        scoped(
                em.createNativeQuery(
                    "select status, sum(jobs) from job_outcome_minute"
                        + " where minute > date_trunc('minute', now()) - interval '60 minutes'"
                        + only
                        + " group by status"),
                tenant)
            .getResultList();
    for (Object[] row : outcomes) {
      lastHour.put((String) row[0], ((Number) row[1]).longValue());
    }
    return new QueueCounts(
        counts,
        oldest == null
            ? null
            : new BigDecimal(oldest.toString()).setScale(3, java.math.RoundingMode.HALF_UP),
        lastHour.getOrDefault("completed", 0L),
        lastHour.getOrDefault("failed", 0L),
        lastHour.getOrDefault("cancelled", 0L));
  }

  private static Query scoped(Query query, String tenant) {
    return tenant == null ? query : query.setParameter("tenant", tenant);
  }
}
