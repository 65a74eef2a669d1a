package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.Violations;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks an {@link SmaInput} against the contract before anything is stored or calculated. */
final class SmaInputValidator {

  static final int BI_YEARS = 3;
  static final int MAX_EVENT_ID_LENGTH = 100;

  private SmaInputValidator() {}

  static void validate(
      SmaInput input, ResolvedSmaParameters parameters, LocalDate calculationDate, Violations v) {
    int latestAllowed = parameters.fiscalYearOf(calculationDate);
    int before = v.count();
    List<BusinessIndicatorYear> bi = input.businessIndicator();
    if (v.required("inputs.business_indicator", bi)) {
      if (bi.size() != BI_YEARS) {
        v.add(
            "inputs.business_indicator",
            "must list exactly 3 years (t−2, t−1, t), oldest first; got " + bi.size());
      }
      for (int i = 0; i < bi.size(); i++) {
        validateYear("inputs.business_indicator[" + i + "]", bi.get(i), v);
      }
      v.consecutiveYears(
          "inputs.business_indicator",
          bi.stream().map(y -> y == null ? null : y.year()).toList(),
          i -> "inputs.business_indicator[" + i + "]",
          latestAllowed);
    }
    if (input.annualLosses() != null && input.lossEvents() != null) {
      v.add("inputs", "give either annual_losses or loss_events, not both");
      return;
    }
    if (v.count() > before) {
      return; // the loss history is checked against the BI years, which must be sound first
    }
    int latestBiYear = bi.get(bi.size() - 1).year();
    if (input.annualLosses() != null) {
      validateAnnualLosses(input.annualLosses(), latestBiYear, v);
    }
    if (input.lossEvents() != null) {
      validateEvents(input, latestBiYear, calculationDate, v);
      if (parameters.lossThreshold() == null) {
        v.add(
            "parameters.loss_threshold",
            "is required with loss events under "
                + parameters.ruleSet()
                + " in "
                + input.currencyUnder(parameters.ruleSet())
                + ": name the threshold in currency units");
      }
    } else if (input.lossDataFromYear() != null) {
      v.add("inputs.loss_data_from_year", "applies only to loss_events");
    }
  }

  private static void validateYear(String path, BusinessIndicatorYear y, Violations v) {
    if (!v.required(path, y)) {
      return;
    }
    v.amount(path + ".interest_income", y.interestIncome(), true);
    v.amount(path + ".interest_expense", y.interestExpense(), true);
    v.amount(path + ".interest_earning_assets", y.interestEarningAssets(), true);
    v.amount(path + ".dividend_income", y.dividendIncome(), true);
    v.amount(path + ".fee_income", y.feeIncome(), true);
    v.amount(path + ".fee_expense", y.feeExpense(), true);
    v.amount(path + ".other_operating_income", y.otherOperatingIncome(), true);
    v.amount(path + ".other_operating_expense", y.otherOperatingExpense(), true);
    v.amount(path + ".net_pnl_trading_book", y.netPnlTradingBook(), false);
    v.amount(path + ".net_pnl_banking_book", y.netPnlBankingBook(), false);
  }

  private static void validateAnnualLosses(
      List<AnnualLoss> losses, int latestBiYear, Violations v) {
    String path = "inputs.annual_losses";
    if (losses.size() > RuleSet.MAXIMUM_LOSS_YEARS) {
      v.add(path, "must list at most 10 years (the loss component uses the previous ten years)");
    }
    for (int i = 0; i < losses.size(); i++) {
      AnnualLoss loss = losses.get(i);
      if (v.required(path + "[" + i + "]", loss)) {
        v.amount(path + "[" + i + "].net_loss", loss.netLoss(), true);
      }
    }
    v.consecutiveYears(
        path,
        losses.stream().map(l -> l == null ? null : l.year()).toList(),
        i -> path + "[" + i + "]",
        latestBiYear);
  }

  private static void validateEvents(
      SmaInput input, int latestBiYear, LocalDate calculationDate, Violations v) {
    String path = "inputs.loss_events";
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < input.lossEvents().size(); i++) {
      String at = path + "[" + i + "]";
      LossEvent e = input.lossEvents().get(i);
      if (!v.required(at, e)) {
        continue;
      }
      if (v.required(at + ".event_id", e.eventId())) {
        if (e.eventId().isBlank() || e.eventId().length() > MAX_EVENT_ID_LENGTH) {
          v.add(at + ".event_id", "must be 1 to " + MAX_EVENT_ID_LENGTH + " characters");
        } else if (!ids.add(e.eventId())) {
          v.add(at + ".event_id", "duplicates an earlier event_id: " + e.eventId());
        }
      }
      if (v.required(at + ".accounting_date", e.accountingDate())
          && e.accountingDate().isAfter(calculationDate)) {
        v.add(at + ".accounting_date", "is after the calculation date");
      }
      v.amount(at + ".gross_loss", e.grossLoss(), true);
      v.optionalAmount(at + ".recoveries_received", e.recoveriesReceived(), true);
      if (e.grossLoss() != null
          && e.recoveriesReceived() != null
          && e.recoveriesReceived().compareTo(e.grossLoss()) > 0) {
        v.add(at + ".recoveries_received", "exceeds the gross loss");
      }
    }
    Integer from = input.lossDataFromYear();
    if (from != null
        && (from > latestBiYear || from < latestBiYear - RuleSet.MAXIMUM_LOSS_YEARS + 1)) {
      v.add(
          "inputs.loss_data_from_year",
          "must lie within the ten years ending "
              + latestBiYear
              + " ("
              + (latestBiYear - RuleSet.MAXIMUM_LOSS_YEARS + 1)
              + "–"
              + latestBiYear
              + ")");
    }
  }
}
