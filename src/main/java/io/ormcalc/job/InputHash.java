package io.ormcalc.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lineage fingerprint of a request: SHA-256 (hex) of its canonical JSON, {@code
 * {"calculation_date", "entity_id", "inputs", "model_name", "parameters"}}.
 *
 * <p>Canonical form: object keys sorted by code point, no insignificant white space, strings in
 * JSON escaping, numbers as {@link java.math.BigDecimal} with trailing zeros removed ({@code 1.50}
 * and {@code 1.5} hash alike), absent parameters as {@code {}}. Two requests that mean the same
 * calculation have the same hash whatever their key order or formatting.
 */
public final class InputHash {

  private InputHash() {}

  public static String of(
      String modelName,
      String entityId,
      LocalDate calculationDate,
      JsonNode inputs,
      JsonNode parameters) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("model_name", modelName);
    root.put("entity_id", entityId);
    root.put("calculation_date", calculationDate.toString());
    root.set("inputs", inputs);
    root.set(
        "parameters",
        parameters == null || parameters.isNull()
            ? JsonNodeFactory.instance.objectNode()
            : parameters);
    return sha256(root);
  }

  /**
   * The fingerprint of a whole creation request (what an idempotency key is compared against): the
   * same canonical form and hash over every field given.
   */
  public static String ofRequest(JsonNode request) {
    return sha256(request);
  }

  private static String sha256(JsonNode node) {
    StringBuilder canonical = new StringBuilder();
    write(node, canonical);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        sorted.put(field.getKey(), field.getValue());
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(JsonNodeFactory.instance.textNode(field.getKey()).toString()).append(':');
        write(field.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isNumber()) {
      out.append(node.decimalValue().stripTrailingZeros().toString());
    } else {
      out.append(node.toString());
    }
  }
}
