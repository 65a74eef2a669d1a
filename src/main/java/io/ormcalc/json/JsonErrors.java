package io.ormcalc.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.ormcalc.calculation.InputViolation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Translates Jackson's exceptions into an {@link InputViolation}: the JSON path of the value and a
 * message in the contract's terms, never a Java class name or parser internals.
 */
public final class JsonErrors {

  private JsonErrors() {}

  /**
   * @param prefix the path of the node that was being read, e.g. {@code inputs}; empty for the
   *     whole body
   */
  public static InputViolation toViolation(String prefix, JsonProcessingException e) {
    String path = prefix;
    if (e instanceof JsonMappingException mapping) {
      path = join(prefix, pathOf(mapping));
    }
    return new InputViolation(path.isEmpty() ? "body" : path, messageOf(innermost(e)));
  }

  /** True when the JSON text itself was malformed, not merely of the wrong shape. */
  public static boolean isSyntaxError(JsonProcessingException e) {
    return innermost(e) instanceof JsonParseException;
  }

  /** Jackson wraps errors met inside a property with that property's path; the cause says why. */
  private static JsonProcessingException innermost(JsonProcessingException e) {
    JsonProcessingException inner = e;
    while (inner.getCause() instanceof JsonProcessingException cause && cause != inner) {
      inner = cause;
    }
    return inner;
  }

  static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String join(String prefix, String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return prefix;
    }
    return path.startsWith("[") ? prefix + path : prefix + "." + path;
  }

  static String messageOf(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "is not a known field";
    }
    if (e instanceof StreamConstraintsException) {
      return "exceeds the limits of this API (numbers of at most "
          + StrictJsonCustomizer.MAX_NUMBER_LENGTH
          + " characters, at most "
          + StrictJsonCustomizer.MAX_NESTING_DEPTH
          + " levels of nesting)";
    }
    if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
      return "is not valid JSON: something follows the end of the JSON value";
    }
    if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
      Class<?> target = ((MismatchedInputException) e).getTargetType();
      if (target != null) {
        return "must be " + describe(target);
      }
    }
    if (e instanceof JsonParseException parse) {
      return "is not valid JSON: " + parserReason(parse);
    }
    return "is not valid";
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      return "one of: "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == BigInteger.class) {
      return "a whole number";
    }
    if (type == BigDecimal.class || Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == LocalDate.class) {
      return "a date in the form YYYY-MM-DD";
    }
    if (Temporal.class.isAssignableFrom(type)) {
      return "an ISO-8601 timestamp";
    }
    if (type == String.class) {
      return "a string";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static String parserReason(JsonParseException e) {
    String original = e.getOriginalMessage();
    if (original == null) {
      return "malformed";
    }
    if (original.startsWith("Duplicate field")) {
      return original.replace("Duplicate field", "duplicate field");
    }
    if (original.contains("Non-standard token")) {
      return "NaN and Infinity are not numbers in JSON";
    }
    int cut = original.indexOf('\n');
    String firstLine = cut < 0 ? original : original.substring(0, cut);
    int hint = firstLine.indexOf("; enable ");
    return hint < 0 ? firstLine : firstLine.substring(0, hint);
  }
}
