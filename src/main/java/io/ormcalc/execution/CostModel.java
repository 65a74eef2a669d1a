package io.ormcalc.execution;

import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.calculation.lda.AggregationSpec;
import io.ormcalc.calculation.lda.FrequencySpec;
import io.ormcalc.calculation.lda.LdaInput;
import io.ormcalc.calculation.lda.LdaModel;
import io.ormcalc.calculation.lda.LdaParameters;
import io.ormcalc.calculation.lda.SeveritySpec;
import io.ormcalc.calculation.lda.UnitOfMeasure;
import io.ormcalc.job.ModelName;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Estimates how long a calculation will take, which decides where {@code auto} runs it.
 *
 * <ul>
 *   <li>Closed-form models (SMA, BIA, TSA, ASA) take well under a millisecond: a constant 0.01 s.
 *   <li>Monte Carlo (LDA): work units (simulated years × (1 + mean losses a year)) × this machine's
 *       nanoseconds per unit on one thread ÷ the LDA threads. The cost per unit is measured at
 *       start on a small simulation and then follows completed runs (an exponentially weighted
 *       average, weight 0.2 per run).
 * </ul>
 */
@ApplicationScoped
public class CostModel {

  private static final Logger LOG = Logger.getLogger(CostModel.class);
  static final BigDecimal CLOSED_FORM_SECONDS = new BigDecimal("0.010");
  public static final double DEFAULT_NANOS_PER_UNIT = 10;
  static final double MIN_WORK_TO_LEARN = 1e6;

  private final int threads;
  private final ReplicaRole role;
  private volatile double nanosPerUnit = DEFAULT_NANOS_PER_UNIT;

  public CostModel(LdaExecutor lda, ReplicaRole role) {
    this.threads = lda.parallelism();
    this.role = role;
  }

  /**
   * Measures this machine at start, on replicas that take submissions (the estimate decides where
   * {@code auto} runs a job). A {@code worker} replica never estimates: it skips the measurement,
   * which would otherwise take a core for about a second of its start, while it claims its first
   * jobs; it still learns from the runs it completes.
   */
  void calibrate(@Observes StartupEvent event) {
    if (!role.servesApi()) {
      return;
    }
    try {
      LdaInput probe =
          new LdaInput(
              null,
              null,
              List.of(
                  new UnitOfMeasure(
                      "calibration",
                      new FrequencySpec("poisson", 10.0, null, null),
                      new SeveritySpec(
                          "lognormal", 10.0, 2.0, null, null, null, null, null, null))),
              20_000L,
              null,
              1L,
              new AggregationSpec(null, null));
      PreparedCalculation calculation =
          new LdaModel(Runnable::run, 1).prepare(probe, new LdaParameters(null), LocalDate.now());
      double best = Double.MAX_VALUE;
      for (int run = 0; run < 3; run++) {
        long start = System.nanoTime();
        calculation.calculate(CalculationContext.NONE);
        best = Math.min(best, (System.nanoTime() - start) / calculation.workUnits());
      }
      nanosPerUnit = best;
      LOG.infof(
          "cost model: %.1f ns per simulated loss on one thread, %d LDA thread(s)", best, threads);
    } catch (RuntimeException e) {
      LOG.warnf(
          e, "cost model calibration failed; assuming %.0f ns per loss", DEFAULT_NANOS_PER_UNIT);
    }
  }

  /** The estimated run time, in seconds, to three decimals. */
  public BigDecimal estimateSeconds(ModelName model, PreparedCalculation calculation) {
    if (calculation.workUnits() <= 0) {
      return CLOSED_FORM_SECONDS;
    }
    double seconds = calculation.workUnits() * nanosPerUnit / 1e9 / threads;
    return BigDecimal.valueOf(seconds).setScale(3, RoundingMode.UP).max(CLOSED_FORM_SECONDS);
  }

  /** Learns from a completed run how fast this machine is. */
  public void record(PreparedCalculation calculation, Duration elapsed) {
    double work = calculation.workUnits();
    if (work < MIN_WORK_TO_LEARN) {
      return;
    }
    double observed = elapsed.toNanos() * (double) threads / work;
    nanosPerUnit = 0.8 * nanosPerUnit + 0.2 * observed;
  }

  /** Nanoseconds per work unit on one thread, as currently believed. */
  public double nanosPerUnit() {
    return nanosPerUnit;
  }
}
