package io.ormcalc.calculation.sma;

import static io.ormcalc.calculation.sma.SmaFixtures.CALCULATION_DATE;
import static io.ormcalc.calculation.sma.SmaFixtures.DEFAULTS;
import static io.ormcalc.calculation.sma.SmaFixtures.bd;
import static io.ormcalc.calculation.sma.SmaFixtures.biOf;
import static io.ormcalc.calculation.sma.SmaFixtures.input;
import static io.ormcalc.calculation.sma.SmaFixtures.losses;
import static io.ormcalc.calculation.sma.SmaFixtures.year;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ormcalc.calculation.AmountUnit;
import io.ormcalc.calculation.InputViolation;
import io.ormcalc.calculation.InvalidInputException;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;

class SmaValidationTest {

  private static ListAssert<InputViolation> violationsOf(SmaInput input, SmaParameters parameters) {
    try {
      new SmaModel().prepare(input, parameters, CALCULATION_DATE);
    } catch (InvalidInputException e) {
      return Assertions.assertThat(e.violations());
    }
    throw new AssertionError("expected the input to be rejected");
  }

  @Test
  void fewer_than_three_bi_years_are_rejected() {
    violationsOf(input(AmountUnit.UNIT, biOf("1").subList(0, 2), null), DEFAULTS)
        .extracting(InputViolation::field)
        .contains("inputs.business_indicator");
  }

  @Test
  void negative_income_items_are_rejected_with_the_field_path() {
    List<BusinessIndicatorYear> bi =
        List.of(
            year(2022, "1", "1", "-5", "0", "0"),
            year(2023, "1", "1", "5", "-1", "0"),
            year(2024, "1", "1", "5", "0", "-1"));
    violationsOf(input(AmountUnit.UNIT, bi, null), DEFAULTS)
        .extracting(InputViolation::field)
        .containsExactlyInAnyOrder(
            "inputs.business_indicator[0].interest_earning_assets",
            "inputs.business_indicator[1].fee_income");
  }

  @Test
  void years_must_be_consecutive_and_not_after_the_calculation_date() {
    List<BusinessIndicatorYear> gap =
        List.of(
            year(2021, "0", "0", "0", "0", "1"),
            year(2023, "0", "0", "0", "0", "1"),
            year(2024, "0", "0", "0", "0", "1"));
    violationsOf(input(AmountUnit.UNIT, gap, null), DEFAULTS)
        .extracting(InputViolation::message)
        .anyMatch(m -> m.contains("consecutive"));

    List<BusinessIndicatorYear> future =
        List.of(
            year(2023, "0", "0", "0", "0", "1"),
            year(2024, "0", "0", "0", "0", "1"),
            year(2025, "0", "0", "0", "0", "1"));
    violationsOf(input(AmountUnit.UNIT, future, null), DEFAULTS)
        .extracting(InputViolation::message)
        .anyMatch(m -> m.contains("after 2024"));
  }

  @Test
  void amounts_beyond_the_bounds_are_rejected_before_any_arithmetic() {
    violationsOf(input(AmountUnit.UNIT, biOf("1e999999999"), null), DEFAULTS)
        .extracting(InputViolation::message)
        .anyMatch(m -> m.contains("digits before the decimal point"));
    violationsOf(input(AmountUnit.UNIT, biOf("0.0000000000001"), null), DEFAULTS)
        .extracting(InputViolation::message)
        .anyMatch(m -> m.contains("digits after the decimal point"));
  }

  @Test
  void more_than_ten_loss_years_and_negative_losses_are_rejected() {
    violationsOf(
            input(
                AmountUnit.UNIT,
                biOf("1"),
                losses("1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1")),
            DEFAULTS)
        .extracting(InputViolation::field)
        .contains("inputs.annual_losses");
    violationsOf(input(AmountUnit.UNIT, biOf("1"), losses("1", "-1", "1", "1", "1")), DEFAULTS)
        .extracting(InputViolation::field)
        .contains("inputs.annual_losses[1].net_loss");
  }

  @Test
  void another_currency_needs_its_own_bucket_edges_and_loss_threshold() {
    SmaInput usd =
        new SmaInput(
            "USD",
            AmountUnit.UNIT,
            biOf("1"),
            null,
            List.of(new LossEvent("E", LocalDate.of(2024, 1, 1), bd("1"), null, null, null)),
            null);
    violationsOf(usd, DEFAULTS)
        .extracting(InputViolation::field)
        .containsExactlyInAnyOrder("parameters.bucket_thresholds", "parameters.loss_threshold");
  }

  @Test
  void loss_events_need_unique_ids_and_dates_not_after_the_calculation_date() {
    List<LossEvent> events =
        List.of(
            new LossEvent("A", LocalDate.of(2024, 1, 1), bd("5"), bd("6"), null, null),
            new LossEvent("A", LocalDate.of(2025, 1, 1), bd("5"), null, null, null));
    violationsOf(new SmaInput(null, null, biOf("1"), null, events, null), DEFAULTS)
        .extracting(InputViolation::field)
        .containsExactlyInAnyOrder(
            "inputs.loss_events[0].recoveries_received",
            "inputs.loss_events[1].event_id",
            "inputs.loss_events[1].accounting_date");
  }

  @Test
  void both_kinds_of_loss_history_at_once_are_rejected() {
    assertThatThrownBy(
            () ->
                new SmaModel()
                    .prepare(
                        new SmaInput(null, null, biOf("1"), losses("1"), List.of(), null),
                        DEFAULTS,
                        CALCULATION_DATE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not both");
  }
}
