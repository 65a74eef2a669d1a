package io.ormcalc.calculation.legacy;

import io.ormcalc.calculation.Violations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the Basel II approaches (BCBS, "International Convergence of Capital Measurement and Capital
 * Standards", June 2006, §§644–654) share: three years of data and the 12.5 factor.
 */
final class LegacyRules {

  /** The rule-set name recorded in lineage for BIA, TSA and ASA. */
  static final String RULE_SET = "BASEL_II";

  static final int YEARS = 3;

  /** §44: risk-weighted assets are 12.5 times the operational-risk capital charge. */
  static final BigDecimal RWA_MULTIPLIER = new BigDecimal("12.5");

  private LegacyRules() {}

  /** Three consecutive years, oldest first, each with a bounded amount, none after the date. */
  static void checkThreeYears(
      String path,
      List<YearAmount> series,
      boolean nonNegative,
      LocalDate calculationDate,
      Violations v) {
    if (!v.required(path, series)) {
      return;
    }
    if (series.size() != YEARS) {
      v.add(path, "must list exactly 3 years, oldest first; got " + series.size());
    }
    for (int i = 0; i < series.size(); i++) {
      if (v.required(path + "[" + i + "]", series.get(i))) {
        v.amount(path + "[" + i + "].amount", series.get(i).amount(), nonNegative);
      }
    }
    if (series.stream().noneMatch(Objects::isNull)) {
      v.consecutiveYears(
          path,
          series.stream().map(YearAmount::year).toList(),
          i -> path + "[" + i + "]",
          calculationDate.getYear());
    }
  }
}
