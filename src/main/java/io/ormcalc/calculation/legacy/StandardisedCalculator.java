package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.Rounding;
import io.ormcalc.calculation.Violations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Standardised Approach (Basel II §654), shared by TSA and ASA:
 *
 * <pre>K = { Σ over years 1–3 of max[ Σ over lines (EI × β), 0 ] } / 3</pre>
 *
 * where the exposure indicator EI is the line's gross income, or under the ASA m × loans and
 * advances for retail and commercial banking. Within a year a negative line offsets the others; a
 * negative year counts as zero and the divisor stays three.
 */
final class StandardisedCalculator {

  private StandardisedCalculator() {}

  /** Validates the business lines; returns their common years, or null when unsound. */
  static List<Integer> checkLines(
      String path,
      List<BusinessLineIncome> lines,
      Set<BusinessLine> notAllowed,
      String whyNotAllowed,
      LocalDate calculationDate,
      Violations v) {
    Set<BusinessLine> seen = EnumSet.noneOf(BusinessLine.class);
    List<Integer> commonYears = null;
    for (int i = 0; i < lines.size(); i++) {
      String at = path + "[" + i + "]";
      BusinessLineIncome line = lines.get(i);
      if (!v.required(at, line) || !v.required(at + ".line", line.line())) {
        continue;
      }
      if (notAllowed.contains(line.line())) {
        v.add(at + ".line", whyNotAllowed);
      } else if (!seen.add(line.line())) {
        v.add(at + ".line", "lists " + line.line() + " a second time");
      }
      Violations own = new Violations();
      LegacyRules.checkThreeYears(
          at + ".gross_income", line.grossIncome(), false, calculationDate, own);
      if (!own.isEmpty()) {
        own.copyTo(v);
        continue;
      }
      commonYears = sameYears(at + ".gross_income", line.grossIncome(), commonYears, v);
    }
    return commonYears;
  }

  /** Records a violation when the series' years differ from the years seen before. */
  static List<Integer> sameYears(
      String path, List<YearAmount> series, List<Integer> expected, Violations v) {
    List<Integer> years = series.stream().map(YearAmount::year).toList();
    if (expected != null && !expected.equals(years)) {
      v.add(path, "covers years " + years + " but the other series cover " + expected);
    }
    return expected == null ? years : expected;
  }

  static LineCharge grossIncomeLine(BusinessLineIncome income) {
    List<LineYear> years = new ArrayList<>();
    for (YearAmount y : income.grossIncome()) {
      years.add(
          new LineYear(
              y.year(),
              null,
              y.amount(),
              Rounding.tidy(y.amount().multiply(income.line().beta()))));
    }
    return new LineCharge(income.line(), income.line().beta(), "gross_income", years);
  }

  static LineCharge loansLine(BusinessLine line, List<YearAmount> loans, BigDecimal m) {
    List<LineYear> years = new ArrayList<>();
    for (YearAmount y : loans) {
      BigDecimal exposure = Rounding.tidy(y.amount().multiply(m));
      years.add(
          new LineYear(
              y.year(), y.amount(), exposure, Rounding.tidy(exposure.multiply(line.beta()))));
    }
    return new LineCharge(line, line.beta(), "loans_and_advances", years);
  }

  static StandardisedResult calculate(
      String approach, String currency, AmountUnit unit, List<LineCharge> lines) {
    List<YearlyCharge> yearly = new ArrayList<>();
    for (int i = 0; i < LegacyRules.YEARS; i++) {
      int index = i;
      BigDecimal total =
          lines.stream()
              .map(l -> l.years().get(index).charge())
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      BigDecimal floored = total.max(BigDecimal.ZERO);
      yearly.add(
          new YearlyCharge(
              lines.get(0).years().get(i).year(), Rounding.tidy(total), Rounding.tidy(floored)));
    }
    BigDecimal capital =
        Rounding.average(yearly.stream().map(YearlyCharge::floored).toList(), unit);
    return new StandardisedResult(
        approach,
        currency,
        unit,
        lines,
        yearly,
        capital,
        Rounding.toCent(capital.multiply(LegacyRules.RWA_MULTIPLIER), unit));
  }
}
