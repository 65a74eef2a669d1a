package io.ormcalc.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ormcalc.support.Browser;
import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.FakeIdentityProvider;
import io.ormcalc.support.Jobs;
import io.ormcalc.support.NeedsTools;
import io.ormcalc.support.Tokens;
import io.ormcalc.support.WebhookReceiver;
import io.ormcalc.support.WebhookReceiver.Reply;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The operations dashboard end to end, in a real browser (Debian's Chromium, headless) against the
 * running service with token verification on: sign-in by pasted token and by redirect, jobs
 * submitted through the API appearing and progressing live (Server-Sent Events), a job's detail
 * (SMA breakdown, LDA tail chart, audit trail, deliveries), cancelling a job, redelivering a dead
 * webhook, and another tenant seeing none of it. Screenshots: target/dashboard-screenshots.
 */
@QuarkusTest
@TestProfile(DashboardProfile.class)
@NeedsTools(
    value = {Browser.CHROMIUM, Browser.CHROMEDRIVER},
    install = Browser.INSTALL)
class DashboardBrowserQuarkusTest {

  private static final String JOBS = "/api/v1/calculation-jobs";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String TENANT_A = "bank-a-" + RUN;
  private static final String TENANT_B = "bank-b-" + RUN;
  private static final String ADMIN_A =
      Tokens.token("ops-admin", TENANT_A, "calc:admin", "calc:submit", "calc:read");
  private static final String SUBMITTER_A = Tokens.token("risk-system", TENANT_A, "calc:submit");
  private static final String READER_B = Tokens.token("auditor-b", TENANT_B, "calc:read");
  private static final String SUBMITTER_B = Tokens.token("risk-system-b", TENANT_B, "calc:submit");

  @TestHTTPResource("/")
  URL home;

  private static Browser browser;
  private static WebhookReceiver receiver;
  private static FakeIdentityProvider idp;

  @BeforeAll
  static void start() throws Exception {
    receiver = WebhookReceiver.start();
    idp =
        FakeIdentityProvider.start(
            DashboardProfile.idpPort(), "oidc-user", TENANT_A, "calc:read", "calc:submit");
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (idp != null) {
      idp.close();
    }
  }

  @Test
  void operators_watch_act_and_stay_within_their_tenant() throws Exception {
    List<String> latencies = new ArrayList<>();

    // 1. Signing in with a pasted token
    browser.open(home.toString());
    browser.awaitElement(15, "#token-input");
    browser.screenshot("01-sign-in");
    signInWith(ADMIN_A);
    browser.awaitElement(15, "#overview-cards #count-total");
    browser.await(15, d -> browser.text("#live").equals("live"));
    assertThat(browser.text("#who")).contains("ops-admin", TENANT_A, "calc:admin");
    browser.script("window.__sameDocument = 42;");

    // 2. A long Monte Carlo job appears among the running jobs and its bar moves, live
    String progressing =
        Jobs.create(SUBMITTER_A, CalculationRequests.anLdaRequest(40_000_000, "async", 10), 202);
    String row = "#running-jobs tr[data-job='" + progressing + "']";
    browser.awaitElement(20, row);
    List<Double> seen = new ArrayList<>();
    browser.await(
        60,
        d -> {
          List<WebElement> rows = browser.findAll(row + " .bar");
          if (!rows.isEmpty()) {
            double value = Double.parseDouble(rows.get(0).getAttribute("aria-valuenow"));
            if (seen.isEmpty() || seen.get(seen.size() - 1) != value) {
              seen.add(value);
            }
            if (value > 0 && value < 100 && seen.size() >= 2) {
              return true;
            }
          }
          return false;
        });
    browser.screenshot("02-overview-running-job-progress");
    assertThat(seen).as("progress values shown, without reloading").anyMatch(p -> p > 0 && p < 100);
    browser.await(90, d -> !browser.present(row)); // gone from the running jobs when it ends
    assertThat(status(ADMIN_A, progressing)).isEqualTo("completed");
    assertThat(browser.script("return window.__sameDocument;")).isEqualTo(42L);
    assertThat(liveEventsFor(progressing))
        .as("progress came by the live stream")
        .anyMatch(e -> "running".equals(e.get("status")));

    // 3. New jobs appear at the top of the job list as they are submitted
    browser.click("a[data-nav='jobs']");
    browser.awaitElement(15, "#job-rows tr");
    for (int i = 0; i < 3; i++) {
      long before = System.currentTimeMillis();
      String job =
          Jobs.create(
              SUBMITTER_A,
              CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity()),
              201);
      browser.awaitElement(15, "#job-rows tr[data-job='" + job + "']");
      long shown = System.currentTimeMillis();
      Object received = liveEventsFor(job).get(0).get("receivedAt");
      latencies.add(
          "submit→event "
              + (((Number) received).longValue() - before)
              + " ms, submit→row "
              + (shown - before)
              + " ms");
    }
    browser.screenshot("03-job-list-live");
    System.out.println("dashboard live latency (test run, small table): " + latencies);

    // 4. A job's detail: the SMA breakdown with the API's figure, and the audit trail
    JsonPath sma =
        given(SUBMITTER_A)
            .body(CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity()))
            .post(JOBS)
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    String smaId = sma.getString("job_id");
    String orc = sma.getObject("result.operational_risk_capital", BigDecimal.class).toPlainString();
    browser.open(home + "#/jobs/" + smaId);
    browser.awaitElement(15, "#sma-breakdown");
    assertThat(browser.text("#sma-breakdown").replace(",", "")).contains(orc);
    assertThat(browser.text("#audit-trail")).contains("risk-system", "completed");
    browser.screenshot("04-job-detail-sma");

    // 5. An LDA result draws its loss tail
    browser.open(home + "#/jobs/" + progressing);
    browser.awaitElement(15, "#lda-tail-chart svg polyline");
    assertThat(browser.findAll("#lda-tail-chart svg circle")).hasSizeGreaterThanOrEqualTo(4);
    browser.screenshot("05-job-detail-lda-tail");

    // 6. Cancelling a running job from its page
    String cancelMe =
        Jobs.create(SUBMITTER_A, CalculationRequests.anLdaRequest(100_000_000, "async", 10), 202);
    browser.open(home + "#/jobs/" + cancelMe);
    browser.await(30, d -> "running".equals(browser.text("#job-status")));
    browser.click("#cancel-job");
    browser.await(30, d -> "cancelled".equals(browser.text("#job-status")));
    assertThat(status(ADMIN_A, cancelMe)).isEqualTo("cancelled");
    browser.screenshot("06-job-cancelled");
    assertThat(
            given(ADMIN_A).get(JOBS + "/" + cancelMe + "/events").jsonPath().getList("items.actor"))
        .contains("ops-admin");

    // 7. A dead webhook, redelivered from the dead letters
    receiver.script("/hooks/dead", Reply.status(410));
    Map<String, Object> withCallback =
        CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity());
    withCallback.put("callback_url", receiver.url("/hooks/dead"));
    withCallback.put("execution_mode", "async");
    String notified = Jobs.create(SUBMITTER_A, withCallback, 202);
    String deliveryId =
        Awaitility.await()
            .atMost(30, TimeUnit.SECONDS)
            .until(() -> delivery(notified), d -> d != null && "dead".equals(d.get("status")))
            .get("delivery_id")
            .toString();
    browser.click("a[data-nav='dead-letters']");
    String deadRow = "#dead-letters tr[data-delivery='" + deliveryId + "']";
    browser.awaitElement(15, deadRow);
    browser.screenshot("07-dead-letters");
    browser.click(deadRow + " button.redeliver");
    receiver.await("/hooks/dead", 2, Duration.ofSeconds(30));
    Awaitility.await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> "delivered".equals(delivery(notified).get("status")));
    browser.await(15, d -> !browser.present(deadRow));
    browser.open(home + "#/jobs/" + notified);
    browser.awaitElement(15, "#webhook-deliveries tr[data-delivery='" + deliveryId + "']");
    browser.await(15, d -> browser.text("#webhook-deliveries").contains("delivered"));
    browser.screenshot("08-webhook-redelivered");

    // 8. Another tenant's reader sees none of it, live or listed, and may not act
    browser.click("#sign-out");
    browser.open(home + "#/");
    browser.awaitElement(15, "#token-input");
    signInWith(READER_B);
    browser.awaitElement(15, "#overview-cards #count-total");
    assertThat(browser.enabled("#cleanup")).isFalse();
    browser.open(home + "#/jobs");
    browser.awaitElement(15, "#job-rows tr");
    browser.await(15, d -> browser.text("#live").equals("live"));
    String otherTenants =
        Jobs.create(
            SUBMITTER_A, CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity()), 201);
    String own =
        Jobs.create(
            SUBMITTER_B, CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity()), 201);
    browser.awaitElement(15, "#job-rows tr[data-job='" + own + "']");
    String listed = browser.text("#job-rows");
    for (String job : List.of(progressing, cancelMe, notified, smaId, otherTenants)) {
      assertThat(listed).doesNotContain(job);
      assertThat(liveEventsFor(job)).as("tenant B's stream carried A's job %s", job).isEmpty();
    }
    browser.screenshot("09-other-tenant-sees-own-jobs-only");
    browser.open(home + "#/jobs/" + smaId);
    browser.awaitElement(15, "#not-found");
    browser.open(home + "#/jobs/" + own);
    browser.awaitElement(15, "#cancel-job");
    assertThat(browser.enabled("#cancel-job")).isFalse();

    // 9. Signing in by redirect (authorization code with PKCE)
    browser.click("#sign-out");
    browser.awaitElement(15, "#sign-in-oidc");
    browser.click("#sign-in-oidc");
    browser.await(20, d -> browser.text("#who").contains("oidc-user"));
    assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
    assertThat(idp.refusals()).isEmpty();
    browser.screenshot("10-signed-in-by-redirect");

    assertThat(browser.consoleErrors())
        .as("no script error, no refused resource (CSP)")
        .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));
  }

  private void signInWith(String token) {
    WebElement input = browser.find("#token-input");
    browser.script("arguments[0].value = arguments[1];", input, token);
    browser.click("#sign-in");
  }

  private static RequestSpecification given(String token) {
    return io.restassured.RestAssured.given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON);
  }

  private static String status(String token, String jobId) {
    return given(token).get(JOBS + "/" + jobId).then().statusCode(200).extract().path("status");
  }

  private static Map<String, Object> delivery(String jobId) {
    List<Map<String, Object>> items =
        given(ADMIN_A).get(JOBS + "/" + jobId + "/webhook-deliveries").jsonPath().getList("items");
    return items.isEmpty() ? null : items.get(0);
  }

  private static List<Map<String, Object>> liveEventsFor(String jobId) {
    return browser.liveEvents().stream().filter(e -> jobId.equals(e.get("id"))).toList();
  }
}
