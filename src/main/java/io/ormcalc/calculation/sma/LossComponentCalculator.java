package io.ormcalc.calculation.sma;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.Rounding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the loss history and the Loss Component from yearly totals or from loss events.
 *
 * <p>Loss events follow the OPE25 minimum standards for the loss data set: each event is assigned
 * to the financial year of its accounting date; its net loss is the gross loss less the recoveries
 * actually received; events already in credit RWA and events excluded with supervisory approval are
 * left out; an event counts only when its net loss is at or above the threshold.
 */
final class LossComponentCalculator {

  private LossComponentCalculator() {}

  static LossComponent fromAnnualLosses(List<AnnualLoss> losses, AmountUnit unit) {
    List<LossYear> years =
        losses.stream().map(l -> new LossYear(l.year(), l.netLoss(), null)).toList();
    return summarise("annual_losses", null, years, null, unit);
  }

  static LossComponent fromEvents(
      List<LossEvent> events,
      int fromYear,
      int toYear,
      BigDecimal thresholdInUnit,
      ResolvedSmaParameters parameters,
      AmountUnit unit) {
    int span = toYear - fromYear + 1;
    BigDecimal[] totals = new BigDecimal[span];
    int[] counts = new int[span];
    Arrays.fill(totals, BigDecimal.ZERO);
    int credit = 0;
    int excluded = 0;
    int below = 0;
    int outside = 0;
    for (LossEvent event : events) {
      if (Boolean.TRUE.equals(event.excluded())) {
        excluded++;
        continue;
      }
      if (Boolean.TRUE.equals(event.creditRelated())) {
        credit++;
        continue;
      }
      BigDecimal recoveries =
          event.recoveriesReceived() == null ? BigDecimal.ZERO : event.recoveriesReceived();
      BigDecimal net = event.grossLoss().subtract(recoveries);
      if (net.compareTo(thresholdInUnit) < 0) {
        below++;
        continue;
      }
      int year = parameters.fiscalYearOf(event.accountingDate());
      if (year < fromYear || year > toYear) {
        outside++;
        continue;
      }
      totals[year - fromYear] = totals[year - fromYear].add(net);
      counts[year - fromYear]++;
    }
    List<LossYear> years = new ArrayList<>(span);
    int counted = 0;
    for (int i = 0; i < span; i++) {
      years.add(new LossYear(fromYear + i, Rounding.tidy(totals[i]), counts[i]));
      counted += counts[i];
    }
    LossEventTally tally =
        new LossEventTally(events.size(), counted, credit, excluded, below, outside);
    return summarise("loss_events", Rounding.tidy(thresholdInUnit), years, tally, unit);
  }

  static LossComponent none() {
    return new LossComponent("none", null, List.of(), 0, null, null, null);
  }

  private static LossComponent summarise(
      String basis,
      BigDecimal threshold,
      List<LossYear> years,
      LossEventTally tally,
      AmountUnit unit) {
    BigDecimal average = Rounding.average(years.stream().map(LossYear::netLoss).toList(), unit);
    return new LossComponent(
        basis,
        threshold,
        years,
        years.size(),
        average,
        Rounding.tidy(average.multiply(LossComponent.MULTIPLIER)),
        tally);
  }
}
