package io.ormcalc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class InputHashTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final LocalDate DATE = LocalDate.of(2024, 12, 31);

  private static String hash(String inputs, String parameters) throws Exception {
    JsonNode params = parameters == null ? null : JSON.readTree(parameters);
    return InputHash.of("sma", "BANK", DATE, JSON.readTree(inputs), params);
  }

  @Test
  void key_order_white_space_and_trailing_zeros_do_not_change_the_hash() throws Exception {
    String a = hash("{\"a\": 1.50, \"b\": [1, {\"y\": 2, \"x\": 3}]}", "{}");
    String b = hash("{\"b\":[1,{\"x\":3,\"y\":2.0}],\"a\":1.5}", null);

    assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
  }

  @Test
  void any_change_of_value_changes_the_hash() throws Exception {
    assertThat(hash("{\"a\": 1.5}", null)).isNotEqualTo(hash("{\"a\": 1.51}", null));
    assertThat(hash("{\"a\": \"x\"}", null)).isNotEqualTo(hash("{\"a\": \"X\"}", null));
    assertThat(InputHash.of("sma", "BANK", DATE, JSON.readTree("{}"), null))
        .isNotEqualTo(InputHash.of("sma", "BANK", DATE.minusDays(1), JSON.readTree("{}"), null));
  }

  @Test
  void the_canonical_form_is_compact_sorted_json() throws Exception {
    StringBuilder out = new StringBuilder();
    InputHash.write(JSON.readTree("{\"b\": \"é\\n\", \"a\": [1.0, null, true]}"), out);
    assertThat(out).hasToString("{\"a\":[1,null,true],\"b\":\"é\\n\"}");
  }
}
