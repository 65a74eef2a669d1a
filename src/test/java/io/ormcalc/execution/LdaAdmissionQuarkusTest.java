package io.ormcalc.execution;

import static io.ormcalc.support.Jobs.awaitStatus;
import static io.ormcalc.support.Jobs.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Admission by memory: LDA jobs start only while their estimates fit the replica's budget beside
 * those running; the others wait queued, and all complete.
 */
@QuarkusTest
@TestProfile(LdaAdmissionQuarkusTest.SmallBudget.class)
class LdaAdmissionQuarkusTest {

  /** Room for one of the test's simulations (about 36 MB each, checkpoint included) at a time. */
  public static class SmallBudget implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ormcalc.lda.memory-budget", "48M");
    }
  }

  @Inject Database db;
  @Inject LdaMemory memory;

  @Test
  void lda_jobs_that_do_not_fit_beside_the_running_ones_wait_queued_and_all_complete() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> body = CalculationRequests.anLdaRequest(2_000_000, 10, 0.9, 1);
      body.put("execution_mode", "async");
      ids.add(create(body, 202));
    }
    AtomicLong mostRunning = new AtomicLong();
    AtomicLong mostReserved = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              mostRunning.accumulateAndGet(
                  db.count(
                      "select count(*) from job where status = 'running' and id = any(?)",
                      (Object) ids.toArray(String[]::new)),
                  Math::max);
              mostReserved.accumulateAndGet(memory.reserved(), Math::max);
              return db.count(
                      "select count(*) from job where status = 'completed' and id = any(?)",
                      (Object) ids.toArray(String[]::new))
                  == ids.size();
            });

    long one =
        io.ormcalc.calculation.lda.LdaSimulation.peakBytes(10, "comonotonic", 2_000_000, 0.9, 2);
    assertThat(2 * one).as("two estimates do not fit the budget").isGreaterThan(memory.budget());
    assertThat(mostReserved.get())
        .as("one simulation's estimate reserved at a time")
        .isPositive()
        .isLessThanOrEqualTo(memory.budget());
    // a job's memory frees when its calculation ends, its row says running until the completer
    // writes: the next may show running beside it for those milliseconds, never a third
    assertThat(mostRunning.get()).isBetween(1L, 2L);
    assertThat(memory.reserved()).isZero();
    ids.forEach(id -> assertThat(awaitStatus(id, "completed").getInt("attempts")).isOne());
  }
}
