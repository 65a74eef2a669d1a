package io.ormcalc.job;

/** The calculation a job runs. */
public enum ModelName {
  SMA("sma"),
  BIA("bia"),
  TSA("tsa"),
  ASA("asa"),
  LDA("lda");

  private final String code;

  ModelName(String code) {
    this.code = code;
  }

  @Override
  public String toString() {
    return code;
  }
}
