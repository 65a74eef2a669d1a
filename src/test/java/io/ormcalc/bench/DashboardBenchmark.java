package io.ormcalc.bench;

import io.ormcalc.support.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the dashboard in Chromium against a running service (bench/dashboard-bench.sh seeds
 * 1,000,000 jobs first): page load of every view, from navigation start to the view drawn with its
 * data; paging deep into the job list; and live-event latency, from submitting a job over HTTP to
 * its event in the page. A benchmark, not a test: it reports and asserts nothing.
 *
 * <p>Arguments: base URL, an admin token, a tenant reader's token, a job id to open.
 */
public final class DashboardBenchmark {

  private static final int LOADS = 10;
  private static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"(job_[0-9a-z]{26})\"");

  private DashboardBenchmark() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String admin = args[1];
    String reader = args[2];
    String someJob = args[3];
    String sma = Files.readString(Path.of("docs/examples/sma-request.json"));
    try (Browser browser = Browser.start()) {
      for (Map.Entry<String, String> who :
          List.of(
              Map.entry("tenant reader (200,000 jobs)", reader),
              Map.entry("admin (every tenant)", admin))) {
        System.out.printf(
            "%n== page load, %s: navigation start to the view drawn with its data (ms)%n",
            who.getKey());
        signIn(browser, base, who.getValue());
        for (String[] view :
            new String[][] {
              {"overview", "#/"},
              {"jobs", "#/jobs"},
              {"jobs", "#/jobs?status=failed"},
              {"jobs", "#/jobs?status=completed&model_name=lda"},
              {"jobs", "#/jobs?model_name=asa"},
              {"jobs", "#/jobs?entity_id=SEED_42"},
              {"job", "#/jobs/" + someJob},
              {"dead-letters", "#/dead-letters"},
            }) {
          List<Double> times = new ArrayList<>();
          for (int i = 0; i < LOADS; i++) {
            browser.open(base + "/?load=" + i + view[1]);
            times.add(readyAt(browser, view[0]));
          }
          report(view[1], times);
        }
        System.out.printf("== paging the job list 20 pages deep, %s (ms per page)%n", who.getKey());
        browser.open(base + "/?paging" + "#/jobs");
        readyAt(browser, "jobs");
        List<Double> pages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          browser.script("window.__ormcalcReady = null; window.__clickedAt = performance.now();");
          browser.click("#next-page");
          double ready = readyAt(browser, "jobs");
          pages.add(ready - ((Number) browser.script("return window.__clickedAt;")).doubleValue());
        }
        report("Older → (cursor)", pages);
      }

      System.out.printf("%n== live events: a job submitted over HTTP, seen in the page (ms)%n");
      signIn(browser, base, admin);
      browser.open(base + "/?live#/jobs");
      readyAt(browser, "jobs");
      browser.await(15, d -> browser.text("#live").equals("live"));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<Double> submitToPage = new ArrayList<>();
      List<Double> announceToPage = new ArrayList<>();
      List<Double> answerToPage = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        long before = System.currentTimeMillis();
        HttpResponse<String> created =
            http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/calculation-jobs"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            sma.replace("\"BENCH_SMA\"", "\"BENCH_SMA_" + i + "\"")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        long answered = System.currentTimeMillis();
        Matcher id = JOB_ID.matcher(created.body());
        if (!id.find()) {
          throw new IllegalStateException("no job id in " + created.body());
        }
        String jobId = id.group(1);
        Map<String, Object> first =
            browser.await(
                10,
                d ->
                    browser.liveEvents().stream()
                        .filter(e -> jobId.equals(e.get("id")))
                        .findFirst()
                        .orElse(null));
        double received = ((Number) first.get("receivedAt")).doubleValue();
        submitToPage.add(received - before);
        answerToPage.add(received - answered);
        announceToPage.add(received - ((Number) first.get("announcedAt")).doubleValue());
        browser.await(10, d -> browser.present("#job-rows tr[data-job='" + jobId + "']"));
        Thread.sleep(300); // past the 250 ms batching window: each job is a first change
      }
      report("submit (HTTP request sent) → event in the page", submitToPage);
      report(
          "HTTP answer received → event in the page (negative: the event came first)",
          answerToPage);
      report("replica received the database's announcement → event in the page", announceToPage);
    }
  }

  private static void signIn(Browser browser, String base, String token) {
    browser.open(base + "/?signin");
    browser.script("sessionStorage.setItem('ormcalc.token', arguments[0]);", token);
  }

  private static double readyAt(Browser browser, String view) {
    try {
      return awaitReady(browser, view);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new IllegalStateException(
          "view "
              + view
              + " not drawn at "
              + browser.driver().getCurrentUrl()
              + "; page: "
              + browser.text("main")
              + "; console: "
              + browser.consoleErrors(),
          e);
    }
  }

  private static double awaitReady(Browser browser, String view) {
    return browser.await(
        30,
        d -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> ready =
              (Map<String, Object>) browser.script("return window.__ormcalcReady;");
          return ready != null && view.equals(ready.get("view"))
              ? ((Number) ready.get("at")).doubleValue()
              : null;
        });
  }

  private static void report(String what, List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-72s n=%3d  p50 %7.1f  p95 %7.1f  max %7.1f%n",
        what,
        sorted.size(),
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
        sorted.get(sorted.size() - 1));
  }
}
