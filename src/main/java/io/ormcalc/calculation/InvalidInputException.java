package io.ormcalc.calculation;

import java.util.List;

/** The input cannot be calculated as given; the client must correct it (never retried). */
public final class InvalidInputException extends RuntimeException {

  private final List<InputViolation> violations;

  public InvalidInputException(List<InputViolation> violations) {
    super(violations.size() + " invalid input value(s), first: " + violations.get(0));
    this.violations = List.copyOf(violations);
  }

  public List<InputViolation> violations() {
    return violations;
  }
}
