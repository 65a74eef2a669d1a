package io.ormcalc.api;

import jakarta.enterprise.context.RequestScoped;

/** The correlation id of the current request (see {@link CorrelationIdFilter}). */
@RequestScoped
public class RequestCorrelation {

  private String id;

  public String id() {
    return id;
  }

  void set(String id) {
    this.id = id;
  }
}
