package io.ormcalc.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.support.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The requests in docs/examples, which the README points to, are accepted and calculate. */
@QuarkusTest
class DocumentedExamplesQuarkusTest {

  private static String example(String name) throws IOException {
    return Files.readString(Path.of("docs/examples", name));
  }

  @Test
  void the_sma_example_answers_synchronously_with_the_readme_figures() throws IOException {
    JsonPath job =
        Jobs.get(Jobs.create(example("sma-request.json"), 201))
            .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(job.<BigDecimal>get("result.operational_risk_capital"))
        .isEqualByComparingTo("150.07576003");
    assertThat(job.getInt("result.bucket")).isEqualTo(2);
  }

  @Test
  void the_bia_example_answers_synchronously() throws IOException {
    JsonPath job = Jobs.get(Jobs.create(example("bia-request.json"), 201));
    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(job.getString("model_name")).isEqualTo("bia");
  }

  @Test
  void the_lda_example_runs_in_the_background_and_reports_both_units() throws IOException {
    String id = Jobs.create(example("lda-request.json"), 202);
    JsonPath job = Jobs.awaitStatus(id, "completed");
    assertThat(job.getList("result.units.name"))
        .containsExactly("retail_external_fraud", "execution_delivery_process");
    assertThat(job.getLong("result.seed")).isEqualTo(20241231L);
    assertThat(job.getLong("result.simulations")).isEqualTo(1_000_000L);
  }
}
