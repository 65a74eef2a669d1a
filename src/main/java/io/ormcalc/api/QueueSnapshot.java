package io.ormcalc.api;

import io.ormcalc.execution.Dispatcher;
import io.ormcalc.execution.ExecutionConfig;
import io.ormcalc.execution.InstanceId;
import io.ormcalc.job.DispatchPauses;
import io.ormcalc.job.JobStatisticsQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads {@link QueueStatistics} in a transaction of its own: for the statistics endpoint and for
 * the live stream's overview updates alike.
 */
@ApplicationScoped
public class QueueSnapshot {

  private final JobStatisticsQuery statistics;
  private final DispatchPauses pauses;
  private final Dispatcher dispatcher;
  private final ExecutionConfig execution;
  private final InstanceId instance;

  public QueueSnapshot(
      JobStatisticsQuery statistics,
      Dispatcher dispatcher,
      ExecutionConfig execution,
      InstanceId instance,
      DispatchPauses pauses) {
    this.pauses = pauses;
    this.statistics = statistics;
    this.dispatcher = dispatcher;
    this.execution = execution;
    this.instance = instance;
  }

  /** The statistics of one tenant, or of every tenant for a null {@code scope}. */
  public QueueStatistics read(String scope) {
    return QueueStatistics.of(
        scope,
        QuarkusTransaction.requiringNew().call(() -> statistics.read(scope)),
        execution,
        dispatcher,
        instance.get(),
        pauses.list().stream()
            .filter(p -> scope == null || p.scope().equals("model") || p.value().equals(scope))
            .map(DispatchPauseResource.PauseResponse::of)
            .toList());
  }
}
