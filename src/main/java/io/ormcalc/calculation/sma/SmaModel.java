package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationContext;
import io.ormcalc.calculation.CalculationModel;
import io.ormcalc.calculation.Currencies;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.calculation.Rounding;
import io.ormcalc.calculation.Violations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The Basel III standardised approach for operational risk (BCBS OPE25; the "SMA"): ORC = BIC × ILM
 * and RWA = 12.5 × ORC, under the {@link RuleSet} the parameters name.
 */
public final class SmaModel implements CalculationModel<SmaInput, SmaParameters> {

  @Override
  public Class<SmaInput> inputType() {
    return SmaInput.class;
  }

  @Override
  public Class<SmaParameters> parametersType() {
    return SmaParameters.class;
  }

  @Override
  public PreparedCalculation prepare(
      SmaInput input, SmaParameters parameters, LocalDate calculationDate) {
    Violations v = new Violations();
    ResolvedSmaParameters resolved = resolve(input, parameters, v);
    SmaInputValidator.validate(input, resolved, calculationDate, v);
    v.throwIfAny();
    return new PreparedCalculation() {
      @Override
      public String ruleSet() {
        return resolved.ruleSet().name();
      }

      @Override
      public Object parameters() {
        return resolved;
      }

      @Override
      public SmaResult calculate(CalculationContext context) {
        context.checkCancelled();
        return SmaModel.calculate(input, resolved);
      }
    };
  }

  static SmaResult calculate(SmaInput input, ResolvedSmaParameters parameters) {
    AmountUnit unit = input.unit();
    BusinessIndicatorBreakdown bi =
        BusinessIndicatorCalculator.calculate(input.businessIndicator(), unit);
    BusinessIndicatorComponent bic =
        BusinessIndicatorComponent.of(bi.businessIndicator(), parameters.bucketThresholds(), unit);
    LossComponent losses = losses(input, parameters, unit);
    InternalLossMultiplier ilm = InternalLossMultiplier.of(losses, bic, parameters);
    BigDecimal orc = Rounding.toCent(bic.bic().multiply(ilm.ilm()), unit);
    BigDecimal rwa = Rounding.toCent(orc.multiply(SmaResult.RWA_MULTIPLIER), unit);
    return new SmaResult(
        parameters.ruleSet(),
        input.currencyUnder(parameters.ruleSet()),
        unit,
        orc,
        rwa,
        bi.businessIndicator(),
        bi.ildc(),
        bi.sc(),
        bi.fc(),
        bic.bucket(),
        bic.bic(),
        losses.averageAnnualLoss(),
        losses.lossYears(),
        losses.lossComponent(),
        ilm.lcBicRatio(),
        ilm.calculatedIlm(),
        ilm.ilm(),
        ilm.basis(),
        bic.edges(),
        bic.slices(),
        bi.averages(),
        bi.years(),
        losses);
  }

  private static LossComponent losses(
      SmaInput input, ResolvedSmaParameters parameters, AmountUnit unit) {
    if (input.annualLosses() != null) {
      return LossComponentCalculator.fromAnnualLosses(input.annualLosses(), unit);
    }
    if (input.lossEvents() != null) {
      List<BusinessIndicatorYear> bi = input.businessIndicator();
      int to = bi.get(bi.size() - 1).year();
      int from =
          input.lossDataFromYear() != null
              ? input.lossDataFromYear()
              : to - RuleSet.MAXIMUM_LOSS_YEARS + 1;
      BigDecimal threshold = unit.fromCurrencyUnits(parameters.lossThreshold());
      return LossComponentCalculator.fromEvents(
          input.lossEvents(), from, to, threshold, parameters, unit);
    }
    return LossComponentCalculator.none();
  }

  /** Fills every parameter the request left out from the rule set, checking those it gave. */
  private static ResolvedSmaParameters resolve(SmaInput input, SmaParameters p, Violations v) {
    RuleSet ruleSet = p.ruleSet() != null ? p.ruleSet() : RuleSet.BCBS_2017;
    Currencies.check("inputs.currency", input.currency(), v);
    String currency = input.currencyUnder(ruleSet);
    boolean ruleSetCurrency = currency.equals(ruleSet.currency());

    List<BigDecimal> thresholds = p.bucketThresholds();
    if (thresholds != null) {
      checkBucketThresholds(thresholds, v);
    } else if (ruleSetCurrency) {
      thresholds = ruleSet.bucketThresholds();
    } else {
      v.add(
          "parameters.bucket_thresholds",
          ruleSet
              + " defines its bucket edges in "
              + ruleSet.currency()
              + "; give the two edges in "
              + currency
              + " (currency units)");
    }
    v.optionalAmount("parameters.loss_threshold", p.lossThreshold(), true);
    BigDecimal lossThreshold =
        p.lossThreshold() != null
            ? p.lossThreshold()
            : ruleSetCurrency ? ruleSet.lossThreshold() : null;
    int fiscalYearEnd =
        p.fiscalYearEndMonth() != null ? p.fiscalYearEndMonth() : ruleSet.fiscalYearEndMonth();
    if (fiscalYearEnd < 1 || fiscalYearEnd > 12) {
      v.add("parameters.fiscal_year_end_month", "must be a month number from 1 to 12");
      fiscalYearEnd = 12;
    }
    return new ResolvedSmaParameters(
        ruleSet,
        lossThreshold,
        p.ilmPolicy() != null ? p.ilmPolicy() : ruleSet.ilmPolicy(),
        Boolean.TRUE.equals(p.bucket1UseIlm()),
        thresholds == null ? ruleSet.bucketThresholds() : thresholds,
        fiscalYearEnd);
  }

  private static void checkBucketThresholds(List<BigDecimal> thresholds, Violations v) {
    String path = "parameters.bucket_thresholds";
    if (thresholds.size() != 2 || thresholds.stream().anyMatch(Objects::isNull)) {
      v.add(path, "must list the upper edges of buckets 1 and 2: two amounts");
      return;
    }
    v.optionalAmount(path + "[0]", thresholds.get(0), true);
    v.optionalAmount(path + "[1]", thresholds.get(1), true);
    if (thresholds.get(0).signum() <= 0 || thresholds.get(0).compareTo(thresholds.get(1)) >= 0) {
      v.add(path, "edges must be positive and ascending");
    }
  }
}
