package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.CalculationModel;
import io.ormcalc.calculation.Currencies;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.calculation.Violations;
import java.time.LocalDate;
import java.util.EnumSet;

/**
 * The Standardised Approach (Basel II §654) over the eight business lines; see {@link
 * StandardisedCalculator}.
 */
public final class TsaModel implements CalculationModel<TsaInput, NoParameters> {

  @Override
  public Class<TsaInput> inputType() {
    return TsaInput.class;
  }

  @Override
  public Class<NoParameters> parametersType() {
    return NoParameters.class;
  }

  @Override
  public PreparedCalculation prepare(
      TsaInput input, NoParameters parameters, LocalDate calculationDate) {
    Violations v = new Violations();
    Currencies.check("inputs.currency", input.currency(), v);
    if (v.required("inputs.business_lines", input.businessLines())) {
      if (input.businessLines().isEmpty()) {
        v.add("inputs.business_lines", "must list at least one business line");
      }
      StandardisedCalculator.checkLines(
          "inputs.business_lines",
          input.businessLines(),
          EnumSet.noneOf(BusinessLine.class),
          "",
          calculationDate,
          v);
    }
    v.throwIfAny();
    return new LegacyCalculation(
        parameters,
        () ->
            StandardisedCalculator.calculate(
                "tsa",
                input.currency(),
                input.unit(),
                input.businessLines().stream()
                    .map(StandardisedCalculator::grossIncomeLine)
                    .toList()));
  }
}
