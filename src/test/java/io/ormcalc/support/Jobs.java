package io.ormcalc.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** HTTP helpers for tests of asynchronous jobs. */
public final class Jobs {

  public static final String JOBS = "/api/v1/calculation-jobs";

  private Jobs() {}

  /** A request for a scripted calculation (see {@link ScriptedCalculationModels}). */
  public static Map<String, Object> scripted(
      String mode, String priority, Map<String, Object> script) {
    Map<String, Object> body =
        CalculationRequests.request(
            "sma", CalculationRequests.uniqueEntity(), Map.of("script", script), null);
    body.put("execution_mode", mode);
    if (priority != null) {
      body.put("priority", priority);
    }
    return body;
  }

  public static Map<String, Object> script(String name, Object... more) {
    Map<String, Object> script = new HashMap<>();
    script.put("name", name);
    for (int i = 0; i < more.length; i += 2) {
      script.put((String) more[i], more[i + 1]);
    }
    return script;
  }

  /** Creates a job and returns its id, checking the status code. */
  public static String create(Object body, int expectedStatus) {
    return create(null, body, expectedStatus);
  }

  /** Creates a job with a bearer token (null: none) and returns its id, checking the status. */
  public static String create(String token, Object body, int expectedStatus) {
    return (token == null ? given() : given().header("Authorization", "Bearer " + token))
        .contentType(ContentType.JSON)
        .body(body)
        .post(JOBS)
        .then()
        .statusCode(expectedStatus)
        .extract()
        .path("job_id");
  }

  public static JsonPath get(String jobId) {
    return given().get(JOBS + "/" + jobId).then().statusCode(200).extract().jsonPath();
  }

  public static String status(String jobId) {
    return get(jobId).getString("status");
  }

  /** Waits until the job reaches the status (at most 20 s) and returns it. */
  public static JsonPath awaitStatus(String jobId, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status.equals(status(jobId)));
    return get(jobId);
  }
}
