package io.ormcalc.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas of the packaged service: an LDA run whose replica is stopped (SIGTERM) or killed
 * (SIGKILL) part-way resumes on the other from its saved state, to the uninterrupted run's exact
 * result; pausing dispatch through one replica stops claiming on both, resuming through the other
 * restarts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResumeAndPauseIT {

  static final String JOBS = "/api/v1/calculation-jobs";
  static final String RUN = ReplicasChaosIT.lda(40_000_000); // some seconds of one thread

  ChaosDatabase db;
  List<Replica> replicas = new ArrayList<>();
  String uninterrupted;

  @BeforeAll
  void startTwoReplicas() throws Exception {
    db = ChaosDatabase.create();
    Map<String, String> environment = db.failoverEnvironment(Duration.ofSeconds(6));
    environment.put("ORMCALC_LDA_THREADS", "1");
    environment.put("LDA_CHECKPOINT_INTERVAL", "1s");
    for (int i = 1; i <= 2; i++) {
      replicas.add(new Replica("resume-" + i, environment));
    }
    replicas.get(0).start();
    replicas.get(0).awaitReady(Duration.ofSeconds(90));
    replicas.get(1).start();
    replicas.get(1).awaitReady(Duration.ofSeconds(90));
  }

  @AfterAll
  void stopReplicas() throws InterruptedException {
    for (Replica replica : replicas) {
      if (replica.isAlive()) {
        replica.terminate(Duration.ofSeconds(30));
      }
    }
  }

  @Test
  @Order(1)
  void the_uninterrupted_run() throws Exception {
    String id = create(replicas.get(0));
    awaitStatus(id, "completed", Duration.ofMinutes(2));
    uninterrupted = result(id);
  }

  @Test
  @Order(2)
  void a_run_whose_replica_is_stopped_resumes_on_the_other_to_the_same_result() throws Exception {
    String id = create(replicas.get(0));
    Replica owner = awaitProgress(id, 30);

    owner.terminate(Duration.ofSeconds(30));
    awaitStatus(id, "completed", Duration.ofMinutes(2));

    assertThat(result(id)).isEqualTo(uninterrupted);
    assertThat(db.count("select attempt from job where id = ?", id)).as("handed back").isOne();
    assertThat(other(owner).log()).contains("resumes from a saved state");
    owner.start();
    owner.awaitReady(Duration.ofSeconds(90));
  }

  @Test
  @Order(3)
  void a_run_whose_replica_is_killed_resumes_from_its_last_checkpoint_to_the_same_result()
      throws Exception {
    String id = create(replicas.get(1));
    Replica owner = awaitProgress(id, 30);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> db.count("select count(*) from lda_checkpoint where job_id = ?", id) == 1);

    owner.kill();
    awaitStatus(id, "completed", Duration.ofMinutes(2));

    assertThat(result(id)).isEqualTo(uninterrupted);
    assertThat(db.count("select attempt from job where id = ?", id)).as("rescued").isEqualTo(2);
    assertThat(other(owner).log()).contains("resumes from a saved state");
    owner.start();
    owner.awaitReady(Duration.ofSeconds(90));
  }

  @Test
  @Order(4)
  void
      pausing_through_one_replica_stops_claiming_on_both_and_resuming_through_the_other_restarts_it()
          throws Exception {
    assertThat(
            replicas
                .get(0)
                .put(JOBS + "/queue/pauses/model/lda", "{\"reason\":\"checking both replicas\"}")
                .statusCode())
        .isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(create(replicas.get(i % 2)));
    }
    Thread.sleep(3000); // both replicas poll every second and are woken by each creation
    assertThat(
            db.count(
                "select count(*) from job where status = 'queued' and id = any(?)",
                (Object) ids.toArray(String[]::new)))
        .isEqualTo(4);

    assertThat(replicas.get(1).delete(JOBS + "/queue/pauses/model/lda").statusCode())
        .isEqualTo(204);
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                db.count(
                        "select count(*) from job where status = 'queued' and id = any(?)",
                        (Object) ids.toArray(String[]::new))
                    == 0);
    for (String id : ids) {
      replicas.get(0).delete(JOBS + "/" + id);
    }
  }

  private String create(Replica replica) throws Exception {
    HttpResponse<String> created = replica.post(JOBS, RUN);
    assertThat(created.statusCode()).isEqualTo(202);
    Matcher id = ReplicasChaosIT.JOB_ID.matcher(created.body());
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  /** Waits until the job has run this far; returns the replica running it. */
  private Replica awaitProgress(String id, int percent) throws java.sql.SQLException {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                db.count(
                        "select count(*) from job where id = ? and status = 'running'"
                            + " and progress_percentage >= ?",
                        id,
                        percent)
                    == 1);
    String owner =
        (String) db.rows("select lease_owner from job where id = ?", id).get(0).get("lease_owner");
    return replicas.stream().filter(r -> r.name.equals(owner)).findFirst().orElseThrow();
  }

  private Replica other(Replica replica) {
    return replicas.stream().filter(r -> r != replica).findFirst().orElseThrow();
  }

  private void awaitStatus(String id, String status, Duration limit) {
    Awaitility.await()
        .atMost(limit)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                db.count("select count(*) from job where id = ? and status = ?", id, status) == 1);
  }

  private String result(String id) throws Exception {
    return String.valueOf(
        db.rows("select cast(result as text) as r from job where id = ?", id).get(0).get("r"));
  }
}
