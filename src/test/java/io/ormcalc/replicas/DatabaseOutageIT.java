package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The database vanishes for 20 s while two replicas have 1,000 jobs in flight (a TCP relay the test
 * cuts and restores): readiness goes DOWN and UP, creations are answered 503 meanwhile (quickly,
 * never 500), and afterwards every job has ended exactly once, none lost or stuck running, with
 * both replicas still the processes they were.
 */
class DatabaseOutageIT {

  static final int JOBS = 1_000;
  static final int LDA_EVERY = 40;
  static final Duration OUTAGE = Duration.ofSeconds(20);

  @Test
  void a_twenty_second_outage_mid_run_loses_nothing_and_needs_no_restart() throws Exception {
    ChaosDatabase db = ChaosDatabase.create();
    try (TcpProxy proxy = TcpProxy.inFrontOf(db)) {
      Map<String, String> environment = proxy.environmentFor(db);
      environment.put("QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT", "2S");
      environment.put("ORMCALC_LDA_THREADS", "1");
      List<Replica> replicas =
          List.of(new Replica("outage-1", environment), new Replica("outage-2", environment));
      replicas.get(0).start(); // the first migrates the schema alone
      replicas.get(0).awaitReady(Duration.ofSeconds(90));
      replicas.get(1).start();
      replicas.get(1).awaitReady(Duration.ofSeconds(90));
      List<Long> pids = replicas.stream().map(Replica::pid).toList();
      try {
        String sma =
            Files.readString(Path.of("docs/examples/sma-request.json"))
                .replace("\"execution_mode\":\"sync\"", "\"execution_mode\":\"async\"");
        submitAll(replicas, sma);
        assertThat(db.count("select count(*) from job where status in ('queued', 'running')"))
            .as("in flight when the database goes")
            .isPositive();

        proxy.stop();
        long cutAt = System.nanoTime();
        for (Replica replica : replicas) {
          Awaitility.await()
              .atMost(Duration.ofSeconds(15))
              .until(() -> replica.status("/q/health/ready") == 503);
        }
        List<Integer> answers = new ArrayList<>();
        long slowest = 0;
        while (System.nanoTime() - cutAt < OUTAGE.toNanos() - Duration.ofSeconds(3).toNanos()) {
          long asked = System.nanoTime();
          answers.add(
              replicas.get(answers.size() % 2).post("/api/v1/calculation-jobs", sma).statusCode());
          slowest = Math.max(slowest, System.nanoTime() - asked);
          Thread.sleep(250);
        }
        Thread.sleep(Math.max(0, (OUTAGE.toNanos() - (System.nanoTime() - cutAt)) / 1_000_000));
        proxy.start();
        for (Replica replica : replicas) {
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> replica.status("/q/health/ready") == 200);
        }
        System.out.printf(
            "outage: %d creations during it answered %s, the slowest in %d ms%n",
            answers.size(), answers.stream().distinct().toList(), slowest / 1_000_000);
        assertThat(answers).isNotEmpty().containsOnly(503);
        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(10));

        Awaitility.await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    db.count("select count(*) from job where status in ('queued', 'running')")
                        == 0);
        assertThat(db.count("select count(*) from job where idempotency_key like 'outage-%'"))
            .as("none lost")
            .isEqualTo(JOBS);
        assertThat(
                db.count(
                    "select count(*) from job where idempotency_key like 'outage-%'"
                        + " and status <> 'completed'"))
            .isZero();
        assertThat(
                db.count(
                    "select count(*) from (select job_id from job_event"
                        + " where event_type in ('completed', 'failed', 'cancelled')"
                        + " group by job_id having count(*) <> 1) twice"))
            .as("every job ended exactly once")
            .isZero();
        for (int i = 0; i < replicas.size(); i++) {
          assertThat(replicas.get(i).isAlive()).isTrue();
          assertThat(replicas.get(i).pid()).as("no restart").isEqualTo(pids.get(i));
          assertThat(replicas.get(i).starts()).isOne();
        }
      } finally {
        for (Replica replica : replicas) {
          if (replica.isAlive()) {
            replica.terminate(Duration.ofSeconds(30));
          }
        }
      }
    }
  }

  /** 1,000 jobs with idempotency keys, one LDA of some seconds in 20, spread over the replicas. */
  private static void submitAll(List<Replica> replicas, String sma) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> sending = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      sending.add(
          clients.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < JOBS) {
                  String body = i % LDA_EVERY == 0 ? ReplicasChaosIT.lda(4_000_000) : sma;
                  String json =
                      body.replaceFirst("\\{", "{\"idempotency_key\":\"outage-" + i + "\",");
                  HttpResponse<String> created =
                      replicas.get(i % replicas.size()).post("/api/v1/calculation-jobs", json);
                  assertThat(created.statusCode()).isEqualTo(202);
                }
                return null;
              }));
    }
    for (Future<?> f : sending) {
      f.get(2, TimeUnit.MINUTES);
    }
    clients.shutdown();
  }
}
