package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationModel;
import io.ormcalc.calculation.Currencies;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.calculation.Rounding;
import io.ormcalc.calculation.Violations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The Basic Indicator Approach (Basel II §649): K = [Σ(GI₁…ₙ × α)] / n with α = 15%, where n counts
 * the years of the last three with positive gross income; a year of negative or zero gross income
 * leaves both numerator and denominator. With no positive year the charge is zero.
 */
public final class BiaModel implements CalculationModel<BiaInput, NoParameters> {

  /** §649: α = 15%. */
  public static final BigDecimal ALPHA = new BigDecimal("0.15");

  @Override
  public Class<BiaInput> inputType() {
    return BiaInput.class;
  }

  @Override
  public Class<NoParameters> parametersType() {
    return NoParameters.class;
  }

  @Override
  public PreparedCalculation prepare(
      BiaInput input, NoParameters parameters, LocalDate calculationDate) {
    Violations v = new Violations();
    Currencies.check("inputs.currency", input.currency(), v);
    LegacyRules.checkThreeYears(
        "inputs.annual_gross_income", input.annualGrossIncome(), false, calculationDate, v);
    v.throwIfAny();
    return new LegacyCalculation(parameters, () -> calculate(input));
  }

  static BiaResult calculate(BiaInput input) {
    AmountUnit unit = input.unit();
    List<GrossIncomeYear> years =
        input.annualGrossIncome().stream()
            .map(y -> new GrossIncomeYear(y.year(), y.amount(), y.amount().signum() > 0))
            .toList();
    List<BigDecimal> positive =
        years.stream().filter(GrossIncomeYear::used).map(GrossIncomeYear::grossIncome).toList();
    BigDecimal average = Rounding.average(positive, unit);
    BigDecimal charge = Rounding.toCent(average.multiply(ALPHA), unit);
    return new BiaResult(
        input.currency(),
        unit,
        ALPHA,
        years,
        years.stream().filter(GrossIncomeYear::used).map(GrossIncomeYear::year).toList(),
        average,
        charge,
        Rounding.toCent(charge.multiply(LegacyRules.RWA_MULTIPLIER), unit));
  }
}
