package io.ormcalc.metrics;

import static io.ormcalc.support.Jobs.JOBS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.support.CalculationRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /q/metrics} carries the service's own metrics, and they move with the work done. */
@QuarkusTest
class MetricsQuarkusTest {

  private static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The value of the first series of {@code name} whose labels contain all of {@code labels}. */
  private static double value(String text, String name, String... labels) {
    Pattern series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$");
    Matcher m = series.matcher(text);
    while (m.find()) {
      boolean all = true;
      for (String label : labels) {
        all &= m.group(1).contains(label);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }

  @Test
  void a_finished_job_moves_its_counters_and_histograms() {
    String before = scrape();
    Map<String, Object> body = CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
    body.put("execution_mode", "sync");
    body.put("priority", "low"); // a series no other test's background job moves
    given().contentType(ContentType.JSON).body(body).post(JOBS).then().statusCode(201);
    String after = scrape();

    String[] bia = {"model=\"bia\"", "priority=\"low\""};
    String[] biaSync = {"model=\"bia\"", "priority=\"low\"", "mode=\"sync\""};
    assertThat(value(after, "ormcalc_jobs_submitted_total", biaSync))
        .isEqualTo(value(before, "ormcalc_jobs_submitted_total", biaSync) + 1);
    String[] completed = {"model=\"bia\"", "status=\"completed\""};
    String[] finished = {"model=\"bia\"", "priority=\"low\"", "status=\"completed\""};
    assertThat(value(after, "ormcalc_jobs_finished_total", finished))
        .isEqualTo(value(before, "ormcalc_jobs_finished_total", finished) + 1);
    assertThat(value(after, "ormcalc_job_duration_seconds_count", completed))
        .isEqualTo(value(before, "ormcalc_job_duration_seconds_count", completed) + 1);
    assertThat(value(after, "ormcalc_job_queue_wait_seconds_count", bia))
        .isEqualTo(value(before, "ormcalc_job_queue_wait_seconds_count", bia) + 1);
    assertThat(after)
        .contains("ormcalc_jobs_queued ")
        .contains("ormcalc_jobs_running ")
        .contains("ormcalc_oldest_queued_age_seconds ");
    assertThat(after).doesNotContain("job_id=").doesNotContain("tenant=");
  }
}
