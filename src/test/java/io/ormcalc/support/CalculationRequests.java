package io.ormcalc.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builders of request bodies for the calculation-jobs API. Each request gets its own entity id, so
 * tests can find their jobs in a shared database.
 */
public final class CalculationRequests {

  private CalculationRequests() {}

  /** A unique entity id for one test. */
  public static String uniqueEntity() {
    return "T_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** A bucket-2 bank (BI €1,128.33m) with ten years of losses: a calculated ILM. */
  public static Map<String, Object> anSmaRequest(String entityId) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("currency", "EUR");
    inputs.put("amount_unit", "million");
    inputs.put(
        "business_indicator",
        List.of(
            biYear(2022, 1200, 700, 40000, 10, 400, 150, 50, 60, 90, -20),
            biYear(2023, 1300, 750, 42000, 12, 420, 160, 55, 58, -40, 15),
            biYear(2024, 1400, 800, 45000, 15, 450, 170, 60, 65, 70, 10)));
    List<Map<String, Object>> losses = new ArrayList<>();
    int[] amounts = {12, 8, 15, 9, 20, 11, 7, 13, 10, 14};
    for (int i = 0; i < amounts.length; i++) {
      losses.add(Map.of("year", 2015 + i, "net_loss", amounts[i]));
    }
    inputs.put("annual_losses", losses);
    return request("sma", entityId, inputs, Map.of("rule_set", "BCBS_2017"));
  }

  /** OPE25.7 footnote 2: a BI of €35bn, all of it financial component. */
  public static Map<String, Object> anSmaRequestWithBiOf35bn(String entityId) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("amount_unit", "billion");
    inputs.put(
        "business_indicator",
        List.of(
            biYear(2022, 0, 0, 0, 0, 0, 0, 0, 0, 35, 0),
            biYear(2023, 0, 0, 0, 0, 0, 0, 0, 0, 35, 0),
            biYear(2024, 0, 0, 0, 0, 0, 0, 0, 0, 35, 0)));
    return request("sma", entityId, inputs, null);
  }

  /** BIA with gross income +130, −60, +230: capital 27.0. */
  public static Map<String, Object> aBiaRequest(String entityId) {
    return request(
        "bia",
        entityId,
        Map.of(
            "amount_unit",
            "million",
            "annual_gross_income",
            List.of(
                Map.of("year", 2022, "amount", 130),
                Map.of("year", 2023, "amount", -60),
                Map.of("year", 2024, "amount", 230))),
        null);
  }

  /**
   * An LDA request: one unit, Poisson(lambda) frequency, lognormal(10, 2) severity, seed 7.
   *
   * @param mode sync, async, or null for the service to choose
   */
  public static Map<String, Object> anLdaRequest(long simulations, String mode, double lambda) {
    Map<String, Object> inputs =
        Map.of(
            "currency",
            "EUR",
            "units_of_measure",
            List.of(
                Map.of(
                    "name", "retail_fraud",
                    "frequency", Map.of("type", "poisson", "lambda", lambda),
                    "severity", Map.of("type", "lognormal", "mu", 10, "sigma", 2))),
            "simulations",
            simulations,
            "seed",
            7);
    Map<String, Object> body = request("lda", uniqueEntity(), inputs, null);
    if (mode != null) {
      body.put("execution_mode", mode);
    }
    return body;
  }

  /**
   * An LDA request of {@code units} identical units of measure (Poisson λ, lognormal 10/2) at the
   * given confidence, aggregated comonotonically.
   */
  public static Map<String, Object> anLdaRequest(
      long simulations, int units, double confidence, double lambda) {
    List<Map<String, Object>> measures = new java.util.ArrayList<>();
    for (int u = 0; u < units; u++) {
      measures.add(
          Map.of(
              "name", "unit_" + u,
              "frequency", Map.of("type", "poisson", "lambda", lambda),
              "severity", Map.of("type", "lognormal", "mu", 10, "sigma", 2)));
    }
    Map<String, Object> inputs =
        Map.of(
            "currency",
            "EUR",
            "units_of_measure",
            measures,
            "simulations",
            simulations,
            "confidence",
            confidence,
            "seed",
            7);
    return request("lda", uniqueEntity(), inputs, null);
  }

  public static Map<String, Object> request(
      String model, String entityId, Map<String, Object> inputs, Map<String, Object> parameters) {
    Map<String, Object> body = new HashMap<>();
    body.put("model_name", model);
    body.put("entity_id", entityId);
    body.put("calculation_date", "2024-12-31");
    body.put("inputs", inputs);
    if (parameters != null) {
      body.put("parameters", parameters);
    }
    return body;
  }

  public static Map<String, Object> biYear(
      int year,
      double ii,
      double ie,
      double iea,
      double di,
      double fi,
      double fe,
      double ooi,
      double ooe,
      double tb,
      double bb) {
    Map<String, Object> y = new HashMap<>();
    y.put("year", year);
    y.put("interest_income", ii);
    y.put("interest_expense", ie);
    y.put("interest_earning_assets", iea);
    y.put("dividend_income", di);
    y.put("fee_income", fi);
    y.put("fee_expense", fe);
    y.put("other_operating_income", ooi);
    y.put("other_operating_expense", ooe);
    y.put("net_pnl_trading_book", tb);
    y.put("net_pnl_banking_book", bb);
    return y;
  }
}
