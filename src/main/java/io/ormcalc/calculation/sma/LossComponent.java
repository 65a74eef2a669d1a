package io.ormcalc.calculation.sma;

import java.math.BigDecimal;
import java.util.List;

/**
 * The Loss Component, OPE25.8: LC = 15 × the average annual net operational-risk loss over the
 * previous ten years (at least five during the transition), zero-loss years included.
 *
 * @param basis {@code annual_losses}, {@code loss_events} or {@code none}
 * @param lossThreshold the threshold applied to loss events, in the amount unit; null otherwise
 * @param averageAnnualLoss null when no loss history was given
 * @param lossComponent null when no loss history was given
 * @param events the fate of each loss event; null unless the basis is loss events
 */
public record LossComponent(
    String basis,
    BigDecimal lossThreshold,
    List<LossYear> years,
    int lossYears,
    BigDecimal averageAnnualLoss,
    BigDecimal lossComponent,
    LossEventTally events) {

  /** OPE25.8: the Loss Component is 15 times the average annual loss. */
  public static final BigDecimal MULTIPLIER = BigDecimal.valueOf(15);
}
