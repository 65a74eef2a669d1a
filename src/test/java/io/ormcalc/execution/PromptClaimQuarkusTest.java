package io.ormcalc.execution;

import static io.ormcalc.support.JobRows.aQueuedJob;
import static io.ormcalc.support.Jobs.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ormcalc.support.CalculationRequests;
import io.ormcalc.support.Database;
import io.ormcalc.support.Jobs;
import io.ormcalc.support.Scripts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Urgent work does not wait for the claim in progress: while the dispatcher's loop is held in a
 * claiming transaction (a batch of closed-form jobs being calculated; here one held by a gate), an
 * urgent job that becomes due is claimed by a helper at once, announced by the database (the
 * notification carries its rank) or by the request that created it.
 */
@QuarkusTest
class PromptClaimQuarkusTest {

  @Inject Database db;

  @Test
  void urgent_jobs_are_claimed_while_the_loop_is_held_in_a_low_batch() {
    String gate = "held-batch";
    String held =
        aQueuedJob()
            .at("low")
            .scripted("{\"name\": \"" + gate + "\", \"instant\": true, \"await_gate\": true}")
            .insert(db);
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !Scripts.startedWithPrefix(gate).isEmpty());

      // due by a row the database announces (rank 0 in the notification)
      String announced = aQueuedJob().at("urgent").insert(db);
      // and by requests, a closed-form and a long-running one
      Map<String, Object> sma =
          CalculationRequests.anSmaRequest(CalculationRequests.uniqueEntity());
      sma.put("execution_mode", "async");
      sma.put("priority", "urgent");
      String requested = create(sma, 202);
      Map<String, Object> lda = CalculationRequests.anLdaRequest(10_000, "async", 1);
      lda.put("priority", "high");
      String longOne = create(lda, 202);

      for (String id : new String[] {announced, requested, longOne}) {
        await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(statusOf(id)));
      }
      assertThat(statusOf(held))
          .as("the low batch is still being calculated, its row locked and queued")
          .isEqualTo("queued");
      assertThat(Jobs.get(longOne).getString("started_at")).isNotNull();
    } finally {
      Scripts.open(gate);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> "completed".equals(statusOf(held)));
  }

  private String statusOf(String id) {
    return (String) db.row("select status from job where id = ?", id).get("status");
  }
}
