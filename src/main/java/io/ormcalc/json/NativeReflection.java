package io.ormcalc.json;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The calculation package's inputs, results and enums, registered for reflection so that Jackson
 * can read and write them in a native image (Quarkus registers REST resource types by itself, but
 * these are converted with the ObjectMapper directly). They are listed here because the calculation
 * package stays free of framework annotations; {@code NativeReflectionTest} keeps the list
 * complete.
 */
@RegisterForReflection(
    targets = {
      io.ormcalc.calculation.AmountUnit.class,
      io.ormcalc.calculation.InputViolation.class,
      io.ormcalc.calculation.lda.AggregationSpec.class,
      io.ormcalc.calculation.lda.CompiledUnit.class,
      io.ormcalc.calculation.lda.FrequencySpec.class,
      io.ormcalc.calculation.lda.LdaInput.class,
      io.ormcalc.calculation.lda.LdaLevel.class,
      io.ormcalc.calculation.lda.LdaMeasures.class,
      io.ormcalc.calculation.lda.LdaParameters.class,
      io.ormcalc.calculation.lda.LdaResult.class,
      io.ormcalc.calculation.lda.SeveritySpec.class,
      io.ormcalc.calculation.lda.UnitOfMeasure.class,
      io.ormcalc.calculation.legacy.AsaInput.class,
      io.ormcalc.calculation.legacy.BiaInput.class,
      io.ormcalc.calculation.legacy.BiaResult.class,
      io.ormcalc.calculation.legacy.BusinessLine.class,
      io.ormcalc.calculation.legacy.BusinessLineIncome.class,
      io.ormcalc.calculation.legacy.GrossIncomeYear.class,
      io.ormcalc.calculation.legacy.LineCharge.class,
      io.ormcalc.calculation.legacy.LineYear.class,
      io.ormcalc.calculation.legacy.LoansAndAdvances.class,
      io.ormcalc.calculation.legacy.NoParameters.class,
      io.ormcalc.calculation.legacy.StandardisedResult.class,
      io.ormcalc.calculation.legacy.TsaInput.class,
      io.ormcalc.calculation.legacy.YearAmount.class,
      io.ormcalc.calculation.legacy.YearlyCharge.class,
      io.ormcalc.calculation.sma.AnnualLoss.class,
      io.ormcalc.calculation.sma.BicSlice.class,
      io.ormcalc.calculation.sma.BusinessIndicatorAverages.class,
      io.ormcalc.calculation.sma.BusinessIndicatorBreakdown.class,
      io.ormcalc.calculation.sma.BusinessIndicatorComponent.class,
      io.ormcalc.calculation.sma.BusinessIndicatorYear.class,
      io.ormcalc.calculation.sma.IlmPolicy.class,
      io.ormcalc.calculation.sma.InternalLossMultiplier.class,
      io.ormcalc.calculation.sma.LossComponent.class,
      io.ormcalc.calculation.sma.LossEvent.class,
      io.ormcalc.calculation.sma.LossEventTally.class,
      io.ormcalc.calculation.sma.LossYear.class,
      io.ormcalc.calculation.sma.ResolvedSmaParameters.class,
      io.ormcalc.calculation.sma.RuleSet.class,
      io.ormcalc.calculation.sma.SmaInput.class,
      io.ormcalc.calculation.sma.SmaParameters.class,
      io.ormcalc.calculation.sma.SmaResult.class,
      io.ormcalc.calculation.sma.YearlyBusinessIndicator.class
    })
public final class NativeReflection {

  private NativeReflection() {}
}
