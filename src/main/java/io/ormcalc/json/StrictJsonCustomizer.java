package io.ormcalc.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Makes the one {@link ObjectMapper} of the service strict on input and exact on output.
 *
 * <ul>
 *   <li>Plain RFC 8259 JSON only: no NaN or Infinity, comments, single quotes or trailing commas.
 *   <li>Duplicate keys, trailing tokens, numbers for enums, floats for integers and strings for
 *       numbers or booleans are errors (unknown fields are rejected by {@code
 *       quarkus.jackson.fail-on-unknown-properties}).
 *   <li>Decimal numbers are read as {@link java.math.BigDecimal}, never through a double, and
 *       written in plain notation; a number may have at most {@value #MAX_NUMBER_LENGTH} characters
 *       and documents at most {@value #MAX_NESTING_DEPTH} levels.
 *   <li>Enums travel as their {@code toString()} (the lower-case wire codes), so the calculation
 *       package needs no Jackson annotation.
 * </ul>
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

  static final int MAX_NUMBER_LENGTH = 64;
  static final int MAX_NESTING_DEPTH = 32;

  @Override
  public void customize(ObjectMapper mapper) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build());
    mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    for (JsonReadFeature lenient :
        new JsonReadFeature[] {
          JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
          JsonReadFeature.ALLOW_JAVA_COMMENTS,
          JsonReadFeature.ALLOW_YAML_COMMENTS,
          JsonReadFeature.ALLOW_SINGLE_QUOTES,
          JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
          JsonReadFeature.ALLOW_TRAILING_COMMA,
          JsonReadFeature.ALLOW_MISSING_VALUES,
          JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
          JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
          JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS,
          JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS
        }) {
      mapper.disable(lenient.mappedFeature());
    }
    mapper.enable(
        DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
        DeserializationFeature.READ_ENUMS_USING_TO_STRING);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
    // snake_case JSON names; set here rather than by quarkus.jackson.property-naming-strategy,
    // which loads the strategy class by name (a reflective lookup a native image lacks)
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    for (LogicalType type :
        new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }
}
