package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.BigMath;
import io.ormcalc.calculation.CalculationException;
import io.ormcalc.calculation.Rounding;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The Internal Loss Multiplier, OPE25.8: ILM = ln(e − 1 + (LC / BIC)^0.8).
 *
 * <p>It is one when LC = BIC, below one for a better-than-average loss record and above one for a
 * worse one. The ILM is set to one instead (the {@code basis} says why) when the rule set or the
 * {@code ilm_policy} parameter says so (OPE25.11 national discretion; CRR3), for a bucket-1 bank
 * unless {@code bucket1_use_ilm} (OPE25 bucket-1 treatment), and when fewer than five years of loss
 * data exist (OPE25 transition: ORC = BIC).
 *
 * <p>The ILM is computed with 34 significant digits ({@link BigMath}) and reported and applied
 * rounded half-even to {@value #SCALE} decimal places, so ORC = BIC × ILM can be re-derived from
 * the reported figures.
 *
 * @param lcBicRatio LC / BIC to {@value #SCALE} decimal places; null when undefined
 * @param calculatedIlm the formula's value, shown even where it is not applied; null when undefined
 * @param ilm the multiplier applied
 * @param basis {@code calculated}, {@code ilm_policy_one}, {@code bucket_1} or {@code
 *     insufficient_loss_data}
 */
public record InternalLossMultiplier(
    BigDecimal lcBicRatio, BigDecimal calculatedIlm, BigDecimal ilm, String basis) {

  public static final int SCALE = 10;
  private static final BigDecimal EXPONENT = new BigDecimal("0.8");
  private static final BigDecimal E_MINUS_ONE = BigMath.E.subtract(BigDecimal.ONE);

  /** The formula alone: ln(e − 1 + ratio^0.8), unrounded (34 significant digits). */
  public static BigDecimal formula(BigDecimal lcBicRatio) {
    return BigMath.ln(E_MINUS_ONE.add(BigMath.pow(lcBicRatio, EXPONENT)));
  }

  static InternalLossMultiplier of(
      LossComponent losses, BusinessIndicatorComponent bic, ResolvedSmaParameters parameters) {
    BigDecimal ratio = null;
    BigDecimal calculated = null;
    if (losses.lossComponent() != null && bic.bic().signum() > 0) {
      BigDecimal exactRatio = losses.lossComponent().divide(bic.bic(), BigMath.PRECISION);
      ratio = Rounding.tidy(exactRatio.setScale(SCALE, RoundingMode.HALF_EVEN));
      calculated = Rounding.tidy(formula(exactRatio).setScale(SCALE, RoundingMode.HALF_EVEN));
    }
    String basis;
    if (parameters.ilmPolicy() == IlmPolicy.ONE) {
      basis = "ilm_policy_one";
    } else if (bic.bucket() == 1 && !parameters.bucket1UseIlm()) {
      basis = "bucket_1";
    } else if (losses.lossYears() < RuleSet.MINIMUM_LOSS_YEARS) {
      basis = "insufficient_loss_data";
    } else if (calculated == null) {
      throw new CalculationException(
          "ILM_UNDEFINED",
          "The ILM is undefined because the BIC is zero; set ilm_policy to \"one\" or correct the"
              + " Business Indicator");
    } else {
      return new InternalLossMultiplier(ratio, calculated, calculated, "calculated");
    }
    return new InternalLossMultiplier(ratio, calculated, BigDecimal.ONE, basis);
  }
}
