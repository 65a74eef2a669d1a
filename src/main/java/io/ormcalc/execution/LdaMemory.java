package io.ormcalc.execution;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The heap this replica lets Monte Carlo simulations hold. Every LDA request's peak is estimated
 * from its inputs ({@link io.ormcalc.calculation.PreparedCalculation#peakMemoryBytes()}) before it
 * is accepted: over {@code max-memory-per-job} it is refused. A job starts only when its estimate
 * fits beside those running here, so their sum stays under {@code memory-budget}; one that does not
 * fit stays queued, for this replica later or another one now.
 *
 * <p>{@code ormcalc.lda.memory-budget} (env {@code LDA_MEMORY_BUDGET}, e.g. {@code 400M}): default
 * half the maximum heap, the other half being the service's own and the garbage collector's room.
 * {@code ormcalc.lda.max-memory-per-job} (env {@code LDA_MAX_MEMORY_PER_JOB}): default the budget,
 * and never more than it, since a larger job could never start.
 */
@ApplicationScoped
public class LdaMemory {

  private static final Logger LOG = Logger.getLogger(LdaMemory.class);

  private final long budget;
  private final long maxPerJob;
  private long reserved;

  @Inject
  public LdaMemory(
      @ConfigProperty(name = "ormcalc.lda.memory-budget") Optional<String> budget,
      @ConfigProperty(name = "ormcalc.lda.max-memory-per-job") Optional<String> maxPerJob) {
    this(
        budget.map(LdaMemory::bytes).orElse(Runtime.getRuntime().maxMemory() / 2),
        maxPerJob.map(LdaMemory::bytes));
  }

  LdaMemory(long budget, Optional<Long> maxPerJob) {
    this.budget = budget;
    this.maxPerJob = Math.min(budget, maxPerJob.orElse(budget));
    LOG.debugf("LDA memory: budget %d bytes, at most %d per job", this.budget, this.maxPerJob);
  }

  private static long bytes(String size) {
    return new MemorySizeConverter().convert(size.trim()).asLongValue();
  }

  public long budget() {
    return budget;
  }

  public long maxPerJob() {
    return maxPerJob;
  }

  /** Bytes reserved by the simulations running here now. */
  public synchronized long reserved() {
    return reserved;
  }

  /**
   * Refuses a calculation whose estimate is over the per-job limit.
   *
   * @throws MemoryLimitExceededException with the estimate and the limit
   */
  public void checkAdmissible(long estimate) {
    if (estimate > maxPerJob) {
      throw new MemoryLimitExceededException(estimate, maxPerJob);
    }
  }

  /**
   * Reserves the estimate if it fits beside what runs here now.
   *
   * @return whether it was reserved; the caller {@link #release releases} it when the attempt ends
   */
  public synchronized boolean tryReserve(long estimate) {
    if (estimate <= 0) {
      return true;
    }
    if (reserved + estimate > budget) {
      return false;
    }
    reserved += estimate;
    return true;
  }

  public synchronized void release(long estimate) {
    if (estimate > 0) {
      reserved = Math.max(0, reserved - estimate);
    }
  }

  /** A calculation whose estimated peak memory is over the per-job limit. */
  public static final class MemoryLimitExceededException extends RuntimeException {
    private final long estimate;
    private final long limit;

    public MemoryLimitExceededException(long estimate, long limit) {
      super(
          "The calculation needs an estimated "
              + mebibytes(estimate)
              + " of memory; a job may use at most "
              + mebibytes(limit),
          null,
          false,
          false);
      this.estimate = estimate;
      this.limit = limit;
    }

    public long estimate() {
      return estimate;
    }

    public long limit() {
      return limit;
    }
  }

  static String mebibytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
