package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.CalculationModel;
import io.ormcalc.calculation.Currencies;
import io.ormcalc.calculation.PreparedCalculation;
import io.ormcalc.calculation.Violations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The Alternative Standardised Approach (Basel II §652 and Annex 8): as the Standardised Approach,
 * but retail and commercial banking are measured by m × loans and advances, m = 0.035, year by
 * year, instead of by gross income.
 */
public final class AsaModel implements CalculationModel<AsaInput, NoParameters> {

  /** Basel II §652: the fixed factor m applied to loans and advances. */
  public static final BigDecimal M = new BigDecimal("0.035");

  @Override
  public Class<AsaInput> inputType() {
    return AsaInput.class;
  }

  @Override
  public Class<NoParameters> parametersType() {
    return NoParameters.class;
  }

  @Override
  public PreparedCalculation prepare(
      AsaInput input, NoParameters parameters, LocalDate calculationDate) {
    Violations v = new Violations();
    Currencies.check("inputs.currency", input.currency(), v);
    List<BusinessLineIncome> lines =
        input.businessLines() == null ? List.of() : input.businessLines();
    List<Integer> years =
        StandardisedCalculator.checkLines(
            "inputs.business_lines",
            lines,
            EnumSet.of(BusinessLine.RETAIL_BANKING, BusinessLine.COMMERCIAL_BANKING),
            "is measured by loans_and_advances under the ASA, not by gross income",
            calculationDate,
            v);
    LoansAndAdvances loans = input.loansAndAdvances();
    if (v.required("inputs.loans_and_advances", loans)) {
      if (loans.retailBanking() == null && loans.commercialBanking() == null) {
        v.add("inputs.loans_and_advances", "must give retail_banking, commercial_banking or both");
      }
      years =
          checkLoans(
              "inputs.loans_and_advances.retail_banking",
              loans.retailBanking(),
              years,
              calculationDate,
              v);
      checkLoans(
          "inputs.loans_and_advances.commercial_banking",
          loans.commercialBanking(),
          years,
          calculationDate,
          v);
    }
    v.throwIfAny();
    return new LegacyCalculation(parameters, () -> calculate(input, lines));
  }

  private static List<Integer> checkLoans(
      String path, List<YearAmount> series, List<Integer> years, LocalDate date, Violations v) {
    if (series == null) {
      return years;
    }
    Violations own = new Violations();
    LegacyRules.checkThreeYears(path, series, true, date, own);
    if (!own.isEmpty()) {
      own.copyTo(v);
      return years;
    }
    return StandardisedCalculator.sameYears(path, series, years, v);
  }

  private static StandardisedResult calculate(AsaInput input, List<BusinessLineIncome> income) {
    List<LineCharge> lines = new ArrayList<>();
    income.forEach(l -> lines.add(StandardisedCalculator.grossIncomeLine(l)));
    LoansAndAdvances loans = input.loansAndAdvances();
    if (loans.retailBanking() != null) {
      lines.add(
          StandardisedCalculator.loansLine(BusinessLine.RETAIL_BANKING, loans.retailBanking(), M));
    }
    if (loans.commercialBanking() != null) {
      lines.add(
          StandardisedCalculator.loansLine(
              BusinessLine.COMMERCIAL_BANKING, loans.commercialBanking(), M));
    }
    return StandardisedCalculator.calculate("asa", input.currency(), input.unit(), lines);
  }
}
