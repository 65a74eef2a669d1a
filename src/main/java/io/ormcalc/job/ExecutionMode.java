package io.ormcalc.job;

/**
 * How a job is run: answered in the request (sync), in the background (async), or chosen (auto).
 */
public enum ExecutionMode {
  SYNC("sync"),
  ASYNC("async"),
  AUTO("auto");

  private final String code;

  ExecutionMode(String code) {
    this.code = code;
  }

  @Override
  public String toString() {
    return code;
  }
}
