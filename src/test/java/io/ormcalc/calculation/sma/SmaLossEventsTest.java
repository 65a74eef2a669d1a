package io.ormcalc.calculation.sma;

import static io.ormcalc.calculation.sma.SmaFixtures.DEFAULTS;
import static io.ormcalc.calculation.sma.SmaFixtures.bd;
import static io.ormcalc.calculation.sma.SmaFixtures.biOf;
import static io.ormcalc.calculation.sma.SmaFixtures.calculate;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.CalculationContext;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmaLossEventsTest {

  private static LossEvent event(String id, String date, String gross, String recovered) {
    return new LossEvent(id, LocalDate.parse(date), bd(gross), bd(recovered), false, false);
  }

  private static SmaInput withEvents(List<LossEvent> events, Integer from) {
    return new SmaInput("EUR", AmountUnit.UNIT, biOf("40000000000"), null, events, from);
  }

  @Test
  void events_are_netted_by_recoveries_received_thresholded_and_summed_by_accounting_year() {
    List<LossEvent> events =
        List.of(
            event("E1", "2024-03-01", "1000000", "250000"),
            event("E2", "2024-11-30", "500000", "0"),
            event("E3", "2023-06-30", "40000", "25000"), // net 15,000 < 20,000
            event("E4", "2023-01-02", "20000", "0"), // exactly at the threshold: counts
            new LossEvent("E5", LocalDate.parse("2022-05-05"), bd("9000000"), null, true, false),
            new LossEvent("E6", LocalDate.parse("2022-05-06"), bd("7000000"), null, false, true),
            event("E7", "2012-01-01", "300000", "0")); // before the ten-year window

    SmaResult result = calculate(withEvents(events, null), DEFAULTS);
    LossComponent losses = result.losses();

    assertThat(losses.basis()).isEqualTo("loss_events");
    assertThat(losses.lossThreshold()).isEqualByComparingTo("20000");
    assertThat(losses.years()).hasSize(10);
    assertThat(losses.years().get(0).year()).isEqualTo(2015);
    assertThat(losses.years().get(9).netLoss()).isEqualByComparingTo("1250000");
    assertThat(losses.years().get(9).eventsCounted()).isEqualTo(2);
    assertThat(losses.years().get(8).netLoss()).isEqualByComparingTo("20000");
    assertThat(losses.years().get(7).netLoss()).isEqualByComparingTo("0");
    assertThat(losses.events()).isEqualTo(new LossEventTally(7, 3, 1, 1, 1, 1));
    // zero-loss years count: (1,250,000 + 20,000) / 10
    assertThat(result.averageAnnualLoss()).isEqualByComparingTo("127000");
    assertThat(result.lossComponent()).isEqualByComparingTo("1905000");
  }

  @Test
  void a_higher_threshold_and_a_shorter_window_can_be_chosen() {
    List<LossEvent> events =
        List.of(event("E1", "2024-03-01", "150000", "0"), event("E2", "2020-03-01", "90000", "0"));
    SmaParameters threshold100k = new SmaParameters(null, bd("100000"), null, null, null, null);

    SmaResult result = calculate(withEvents(events, 2019), threshold100k);

    assertThat(result.lossYears()).isEqualTo(6);
    assertThat(result.losses().events().belowThreshold()).isEqualTo(1);
    assertThat(result.averageAnnualLoss()).isEqualByComparingTo("25000");
  }

  @Test
  void rbi_financial_years_end_in_march() {
    List<LossEvent> events =
        List.of(event("E1", "2024-03-31", "10", "0"), event("E2", "2024-04-01", "20", "0"));
    SmaInput input = new SmaInput(null, AmountUnit.LAKH, biOf("100000"), null, events, 2020);
    SmaParameters rbi = new SmaParameters(RuleSet.RBI_2023, bd("100000"), null, null, null, null);

    SmaResult result =
        (SmaResult)
            new SmaModel()
                .prepare(input, rbi, LocalDate.of(2024, 6, 30))
                .calculate(CalculationContext.NONE);

    assertThat(result.losses().lossThreshold()).isEqualByComparingTo("1");
    assertThat(result.losses().years())
        .extracting(LossYear::year)
        .containsExactly(2020, 2021, 2022, 2023, 2024);
    assertThat(result.losses().years().get(4).netLoss()).isEqualByComparingTo("10");
    assertThat(result.losses().events().outsideWindow()).isEqualTo(1);
  }
}
