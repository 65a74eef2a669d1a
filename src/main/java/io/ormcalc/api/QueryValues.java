package io.ormcalc.api;

import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Strict parsing of query parameters, collecting a {@link FieldError} for each bad one. */
final class QueryValues {

  private QueryValues() {}

  static <E extends Enum<E>> E enumValue(
      String name, String value, Class<E> type, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.toString().equals(value)) {
        return constant;
      }
    }
    errors.add(
        new FieldError(
            name,
            "must be one of: "
                + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString)
                    .collect(Collectors.joining(", "))));
    return null;
  }

  static Instant instant(String name, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new FieldError(
              name, "must be an ISO-8601 date-time with offset, e.g. 2024-12-31T00:00:00Z"));
      return null;
    }
  }

  /**
   * Refuses query parameters the operation does not know (a misspelt filter would otherwise be
   * ignored silently and widen the result).
   */
  static void onlyKnown(UriInfo uri, Set<String> known, List<FieldError> errors) {
    uri.getQueryParameters().keySet().stream()
        .filter(name -> !known.contains(name))
        .sorted()
        .forEach(
            name ->
                errors.add(
                    new FieldError(abbreviate(name), "is not a parameter of this operation")));
  }

  private static String abbreviate(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }

  /** The {@code limit} of a listing: 1 to 200, default 50. */
  static int pageSize(String value, List<FieldError> errors) {
    return intInRange(
        "limit",
        value,
        CalculationJobResource.DEFAULT_LIMIT,
        1,
        CalculationJobResource.MAX_LIMIT,
        errors);
  }

  /** The {@code cursor} of a listing whose ids match {@code ids}; null when absent or invalid. */
  static JobCursor cursor(String value, Pattern ids, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    JobCursor position = JobCursor.decode(value, ids);
    if (position == null) {
      errors.add(new FieldError("cursor", "is not a cursor issued by this service"));
    }
    return position;
  }

  static int intInRange(
      String name, String value, int fallback, int min, int max, List<FieldError> errors) {
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
    return fallback;
  }
}
