package io.ormcalc.calculation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Collects every {@link InputViolation} of one input, so that a client learns all that is wrong at
 * once rather than one field per round trip.
 *
 * <p>Amounts are bounded so that no input can make the arithmetic slow or absurd: at most {@value
 * #MAX_INTEGER_DIGITS} digits before the decimal point and {@value #MAX_FRACTION_DIGITS} after it.
 */
public final class Violations {

  public static final int MAX_INTEGER_DIGITS = 18;
  public static final int MAX_FRACTION_DIGITS = 12;

  private final List<InputViolation> found = new ArrayList<>();

  public void add(String field, String message) {
    found.add(new InputViolation(field, message));
  }

  /** True when the value is present; otherwise records that it is required. */
  public boolean required(String field, Object value) {
    if (value == null) {
      add(field, "is required");
      return false;
    }
    return true;
  }

  /** A required amount within the bounds; {@code nonNegative} also rejects values below zero. */
  public void amount(String field, BigDecimal value, boolean nonNegative) {
    if (required(field, value)) {
      optionalAmount(field, value, nonNegative);
    }
  }

  /** As {@link #amount} but null is allowed. */
  public void optionalAmount(String field, BigDecimal value, boolean nonNegative) {
    if (value == null) {
      return;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
      add(field, "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point");
    } else if (stripped.scale() > MAX_FRACTION_DIGITS) {
      add(field, "must have at most " + MAX_FRACTION_DIGITS + " digits after the decimal point");
    } else if (nonNegative && value.signum() < 0) {
      add(field, "must not be negative");
    }
  }

  /**
   * Checks that the years of a series are present, strictly ascending by one (oldest first, no gap
   * or repeat) and not after {@code latestAllowed}.
   */
  public void consecutiveYears(
      String field, List<Integer> years, IntFunction<String> fieldOfEntry, int latestAllowed) {
    Integer previous = null;
    for (int i = 0; i < years.size(); i++) {
      Integer year = years.get(i);
      if (!required(fieldOfEntry.apply(i) + ".year", year)) {
        return;
      }
      if (previous != null && year != previous + 1) {
        add(
            field,
            "years must be consecutive and listed oldest first (" + previous + ", " + year + ")");
        return;
      }
      previous = year;
    }
    if (previous != null && previous > latestAllowed) {
      add(field, "the latest year, " + previous + ", is after " + latestAllowed);
    }
  }

  /** Adds everything found here to another collector. */
  public void copyTo(Violations other) {
    other.found.addAll(found);
  }

  /** How many violations have been found so far. */
  public int count() {
    return found.size();
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws {@link InvalidInputException} with everything found, if anything was. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidInputException(found);
    }
  }
}
