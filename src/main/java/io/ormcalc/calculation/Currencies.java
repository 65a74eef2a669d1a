package io.ormcalc.calculation;

import java.util.Currency;

/** ISO 4217 currency codes as the contract accepts them: three upper-case letters, a known code. */
public final class Currencies {

  private Currencies() {}

  /** Records a violation unless the code is null or a known ISO 4217 code. */
  public static void check(String field, String code, Violations v) {
    if (code == null) {
      return;
    }
    if (!code.matches("[A-Z]{3}")) {
      v.add(field, "must be an ISO 4217 code of three upper-case letters, e.g. EUR");
      return;
    }
    try {
      Currency.getInstance(code);
    } catch (IllegalArgumentException unknown) {
      v.add(field, "is not an ISO 4217 currency code: " + code);
    }
  }
}
