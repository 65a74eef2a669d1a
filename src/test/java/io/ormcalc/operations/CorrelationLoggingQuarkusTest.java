package io.ormcalc.operations;

import static io.ormcalc.support.Jobs.JOBS;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ormcalc.support.CalculationRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The correlation id of a request follows its job into the logs (with the job's id, run id and
 * tenant), and an ingress's X-Request-ID serves as the correlation id when no X-Correlation-ID
 * comes.
 */
@QuarkusTest
class CorrelationLoggingQuarkusTest {

  /** Captures the log context of what the job worker logs. */
  static final class Capture extends Handler {
    final List<Map<String, String>> records = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord record) {
      if (record instanceof ExtLogRecord ext) {
        records.add(ext.getMdcCopy());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void a_jobs_log_lines_carry_its_correlation_id_job_id_run_id_and_tenant() {
    Capture capture = new Capture();
    Logger worker = Logger.getLogger("io.ormcalc.execution.JobWorker");
    worker.addHandler(capture);
    try {
      Map<String, Object> body =
          CalculationRequests.aBiaRequest(CalculationRequests.uniqueEntity());
      body.put("execution_mode", "async");
      String correlation = "trace-" + System.nanoTime();
      String jobId =
          given()
              .contentType(ContentType.JSON)
              .header("X-Request-ID", correlation)
              .body(body)
              .post(JOBS)
              .then()
              .statusCode(202)
              .header("X-Correlation-ID", correlation)
              .extract()
              .path("job_id");

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> capture.records.stream().anyMatch(m -> jobId.equals(m.get("job_id"))));
      Map<String, String> context =
          capture.records.stream().filter(m -> jobId.equals(m.get("job_id"))).findFirst().get();
      assertThat(context)
          .containsEntry("correlation_id", correlation)
          .containsEntry("tenant", "default")
          .containsKey("run_id");
    } finally {
      worker.removeHandler(capture);
    }
  }
}
