package io.ormcalc.execution;

import io.ormcalc.job.ModelName;
import java.math.BigDecimal;

/**
 * Estimated run time of a calculation, which decides where {@code auto} runs it. The closed-form
 * models take microseconds; the estimate is a generous constant that keeps them synchronous.
 */
public final class CostModel {

  /** SMA, BIA, TSA and ASA: measured well under a millisecond; 0.01 s leaves ample margin. */
  static final BigDecimal CLOSED_FORM_SECONDS = new BigDecimal("0.010");

  private CostModel() {}

  public static BigDecimal estimateSeconds(ModelName model) {
    return switch (model) {
      case SMA, BIA, TSA, ASA -> CLOSED_FORM_SECONDS;
      case LDA -> null;
    };
  }
}
