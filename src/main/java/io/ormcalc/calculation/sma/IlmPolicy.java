package io.ormcalc.calculation.sma;

/**
 * Whether the Internal Loss Multiplier is calculated (OPE25.8) or set to one (OPE25.11 discretion).
 */
public enum IlmPolicy {
  CALCULATED("calculated"),
  ONE("one");

  private final String code;

  IlmPolicy(String code) {
    this.code = code;
  }

  @Override
  public String toString() {
    return code;
  }
}
