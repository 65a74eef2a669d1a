package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three replicas of the packaged service share one PostgreSQL; jobs flow while one replica is
 * killed with SIGKILL and another stopped with SIGTERM, and both come back. Nothing may be lost,
 * done twice, or run past its attempts; the killed replica's jobs must restart within two lease
 * periods, the stopped replica's at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasChaosIT {

  static final Duration LEASE = Duration.ofSeconds(6);
  static final int JOBS = 5_000;
  static final int LDA_EVERY = 50;
  static final Pattern JOB_ID = Pattern.compile("\"job_id\":\"(job_[0-9a-z]{26})\"");

  ChaosDatabase db;
  List<Replica> replicas = new ArrayList<>();
  String smaBody;

  @BeforeAll
  void startThreeReplicas() throws Exception {
    db = ChaosDatabase.create();
    Map<String, String> environment = db.failoverEnvironment(LEASE);
    environment.put("MAX_CONCURRENT_JOBS", "4");
    environment.put("ORMCALC_LDA_THREADS", "1");
    for (int i = 1; i <= 3; i++) {
      replicas.add(new Replica("replica-" + i, environment));
    }
    replicas.get(0).start(); // the first migrates the schema alone
    replicas.get(0).awaitReady(Duration.ofSeconds(90));
    replicas.get(1).start();
    replicas.get(2).start();
    replicas.get(1).awaitReady(Duration.ofSeconds(90));
    replicas.get(2).awaitReady(Duration.ofSeconds(90));
    smaBody =
        Files.readString(Path.of("docs/examples/sma-request.json"))
            .replace("\"execution_mode\":\"sync\"", "\"execution_mode\":\"async\"");
  }

  @AfterAll
  void stopReplicas() throws InterruptedException {
    for (Replica replica : replicas) {
      if (replica.isAlive()) {
        replica.terminate(Duration.ofSeconds(30));
      }
    }
  }

  static String lda(long years) {
    return "{\"model_name\":\"lda\",\"entity_id\":\"CHAOS\",\"calculation_date\":\"2024-12-31\","
        + "\"execution_mode\":\"async\",\"inputs\":{\"units_of_measure\":[{\"name\":\"u\","
        + "\"frequency\":{\"type\":\"poisson\",\"lambda\":10},"
        + "\"severity\":{\"type\":\"lognormal\",\"mu\":10,\"sigma\":2}}],"
        + "\"simulations\":"
        + years
        + ",\"seed\":7}}";
  }

  @Test
  @Order(1)
  void cancelling_through_one_replica_stops_the_job_on_the_replica_running_it_within_a_second()
      throws Exception {
    HttpResponse<String> created =
        replicas.get(0).post("/api/v1/calculation-jobs", lda(150_000_000));
    assertThat(created.statusCode()).isEqualTo(202);
    String jobId = jobId(created.body());
    String owner = awaitRunningOwner(jobId);
    Replica other = replicas.stream().filter(r -> !r.name.equals(owner)).findFirst().orElseThrow();

    assertThat(other.delete("/api/v1/calculation-jobs/" + jobId).statusCode()).isEqualTo(202);
    awaitCount(
        "select count(*) from job where id = ? and status = 'cancelled'",
        1,
        Duration.ofSeconds(15),
        jobId);

    Map<String, Object> times =
        db.rows(
                "select max(occurred_at) filter (where event_type = 'cancel_requested') as requested,"
                    + " max(occurred_at) filter (where event_type = 'cancelled') as stopped,"
                    + " max(actor) filter (where event_type = 'cancelled') as stopped_by"
                    + " from job_event where job_id = ?",
                jobId)
            .get(0);
    Duration took = between(times.get("requested"), times.get("stopped"));
    System.out.printf(
        "cross-replica cancellation: %s asked, %s stopped it after %d ms%n",
        other.name, owner, took.toMillis());
    assertThat(times.get("stopped_by")).isEqualTo("worker:" + owner);
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  @Order(2)
  void killed_and_stopped_replicas_lose_nothing_and_their_jobs_resume() throws Exception {
    long started = System.nanoTime();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(12);
    List<Future<?>> sending = new ArrayList<>();
    for (int t = 0; t < 12; t++) {
      sending.add(
          clients.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < JOBS) {
                  submit(i);
                  accepted.incrementAndGet();
                }
                return null;
              }));
    }

    awaitAccepted(accepted, JOBS / 4);
    List<String> killedJobs = runningJobsOf("replica-1", "lda");
    Instant killedAt = databaseNow();
    replicas.get(0).kill();

    awaitAccepted(accepted, JOBS / 2);
    List<String> handedBackJobs = runningJobsOf("replica-2", "lda"); // outlasts the grace
    Instant stoppedAt = databaseNow();
    int exit = replicas.get(1).terminate(Duration.ofSeconds(30));

    for (Future<?> f : sending) {
      f.get(5, TimeUnit.MINUTES);
    }
    clients.shutdown();
    Thread.sleep(
        Math.max(
            0, 2 * LEASE.toMillis() + 2000 - Duration.between(killedAt, databaseNow()).toMillis()));
    replicas.get(0).start();
    replicas.get(1).start();
    replicas.get(0).awaitReady(Duration.ofSeconds(90));
    replicas.get(1).awaitReady(Duration.ofSeconds(90));
    awaitCount(
        "select count(*) from job where status in ('queued', 'running')", 0, Duration.ofMinutes(6));
    double seconds = (System.nanoTime() - started) / 1e9;

    // every job reached an end; none is missing
    assertThat(db.count("select count(*) from job where entity_id <> 'CHAOS'"))
        .isEqualTo(JOBS - JOBS / LDA_EVERY);
    assertThat(
            db.count(
                "select count(*) from job where entity_id = 'CHAOS' and idempotency_key like 'chaos-%'"))
        .isEqualTo(JOBS / LDA_EVERY);
    assertThat(db.count("select count(*) from job where idempotency_key like 'chaos-%'"))
        .isEqualTo(JOBS);
    assertThat(
            db.count(
                "select count(*) from job where idempotency_key like 'chaos-%' and status <> 'completed'"))
        .isZero();
    // none completed twice; none ran more attempts than allowed (hand-backs do not count)
    assertThat(
            db.count(
                "select count(*) from (select job_id from job_event where event_type = 'completed'"
                    + " group by job_id having count(*) > 1) twice"))
        .isZero();
    assertThat(
            db.count(
                "select count(*) from job j where (select count(*) from job_event e where e.job_id = j.id"
                    + " and e.event_type = 'started') - (select count(*) from job_event e where e.job_id = j.id"
                    + " and e.event_type = 'released') > j.max_attempts"))
        .isZero();

    // the killed replica's jobs started again within two lease periods of the kill
    assertThat(killedJobs).isNotEmpty();
    Duration rescue = firstRestartAfter(killedJobs, killedAt, "rescued");
    // the stopped replica's jobs were handed back, not rescued, and restarted at once
    assertThat(exit).isIn(0, 143);
    assertThat(handedBackJobs).isNotEmpty();
    // handed back at once (readiness delay and grace, not a lease expiry); restarted when the one
    // replica left has a free slot, which its own simulations may hold for seconds
    Duration handOver = firstEventAfter(handedBackJobs, stoppedAt, "released");
    Duration restart = firstRestartAfter(handedBackJobs, stoppedAt, "released");
    assertThat(
            db.count(
                "select count(*) from job_event where event_type = 'rescued' and job_id = any(?)"
                    + " and occurred_at >= ?",
                handedBackJobs.toArray(String[]::new),
                Timestamp.from(stoppedAt)))
        .isZero();

    System.out.printf(
        "chaos: %d jobs (%d LDA) on 3 replicas in %.1f s; SIGKILL of replica-1 with %d running -> first"
            + " rescued job started after %.1f s (lease %d s); SIGTERM of replica-2 with %d running -> first"
            + " handed back after %.2f s, first handed-back job started after %.2f s%n",
        JOBS,
        JOBS / LDA_EVERY,
        seconds,
        killedJobs.size(),
        rescue.toMillis() / 1000.0,
        LEASE.getSeconds(),
        handedBackJobs.size(),
        handOver.toMillis() / 1000.0,
        restart.toMillis() / 1000.0);
    assertThat(rescue).isLessThan(LEASE.multipliedBy(2));
    assertThat(handOver).isLessThan(LEASE);
  }

  /** Posts job i with its own idempotency key, to replica i mod 3, moving on when one is down. */
  private void submit(int i) throws InterruptedException {
    String body = i % LDA_EVERY == 0 ? lda(3_000_000) : smaBody; // LDA: seconds each, here
    String json = body.replaceFirst("\\{", "{\"idempotency_key\":\"chaos-" + i + "\",");
    for (int attempt = 0; attempt < 30; attempt++) {
      Replica replica = replicas.get((i + attempt) % replicas.size());
      if (!replica.isAlive()) {
        continue;
      }
      try {
        int status = replica.post("/api/v1/calculation-jobs", json).statusCode();
        if (status == 202 || status == 200) {
          return;
        }
      } catch (IOException dropped) {
        // the replica went down mid-request: the key makes the retry safe
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("job " + i + " could not be submitted");
  }

  /** How long after {@code since} the first {@code type} event of one of the jobs came. */
  private Duration firstEventAfter(List<String> jobs, Instant since, String type)
      throws SQLException {
    return firstAfter(
        "select min(occurred_at) as first from job_event"
            + " where event_type = ? and job_id = any(?) and occurred_at >= ?",
        "a job was " + type,
        type,
        jobs,
        since);
  }

  /** How long after {@code since} the first of the jobs started again after a {@code via} event. */
  private Duration firstRestartAfter(List<String> jobs, Instant since, String via)
      throws SQLException {
    return firstAfter(
        "select min(s.occurred_at) as first from job_event s join job_event v"
            + " on v.job_id = s.job_id and v.event_type = ? and v.id < s.id"
            + " where s.event_type = 'started' and s.job_id = any(?) and v.occurred_at >= ?",
        "a " + via + " job started again",
        via,
        jobs,
        since);
  }

  private Duration firstAfter(
      String sql, String description, String type, List<String> jobs, Instant since)
      throws SQLException {
    Object first =
        db.rows(sql, type, jobs.toArray(String[]::new), Timestamp.from(since)).get(0).get("first");
    assertThat(first).as(description).isNotNull();
    return between(Timestamp.from(since), first);
  }

  /** The jobs the replica runs, once it runs one of the given model (waiting up to a minute). */
  private List<String> runningJobsOf(String owner, String model) throws Exception {
    for (int i = 0; i < 1200; i++) {
      List<String> ids =
          db
              .rows(
                  "select id from job where status = 'running' and lease_owner = ?"
                      + " and exists (select 1 from job l where l.status = 'running'"
                      + " and l.lease_owner = ? and l.model_name = ?)",
                  owner,
                  owner,
                  model)
              .stream()
              .map(r -> (String) r.get("id"))
              .toList();
      if (!ids.isEmpty()) {
        return ids;
      }
      Thread.sleep(50);
    }
    return List.of();
  }

  private String awaitRunningOwner(String jobId) throws Exception {
    for (int i = 0; i < 300; i++) {
      List<Map<String, Object>> rows =
          db.rows("select lease_owner from job where id = ? and status = 'running'", jobId);
      if (!rows.isEmpty()) {
        return (String) rows.get(0).get("lease_owner");
      }
      Thread.sleep(100);
    }
    throw new AssertionError("job " + jobId + " never ran");
  }

  private void awaitAccepted(AtomicInteger accepted, int n) throws InterruptedException {
    while (accepted.get() < n) {
      Thread.sleep(20);
    }
  }

  private void awaitCount(String sql, long expected, Duration limit, Object... args)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (db.count(sql, args) != expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("still " + db.count(sql, args) + " after " + limit + ": " + sql);
      }
      Thread.sleep(250);
    }
  }

  private Instant databaseNow() throws SQLException {
    return ((Timestamp) db.rows("select now() as now").get(0).get("now")).toInstant();
  }

  private static Duration between(Object from, Object to) {
    return Duration.between(((Timestamp) from).toInstant(), ((Timestamp) to).toInstant());
  }

  private static String jobId(String body) {
    Matcher m = JOB_ID.matcher(body);
    assertThat(m.find()).as("a job id in %s", body).isTrue();
    return m.group(1);
  }
}
